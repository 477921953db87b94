"""Filters of the audit log and its exports (django-filter): the pages, the export links
and ``export_audit`` all filter through this one set."""

import datetime

import django_filters as df
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.collation import vietnamese
from common.filters import StrictFilterSet
from common.text import fold
from nominations.models import Unit

from .models import AuditEvent, EventType

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# The trail starts with the product; a date outside this range is a typo (and year 1 or
# 9999 would overflow the time-zone arithmetic).
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class AuditEventForm(forms.Form):
    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(
                    name,
                    _("Enter a date between %(first)s and %(last)s.")
                    % {"first": EARLIEST.strftime("%d/%m/%Y"), "last": LATEST.strftime("%d/%m/%Y")},
                )
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data


class AuditEventFilter(StrictFilterSet):
    query = df.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.SearchInput(attrs={"placeholder": _("Name, dossier, reason, value…")}),
    )
    event_type = df.ChoiceFilter(label=_("Event"), choices=EventType.choices, empty_label=_("All events"))
    user = df.CharFilter(label=_("User name"), max_length=150, method="by_user")
    unit = df.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.order_by(vietnamese("name")), empty_label=_("All units")
    )
    dossier = df.CharFilter(label=_("Dossier code"), max_length=20, method="by_dossier")
    date_from = df.DateFilter(label=_("From date"), widget=DATE_INPUT, method="since")
    date_to = df.DateFilter(label=_("To date"), widget=DATE_INPUT, method="until")

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = AuditEventForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, AuditEvent.objects.all() if queryset is None else queryset, **kwargs)

    def search(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(search_key__contains=word)
        return queryset

    def by_user(self, queryset, name, value):
        return queryset.filter(actor_username=value.strip())

    def by_dossier(self, queryset, name, value):
        return queryset.filter(nomination_code=value.strip().upper())

    def since(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=_start_of(value))

    def until(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=_start_of(value + datetime.timedelta(days=1)))

    def as_params(self) -> dict:
        """The applied filters as query-string values (the export links, the export's own event)."""
        if not self.is_bound or not self.is_valid():
            return {}
        params = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            params[name] = (
                value.pk
                if hasattr(value, "pk")
                else value.isoformat()
                if hasattr(value, "isoformat")
                else value
            )
        return params
