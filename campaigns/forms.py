from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import RefuseControlCharacters
from nominations.models import Campaign, NominationBasis

from .models import CampaignPhase, NominationRound

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(RefuseControlCharacters, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "name",
            "plan_number",
            "plan_date",
            "start_date",
            "end_date",
            "themes",
            "participants",
            "content",
            "criteria_collective",
            "criteria_individual",
            "registration_deadline",
            "report_deadline",
            "is_open",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.Textarea(attrs={"rows": 4}),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "criteria_collective": forms.Textarea(attrs={"rows": 4}),
            "criteria_individual": forms.Textarea(attrs={"rows": 4}),
            **{name: DATE for name in ("plan_date", "start_date", "end_date")},
            "registration_deadline": DATE,
            "report_deadline": DATE,
        }


PhaseFormSet = forms.inlineformset_factory(
    Campaign,
    CampaignPhase,
    fields=["name", "start_date", "end_date"],
    widgets={"start_date": DATE, "end_date": DATE},
    extra=2,
    can_delete=True,
)


class RegistrationForm(RefuseControlCharacters, forms.Form):
    theme = forms.CharField(label=_("Theme, programme, model or project"), max_length=500)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResultsReportForm(forms.Form):
    file = forms.FileField(label=_("Results report"))


class RoundForm(RefuseControlCharacters, forms.ModelForm):
    class Meta:
        model = NominationRound
        fields = ["name", "basis", "campaign", "year", "opens_at", "deadline"]
        widgets = {"opens_at": DATE, "deadline": DATE, "basis": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].choices = NominationBasis.choices
        self.fields["basis"].initial = NominationBasis.CAMPAIGN
