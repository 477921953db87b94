from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AwardType, Campaign, Nomination, NominationBasis, NomineeKind
from .selectors import staff_choices
from .services import NOMINATION_FIELDS, check_round_accepts
from .validators import validate_evidence_file


class NominationForm(forms.ModelForm):
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

    def clean(self):
        data = super().clean()
        # A new dossier must fall in an open nomination round (when the office runs rounds
        # for its campaign or year); a returned dossier may still be revised after closing.
        if not self.instance.pk and data.get("basis") and not self.errors:
            try:
                check_round_accepts(basis=data["basis"], campaign=data.get("campaign"), year=data.get("year"))
            except forms.ValidationError as exc:
                self.add_error(None, exc)
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_evidence_file(uploaded)
        return uploaded
