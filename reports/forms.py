"""The filters of the statistics and step-analytics pages."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DayInput
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
