"""Reading the audit trail: the filtered global log, one page at a time by keyset (no
COUNT over the table, so a page costs the same at a million rows), and one dossier's events."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from common.text import fold

from .models import AuditEvent

PAGE_SIZE = 50


@dataclass
class AuditFilters:
    query: str = ""
    event_type: str = ""
    user: str = ""
    unit: object = None
    dossier: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_params(self) -> dict:
        """The filters as query-string values (what the export links carry)."""
        return {
            "query": self.query,
            "event_type": self.event_type,
            "user": self.user,
            "unit": self.unit.pk if self.unit is not None else "",
            "dossier": self.dossier,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_events(filters: AuditFilters | None = None) -> QuerySet:
    qs = AuditEvent.objects.all()
    if filters is None:
        return qs
    for word in fold(filters.query).split():
        qs = qs.filter(search_key__contains=word)
    if filters.event_type:
        qs = qs.filter(event_type=filters.event_type)
    if filters.user:
        qs = qs.filter(actor_username=filters.user.strip())
    if filters.unit is not None:
        qs = qs.filter(unit=filters.unit)
    if filters.dossier:
        qs = qs.filter(nomination_code=filters.dossier.strip().upper())
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return qs


@dataclass
class KeysetPage:
    """One page of the log, newest first, and the ids to ask for the pages around it."""

    events: list = field(default_factory=list)
    newer_than: int | None = None  # ask ``after=`` this id for the newer page
    older_than: int | None = None  # ask ``before=`` this id for the older page


def log_page(
    filters: AuditFilters | None,
    *,
    before: int | None = None,
    after: int | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """Events newest first, ``size`` at a time: ``before`` an id (older) or ``after`` one (newer)."""
    qs = filtered_events(filters).select_related("actor")
    if after is not None:
        rows = list(qs.filter(id__gt=after).order_by("id")[: size + 1])
        has_newer, has_older = len(rows) > size, True
        events = list(reversed(rows[:size]))
    else:
        if before is not None:
            qs = qs.filter(id__lt=before)
        rows = list(qs.order_by("-id")[: size + 1])
        has_newer, has_older = before is not None, len(rows) > size
        events = rows[:size]
    if not events:
        return KeysetPage()
    return KeysetPage(
        events=events,
        newer_than=events[0].pk if has_newer else None,
        older_than=events[-1].pk if has_older else None,
    )


def dossier_events(nomination) -> QuerySet:
    """Everything recorded about one dossier, in the order it happened: its workflow steps,
    the changes of the dossier and its evidence, grants, downloads, and the events of the
    award decisions that list it."""
    decision_ids = [str(pk) for pk in nomination.decisions.values_list("pk", flat=True)]
    condition = Q(nomination_id=nomination.pk)
    if decision_ids:
        condition |= Q(object_type="workflows.AwardDecision", object_id__in=decision_ids)
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("sequence")
