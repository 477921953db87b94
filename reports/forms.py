"""The filters of the statistics and step-analytics pages."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DayInput, RefuseControlCharacters
from nominations.models import AwardType, Campaign, NominationStatus, NomineeKind, Unit

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class StatisticsFilter(forms.Form):
    """Every field is optional; an invalid value is an error on the form and no figure is shown."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.all(), required=False, empty_label=_("All campaigns")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("All units")
    )
    award_type = forms.ModelChoiceField(
        label=_("Award"), queryset=AwardType.objects.all(), required=False, empty_label=_("All awards")
    )
    nominee_kind = forms.ChoiceField(
        label=_("Nominee kind"),
        required=False,
        choices=[("", _("Individuals and collectives"))] + NomineeKind.choices,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + NominationStatus.choices
    )

    def __init__(self, data=None, *, unit_scope=None, **kwargs):
        super().__init__(data, **kwargs)
        if unit_scope is not None:
            del self.fields["unit"]  # a unit's people read their own unit only

    def filters(self) -> dict:
        """The valid filters as keyword arguments of the selectors (empty ones left out)."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class AnalyticsFilter(forms.Form):
    """The period (steps that started in it), and optionally one campaign or unit."""

    date_from = forms.DateField(label=_("From date"), required=False, widget=DayInput())
    date_to = forms.DateField(label=_("To date"), required=False, widget=DayInput())
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.all(), required=False, empty_label=_("All campaigns")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("All units")
    )

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day and not (datetime.date(EARLIEST_YEAR, 1, 1) <= day <= datetime.date(LATEST_YEAR, 12, 31)):
                self.add_error(name, _("Enter a date between 01/01/2000 and 31/12/2100."))
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class PublicLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Dossier code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"placeholder": "KT-2024-000123", "autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    secret = forms.CharField(
        label=_("Lookup secret"),
        max_length=20,
        help_text=_("The eight characters printed on the receipt the unit gave you, e.g. ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


# The opening prose of a report, for the office to rewrite (documents are in Vietnamese).
DEFAULT_SITUATION = (
    "Thực hiện Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành, Sở Y tế đã ban hành "
    "kế hoạch, hướng dẫn các đơn vị trực thuộc tổ chức phong trào thi đua và công tác khen thưởng."
)
DEFAULT_ASSESSMENT = (
    "Công tác thi đua, khen thưởng được triển khai kịp thời, đúng quy định; hồ sơ đề nghị khen thưởng "
    "được thẩm định chặt chẽ, công khai, minh bạch."
)
DEFAULT_DIRECTIONS = (
    "Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua; quan tâm khen thưởng người "
    "lao động trực tiếp, cán bộ nữ; nâng cao chất lượng hồ sơ đề nghị khen thưởng."
)


class ReportDocumentForm(RefuseControlCharacters, forms.Form):
    """Which report, and the prose the office writes around the computed figures."""

    KIND_CHOICES = [
        ("year", _("Year-end summary of emulation and commendation")),
        ("campaign", _("Results of a campaign")),
    ]

    kind = forms.ChoiceField(
        label=_("Report"), choices=KIND_CHOICES, widget=forms.RadioSelect, initial="year"
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        help_text=_("For the year-end summary."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        required=False,
        help_text=_("For a campaign's results."),
    )
    day = forms.DateField(label=_("Date of the report"), widget=DayInput())
    signer_name = forms.CharField(label=_("Signed by (name)"), max_length=150, required=False)
    situation = forms.CharField(
        label=_("I. Situation"), widget=forms.Textarea(attrs={"rows": 4}), initial=DEFAULT_SITUATION
    )
    assessment = forms.CharField(
        label=_("III. Assessment"), widget=forms.Textarea(attrs={"rows": 4}), initial=DEFAULT_ASSESSMENT
    )
    directions = forms.CharField(
        label=_("IV. Directions"), widget=forms.Textarea(attrs={"rows": 4}), initial=DEFAULT_DIRECTIONS
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == "year" and not data.get("year"):
            self.add_error("year", _("Choose the year of the summary."))
        if data.get("kind") == "campaign" and not data.get("campaign"):
            self.add_error("campaign", _("Choose the campaign."))
        return data
