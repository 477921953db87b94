"""The province's step limits, the calendar's exceptions and the published rule sets are kept in
the process: a step reads none of these tables; a change saved here is used at once, a change
rolled back never; a change made by another process (which sends no signal here) is seen
within REFERENCE_CACHE_SECONDS."""

import datetime

import pytest
from django.db import transaction

from common import reference_cache
from eligibility import calendar
from eligibility.engine import rule_set_for
from eligibility.models import CalendarDay, CalendarDayKind, RegulationProfile
from eligibility.profile import step_working_days

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture
def profile(db):
    created = RegulationProfile.objects.create(
        name="Ví dụ", province="Đồng Nai", is_active=True, step_working_days={"office_review": 7}
    )
    reference_cache.clear_all()  # as in another request, after that change was committed
    return created


def later(monkeypatch, seconds: float) -> None:
    now = reference_cache.time.monotonic()
    monkeypatch.setattr(reference_cache.time, "monotonic", lambda: now + seconds)


def test_once_read_the_step_limits_and_the_calendar_cost_no_statement(profile, django_assert_num_queries):
    step_working_days("office_review")
    calendar.exceptions()
    with django_assert_num_queries(0):
        assert step_working_days("office_review") == 7
        assert calendar.is_working_day(MONDAY)


def test_a_profile_saved_here_is_used_at_once(profile):
    assert step_working_days("office_review") == 7
    profile.step_working_days = {"office_review": 9}
    profile.save()
    assert step_working_days("office_review") == 9
    profile.delete()
    assert step_working_days("office_review") == 5  # the STEP_DAYS_OFFICE_REVIEW setting


def test_a_calendar_day_saved_or_deleted_here_is_used_at_once(db):
    assert calendar.is_working_day(MONDAY)
    day = CalendarDay.objects.create(date=MONDAY, kind=CalendarDayKind.DAY_OFF, reason="Nghỉ bù")
    assert not calendar.is_working_day(MONDAY)
    day.delete()
    assert calendar.is_working_day(MONDAY)


def test_a_change_that_rolls_back_is_never_kept(profile):
    with pytest.raises(RuntimeError), transaction.atomic():
        profile.step_working_days = {"office_review": 30}
        profile.save()
        assert step_working_days("office_review") == 30  # this transaction sees its change
        raise RuntimeError("the admin form failed")
    assert step_working_days("office_review") == 7


def test_a_change_made_by_another_process_is_seen_within_the_cache_time(profile, monkeypatch, settings):
    assert step_working_days("office_review") == 7
    RegulationProfile.objects.filter(pk=profile.pk).update(step_working_days={"office_review": 12})
    assert step_working_days("office_review") == 7  # no signal reached this process
    later(monkeypatch, settings.REFERENCE_CACHE_SECONDS + 1)
    assert step_working_days("office_review") == 12


def test_with_no_cache_time_every_call_reads_the_table(profile, settings, django_assert_num_queries):
    settings.REFERENCE_CACHE_SECONDS = 0
    with django_assert_num_queries(2):
        step_working_days("office_review")
        step_working_days("office_review")


@pytest.fixture
def rule_sets(db):
    from eligibility.defaults import seed_rules

    seed_rules()
    reference_cache.clear_all()  # as in another request, after the seed was committed


def test_once_read_choosing_a_dossiers_rule_set_costs_no_statement(rule_sets, django_assert_num_queries):
    day = datetime.date(2026, 11, 27)
    chosen = rule_set_for(day)
    with django_assert_num_queries(0):
        assert rule_set_for(day) == chosen is not None


def test_a_rule_set_unpublished_here_judges_nothing_at_once(rule_sets):
    day = datetime.date(2026, 11, 27)
    chosen = rule_set_for(day)
    chosen.is_published = False
    chosen.save()
    assert rule_set_for(day) != chosen
