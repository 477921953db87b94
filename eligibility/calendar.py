"""Working days with the administrator's exceptions (``CalendarDay``): what due dates,
reminders, escalations and time limits count. Used by the workflow, the notifications and the
council, all above this app."""

import datetime

from django.utils import timezone

from common import workdays
from common.reference_cache import ProcessCached

from .models import CalendarDay, CalendarDayKind


def _load_exceptions() -> tuple[frozenset, frozenset]:
    off, working = set(), set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (off if kind == CalendarDayKind.DAY_OFF else working).add(day)
    return frozenset(off), frozenset(working)


# Read at every step (its due date): kept in the process, dropped when a day is saved or
# deleted; other processes see a change within ``REFERENCE_CACHE_SECONDS``.
kept_exceptions = ProcessCached(_load_exceptions)


def exceptions() -> tuple[frozenset, frozenset]:
    """(days off, working days) the administrator added."""
    return kept_exceptions.get()


def is_working_day(day: datetime.date) -> bool:
    off, working = exceptions()
    return workdays.is_working_day(day, extra_off=off, extra_working=working)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    off, working = exceptions()
    return workdays.add_working_days(start, days, extra_off=off, extra_working=working)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    off, working = exceptions()
    return workdays.working_days_between(start, end, extra_off=off, extra_working=working)


def due_after(moment: datetime.datetime, days: int) -> datetime.datetime:
    """The moment ``days`` working days after ``moment``, at the same local time of day."""
    local = timezone.localtime(moment)
    day = add_working_days(local.date(), days)
    return local.replace(year=day.year, month=day.month, day=day.day)
