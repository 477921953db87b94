"""Reading the audit trail: the filtered global log, one page at a time by keyset (no
COUNT over the table, so a page costs the same at a million rows), and one dossier's events."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from .models import AuditEvent

PAGE_SIZE = 50


@dataclass
class KeysetPage:
    """One page of the log, newest first, and the ids to ask for the pages around it."""

    events: list = field(default_factory=list)
    newer_than: int | None = None  # ask ``after=`` this id for the newer page
    older_than: int | None = None  # ask ``before=`` this id for the older page


def log_page(
    events: QuerySet,
    *,
    before: int | None = None,
    after: int | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """Events newest first, ``size`` at a time: ``before`` an id (older) or ``after`` one (newer)."""
    qs = events.select_related("actor")
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
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("id")
