"""Reminders go, through the notification outbox, to units that have not registered or reported."""

import datetime

import pytest

from campaigns import services
from notifications import campaign_reminders as reminders
from notifications import tasks
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_units_that_have_not_registered_are_reminded_before_the_deadline(
    campaign, unit_a, unit_b, officer_a, officer_b, head_a
):
    services.register_unit(
        campaign=campaign, unit=unit_a, by=officer_a, theme="Mô hình", day=datetime.date(2024, 7, 1)
    )
    written = reminders.send_campaign_reminders(day=datetime.date(2024, 7, 10))
    assert written == 1
    notice = Notification.objects.get()
    assert notice.recipient == officer_b and notice.kind == "campaign_reminder"
    assert "Bệnh viện B" in notice.subject + notice.body_text
    assert "15/07/2024" in notice.body_text
    assert notice.url == f"/campaigns/{campaign.pk}/"


def test_a_second_run_the_same_day_writes_nothing(campaign, officer_a, officer_b):
    day = datetime.date(2024, 7, 10)
    first = reminders.send_campaign_reminders(day=day)
    assert first == 2
    assert reminders.send_campaign_reminders(day=day) == 0
    assert reminders.send_campaign_reminders(day=day + datetime.timedelta(days=1)) == 2


def test_no_reminder_far_from_or_after_the_deadline(campaign, officer_a):
    assert reminders.send_campaign_reminders(day=datetime.date(2024, 6, 20)) == 0
    assert reminders.send_campaign_reminders(day=datetime.date(2024, 8, 1)) == 0
    assert not Notification.objects.exists()


def test_missing_results_reports_are_reminded_too(campaign, officer_a):
    reminders.send_campaign_reminders(day=datetime.date(2024, 12, 28))
    notice = Notification.objects.get()
    assert "31/12/2024" in notice.body_text


def test_the_office_button_reminds_now(campaign, office, officer_a, login):
    response = login(office).post(f"/notifications/campaigns/{campaign.pk}/remind/")
    assert response.status_code == 302
    assert not Notification.objects.exists()  # both deadlines of the fixture are in the past


def test_the_daily_task_runs_the_reminders(campaign, officer_a, settings):
    assert "campaign-reminders" in settings.CELERY_BEAT_SCHEDULE
    assert tasks.send_campaign_reminders.run() == 0
