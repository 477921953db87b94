from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import RefuseControlCharacters
from common.uploads import validate_evidence_file
from nominations.models import AwardType, Campaign, Nomination, NominationBasis, NomineeKind

from .dossier_selectors import staff_choices
from .drafting import NOMINATION_FIELDS, validate_new_dossier


class NominationForm(RefuseControlCharacters, forms.ModelForm):
    """The unit's draft of a dossier; the model's own checks run on the unbound instance."""

    class Meta:
        model = Nomination
        fields = NOMINATION_FIELDS
        widgets = {
            "achievement_summary": forms.Textarea(attrs={"rows": 8}),
            "nominee_kind": forms.RadioSelect,
            "basis": forms.RadioSelect,
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        # Radio buttons with a real default, not Django's "---------" blank choice.
        self.fields["nominee_kind"].choices = NomineeKind.choices
        self.fields["basis"].choices = NominationBasis.choices
        if not self.instance.pk:
            self.initial.setdefault("nominee_kind", NomineeKind.INDIVIDUAL)
            self.initial.setdefault("basis", NominationBasis.CAMPAIGN)
            self.initial.setdefault("year", timezone.localdate().year)
        self.fields["staff"].queryset = staff_choices(unit)
        self.fields["campaign"].queryset = Campaign.objects.filter(is_open=True)
        self.fields["award_type"].queryset = AwardType.objects.filter(is_active=True)
        self.fields["year"].widget.attrs.update({"min": 2000, "max": 2100})

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year

    def _post_clean(self):
        super()._post_clean()  # the model's own rules, on the instance the form built
        # A new dossier passes the one check of new dossiers (the nomination round too); a
        # returned dossier may still be revised after the round closed.
        if not self.instance.pk and not self.errors:
            try:
                validate_new_dossier(self.instance, exclude=self._get_validation_exclusions())
            except forms.ValidationError as exc:
                self.add_error(None, exc)


class AttachmentForm(RefuseControlCharacters, forms.Form):
    file = forms.FileField(label=_("Evidence file"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_evidence_file(uploaded)
        return uploaded
