"""A round arrives at once: each person gets one grouped mail, not one per dossier, within a
short window, and still at most once."""

import datetime

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from notifications import mail, services
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from tests.factories import make_nomination
from tests.workflows.conftest import open_task
from workflows import services as workflow_services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _grouping(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFICATION_GROUP_SECONDS = 60


@pytest.fixture
def office(people):
    for user in [people.reviewer, people.reviewer2, people.office_head, people.head]:
        user.email = f"{user.username}@soyte.example"
        user.save()
    return [people.reviewer, people.reviewer2, people.office_head]


def _send_everything(now):
    services.send_grouped(now=now)
    for pk in services.due_for_sending().values_list("pk", flat=True):
        mail.deliver(pk, worker="test")


def test_65_dossiers_arriving_in_one_batch_give_each_recipient_one_grouped_mail(people, unit_a, office):
    dossiers = [make_nomination(unit=unit_a, author=people.officer) for _ in range(65)]
    for nomination in dossiers:
        workflow_services.submit_for_signoff(nomination, people.officer)
    _send_everything(timezone.now() + datetime.timedelta(seconds=61))  # the unit head's own 65 notices
    django_mail.outbox.clear()

    workflow_services.complete_tasks([open_task(n) for n in dossiers], people.head, Decision.SUBMIT)
    assert (
        Notification.objects.filter(kind=Kind.TASK_WAITING, email_status=EmailStatus.HELD).count() == 65 * 3
    )
    _send_everything(timezone.now())  # within the window: nothing goes out yet
    assert django_mail.outbox == []

    later = timezone.now() + datetime.timedelta(seconds=61)
    _send_everything(later)
    by_recipient = {}
    for message in django_mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message)
    assert sorted(by_recipient) == sorted(user.email for user in office)
    for messages in by_recipient.values():
        assert len(messages) == 1
        assert "65" in messages[0].body and unit_a.name in messages[0].body
        assert all(n.code in messages[0].body for n in dossiers)

    # At most once: another run (a second worker, the sweep) finds nothing left to send.
    _send_everything(later + datetime.timedelta(minutes=5))
    assert len(django_mail.outbox) == len(office)
    assert not Notification.objects.filter(email_status=EmailStatus.HELD).exists()


def test_a_single_dossier_goes_out_as_itself_after_the_window(people, unit_a, office):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    workflow_services.submit_for_signoff(nomination, people.officer)
    _send_everything(timezone.now() + datetime.timedelta(seconds=61))
    assert len(django_mail.outbox) == 1
    assert nomination.code in django_mail.outbox[0].subject
    assert not Notification.objects.filter(kind=Kind.GROUPED).exists()


def test_a_person_on_the_daily_digest_gets_the_digest_not_a_group(people, unit_a, office):
    prefs = services.settings_of(people.head)
    prefs.daily_digest = True
    prefs.save()
    for _ in range(3):
        workflow_services.submit_for_signoff(
            make_nomination(unit=unit_a, author=people.officer), people.officer
        )
    _send_everything(timezone.now() + datetime.timedelta(seconds=61))
    assert django_mail.outbox == []
    assert Notification.objects.filter(recipient=people.head, email_status=EmailStatus.IN_DIGEST).count() == 3
