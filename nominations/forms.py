from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AwardType, Campaign, Nomination
from .selectors import staff_choices
from .services import NOMINATION_FIELDS
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
        self.fields["staff"].queryset = staff_choices(unit)
        self.fields["campaign"].queryset = Campaign.objects.filter(is_open=True)
        self.fields["award_type"].queryset = AwardType.objects.filter(is_active=True)
        self.fields["year"].widget.attrs.update({"min": 2000, "max": 2100})

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_evidence_file(uploaded)
        return uploaded
