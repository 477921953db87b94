from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import Unit

from .models import EventType
from .selectors import AuditFilters


class AuditFilterForm(forms.Form):
    query = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, dossier, reason, value…")}),
    )
    event_type = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All events")), *EventType.choices]
    )
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.all(), empty_label=_("All units")
    )
    dossier = forms.CharField(label=_("Dossier code"), required=False, max_length=20)
    date_from = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> AuditFilters:
        """The valid filters (an invalid form filters nothing rather than failing)."""
        if not self.is_valid():
            return AuditFilters()
        return AuditFilters(**{k: v for k, v in self.cleaned_data.items() if v not in (None, "")})
