"""Working days with the administrator's exceptions (``CalendarDay``): what due dates,
reminders, escalations and time limits count. Used by the workflow, the notifications and the
council, all above this app."""

import datetime

from django.utils import timezone

from common import workdays

from .models import CalendarDay, CalendarDayKind


def exceptions() -> tuple[frozenset, frozenset]:
    """(days off, working days) the administrator added."""
    off, working = set(), set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (off if kind == CalendarDayKind.DAY_OFF else working).add(day)
    return frozenset(off), frozenset(working)


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
