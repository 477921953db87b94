"""The working-day calendar (ngày làm việc): weekends and Vietnam's public holidays, Tết
Nguyên đán and Giỗ Tổ Hùng Vương included (lunar dates, from the maintained ``holidays``
library), plus days an administrator moves (``extra_off``, ``extra_working``).

Pure functions: the database-backed exceptions are read by ``eligibility.calendar``."""

import datetime
from collections.abc import Collection
from functools import lru_cache

import holidays

SATURDAY, SUNDAY = 5, 6


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict:
    return dict(holidays.country_holidays("VN", years=year))


def public_holidays(year: int) -> dict[datetime.date, str]:
    """Vietnam's public holidays of ``year`` (and the days the library knows are moved)."""
    return dict(_holidays_of(year))


def holiday_name(day: datetime.date) -> str | None:
    return _holidays_of(day.year).get(day)


def is_working_day(day: datetime.date, *, extra_off: Collection = (), extra_working: Collection = ()) -> bool:
    """Not a weekend or a public holiday, unless the administrator says otherwise."""
    if day in extra_working:
        return True
    if day in extra_off:
        return False
    return day.weekday() not in (SATURDAY, SUNDAY) and day not in _holidays_of(day.year)


def add_working_days(
    start: datetime.date, days: int, *, extra_off: Collection = (), extra_working: Collection = ()
) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted; 0 gives
    ``start``). A step given on a holiday starts counting on the next working day."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += datetime.timedelta(days=1)
        if is_working_day(day, extra_off=extra_off, extra_working=extra_working):
            left -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, *, extra_off: Collection = (), extra_working: Collection = ()
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, extra_off=extra_off, extra_working=extra_working):
            count += 1
    return count
