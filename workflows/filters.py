"""Filters of the dossier list and of the task lists (django-filter)."""

import datetime

import django_filters as df
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task

from common.collation import vietnamese
from common.filters import StrictFilterSet
from nominations.models import AwardType, Campaign, Nomination, NominationStatus, Unit

from .dossier_selectors import search_nominations
from .selectors import HUMAN_NODES, NOMINATION_PATH
from .steps import STEPS


class DossierFilter(StrictFilterSet):
    """Search and filters on dossiers; ``dossier_path`` leads from the filtered rows to the dossier."""

    dossier_path = ""

    query = df.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.SearchInput(attrs={"placeholder": _("Nominee name or dossier code"), "size": 32}),
    )
    status = df.ChoiceFilter(
        label=_("Status"),
        choices=NominationStatus.choices,
        empty_label=_("All statuses"),
        method="on_dossier",
    )
    campaign = df.ModelChoiceFilter(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        empty_label=_("All campaigns"),
        method="on_dossier",
    )
    unit = df.ModelChoiceFilter(
        label=_("Unit"),
        queryset=Unit.objects.order_by(vietnamese("name")),
        empty_label=_("All units"),
        method="on_dossier",
    )
    award_type = df.ModelChoiceFilter(
        label=_("Award"), queryset=AwardType.objects.all(), empty_label=_("All awards"), method="on_dossier"
    )

    class Meta:
        model = Nomination
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if not user.has_perm("nominations.view_nomination"):
            del self.filters["unit"]  # a unit's people only ever see their own unit

    def on_dossier(self, queryset, name, value):
        return queryset.filter(**{f"{self.dossier_path}{name}": value})

    def search(self, queryset, name, value):
        return search_nominations(queryset, value, path=self.dossier_path)


class DecisionCandidateFilter(DossierFilter):
    """The decision builder's filters: every candidate is approved, so no status to choose."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["status"]


class TaskFilter(DossierFilter):
    """The dossier filters, plus the step and the due date."""

    dossier_path = NOMINATION_PATH

    step = df.ChoiceFilter(
        label=_("Step"),
        choices=[(name, step.label) for name, step in STEPS.items()],
        empty_label=_("All steps"),
        method="on_step",
    )
    due_before = df.DateFilter(label=_("Due by"), method="due_by")
    overdue = df.BooleanFilter(label=_("Overdue only"), widget=forms.CheckboxInput, method="only_overdue")

    class Meta:
        model = Task
        fields: list[str] = []

    def on_step(self, queryset, name, value):
        return queryset.filter(flow_task=HUMAN_NODES[value])

    def due_by(self, queryset, name, value):
        end = timezone.make_aware(datetime.datetime.combine(value, datetime.time.max))
        return queryset.filter(deadline__due_at__lte=end)

    def only_overdue(self, queryset, name, value):
        return queryset.filter(deadline__due_at__lt=timezone.now()) if value else queryset
