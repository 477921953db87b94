"""Working days: weekends, Vietnam's public holidays (Tết Nguyên đán and Giỗ Tổ Hùng Vương from
the lunar calendar) and the administrator's days off, across Tết 2025, 2026 and 2027; due
dates and reminders follow them."""

import datetime
import zoneinfo

import pytest

from common import workdays
from eligibility import calendar
from eligibility.models import CalendarDay, CalendarDayKind, RegulationProfile
from eligibility.profile import step_working_days
from notifications import scheduling
from tests.workflows.conftest import open_task
from workflows.models import StepDeadline

D = datetime.date
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (D(2025, 1, 24), 1, D(2025, 2, 3), "Tết Ất Tỵ 2025: 27/01–01/02 off"),
        (D(2025, 1, 24), 5, D(2025, 2, 7), "Tết 2025: the week after counts"),
        (D(2026, 2, 13), 1, D(2026, 2, 23), "Tết Bính Ngọ 2026: 16/02–20/02 off"),
        (D(2026, 2, 13), 10, D(2026, 3, 6), "Tết 2026: ten working days"),
        (D(2027, 2, 3), 1, D(2027, 2, 11), "Tết Đinh Mùi 2027: 04/02–10/02 off"),
        (D(2027, 2, 3), 3, D(2027, 2, 15), "Tết 2027 then a weekend"),
        (D(2025, 4, 4), 1, D(2025, 4, 8), "Giỗ Tổ Hùng Vương 2025: Monday 07/04"),
        (D(2026, 4, 24), 1, D(2026, 4, 28), "Giỗ Tổ 2026 falls on Sunday 26/04, off on Monday 27/04"),
        (D(2026, 4, 28), 2, D(2026, 5, 4), "30/04 and 01/05 2026"),
        (D(2026, 8, 28), 1, D(2026, 9, 3), "Quốc khánh 2026: 31/08 moved, 01–02/09 off"),
        (D(2026, 11, 27), 0, D(2026, 11, 27), "zero days"),
        (D(2026, 11, 28), 1, D(2026, 11, 30), "a step given on a Saturday"),
    ],
)
def test_add_working_days_across_holidays(start, days, expected, why):
    assert workdays.add_working_days(start, days) == expected, why


@pytest.mark.parametrize(
    ("day", "name_part"),
    [
        (D(2025, 1, 29), "Lunar New Year"),
        (D(2026, 2, 17), "Lunar New Year"),
        (D(2027, 2, 6), "Lunar New Year"),
    ],
)
def test_tet_is_a_public_holiday(day, name_part):
    assert name_part in workdays.holiday_name(day)
    assert not workdays.is_working_day(day)


def test_working_days_between_counts_none_during_tet_2026():
    assert workdays.working_days_between(D(2026, 2, 13), D(2026, 2, 22)) == 0
    assert workdays.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        workdays.add_working_days(D(2026, 1, 5), -1)


def test_an_administrator_day_off_is_skipped(db):
    CalendarDay.objects.create(date=D(2026, 2, 23), kind=CalendarDayKind.DAY_OFF, reason="Nghỉ bù (ví dụ)")
    assert calendar.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 24)


def test_an_administrator_working_saturday_counts(db):
    CalendarDay.objects.create(
        date=D(2025, 4, 26), kind=CalendarDayKind.WORKING_DAY, reason="Làm bù cho 02/05/2025"
    )
    assert calendar.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)


def test_due_after_keeps_the_time_of_day(db):
    start = datetime.datetime(2027, 2, 3, 15, 30, tzinfo=VN)
    assert calendar.due_after(start, 1) == datetime.datetime(2027, 2, 11, 15, 30, tzinfo=VN)


def test_the_provinces_profile_sets_a_steps_time_limit(db, settings):
    assert step_working_days("office_review") == settings.WORKFLOW_STEP_DAYS["office_review"]
    RegulationProfile.objects.create(
        name="Ví dụ", province="Đồng Nai", is_active=True, step_working_days={"office_review": 7}
    )
    assert step_working_days("office_review") == 7
    assert step_working_days("unit_signoff") == settings.WORKFLOW_STEP_DAYS["unit_signoff"]


def test_reminder_before_tet_counts_working_days(people, submitted):
    """On the Friday before Tết 2026 a task due the Monday after Tết is near; one due a day
    later is not yet."""
    friday = datetime.datetime(2026, 2, 13, 10, 0, tzinfo=VN)
    task = open_task(submitted)
    StepDeadline.objects.filter(task=task).update(due_at=datetime.datetime(2026, 2, 24, 9, 0, tzinfo=VN))
    assert scheduling.send_reminders(now=friday) == 0
    StepDeadline.objects.filter(task=task).update(due_at=datetime.datetime(2026, 2, 23, 9, 0, tzinfo=VN))
    assert scheduling.send_reminders(now=friday) >= 1


def test_escalation_waits_for_the_working_day_due_date(people, submitted):
    task = open_task(submitted)
    due = calendar.due_after(datetime.datetime(2026, 2, 13, 10, 0, tzinfo=VN), 1)
    StepDeadline.objects.filter(task=task).update(due_at=due)
    assert scheduling.escalate_overdue(now=datetime.datetime(2026, 2, 20, 10, 0, tzinfo=VN)) == 0
    assert scheduling.escalate_overdue(now=datetime.datetime(2026, 2, 23, 10, 1, tzinfo=VN)) >= 1
