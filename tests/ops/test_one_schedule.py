"""Several workers, one schedule: two ``celery worker`` processes and one ``celery beat`` on Redis,
beat firing every job of the production schedule each second. A reminder, an escalation and a
daily digest each reach the SMTP server exactly once, however often the jobs run and whichever
worker takes them. Skipped, with the reason, where no Redis is reachable."""

import time
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.db import connection
from django.utils import timezone, translation

from notifications import messages
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification, NotificationSettings
from notifications.services import notify
from tests.factories import make_nomination
from tests.notifications.realparts import Worker, database_url_for, redis_reachable
from tests.notifications.test_real_delivery import REDIS_URL
from tests.ops.beat import Beat
from tests.workflows.conftest import open_task, to_office
from workflows import services as workflow_services
from workflows.models import StepDeadline

pytestmark = [
    pytest.mark.realparts,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(REDIS_URL), reason=f"no Redis broker at {REDIS_URL}: start redis-server"
    ),
]

SCHEDULED = ["notifications.tasks.send_reminders", "notifications.tasks.escalate_overdue"]


def subject_of(envelope) -> str:
    return str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"])))


def label(kind: Kind) -> str:
    with translation.override("vi"):
        return str(kind.label)


@pytest.fixture
def clock_work(people, unit_a):
    """A task due within the reminder window, one overdue, and a notification held for a digest."""
    for user in [people.head, people.office_head, people.union, people.reviewer, people.reviewer2]:
        user.email = f"{user.username}@soyte.example"
        user.save()
    NotificationSettings.objects.update_or_create(user=people.union, defaults={"daily_digest": True})
    now = timezone.now()

    due_soon = make_nomination(unit=unit_a, author=people.officer)
    workflow_services.submit_for_signoff(due_soon, people.officer)  # → the unit head's step
    StepDeadline.objects.filter(task=open_task(due_soon)).update(due_at=now + timedelta(hours=2))

    overdue = make_nomination(unit=unit_a, author=people.officer)
    workflow_services.submit_for_signoff(overdue, people.officer)
    to_office(overdue, people)  # → the office's step, which escalates to the head of the office
    StepDeadline.objects.filter(task=open_task(overdue)).update(due_at=now - timedelta(hours=1))

    held = notify(
        [people.union],
        Kind.TASK_WAITING,
        context={**messages.nomination_context(overdue), "step": "Hiệp y"},
        nomination=overdue,
        url="/tasks/",
    )
    assert [n.email_status for n in held] == [EmailStatus.IN_DIGEST]
    return due_soon, overdue


def test_two_workers_and_one_beat_send_each_scheduled_mail_once(
    clock_work, people, broker, sink, tmp_path, settings
):
    due_soon, overdue = clock_work
    database_url = database_url_for(connection.settings_dict)
    workers = [
        Worker(
            broker_url=broker,
            database_url=database_url,
            smtp_port=sink.port,
            log_path=tmp_path / f"worker{n}.log",
            concurrency=2,
            name=f"worker{n}",
        )
        for n in (1, 2)
    ]
    wanted = {label(Kind.REMINDER): 1, label(Kind.ESCALATION): 1, label(Kind.DIGEST): 1}
    with workers[0], workers[1], Beat(env=workers[0].env, log_path=tmp_path / "beat.log") as beat:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            subjects = [subject_of(e) for e in sink.messages]
            if all(any(text in s for s in subjects) for text in wanted):
                break
            time.sleep(0.2)
        # Keep beating: each job runs several more times on both workers; nothing more may go out.
        fired = {task: beat.sent(task) for task in SCHEDULED}
        while (
            any(beat.sent(task) < fired[task] + 5 for task in SCHEDULED) and time.monotonic() < deadline + 30
        ):
            time.sleep(0.2)
        time.sleep(2)
        logs = "\n".join(w.output()[-2000:] for w in workers) + beat.output()[-2000:]
        assert all(beat.sent(task) >= fired[task] + 5 for task in SCHEDULED), logs

    subjects = [subject_of(e) for e in sink.messages]
    for text, count in wanted.items():
        assert sum(text in s for s in subjects) == count, (text, subjects, logs)
    reminder = next(e for e in sink.messages if label(Kind.REMINDER) in subject_of(e))
    escalation = next(e for e in sink.messages if label(Kind.ESCALATION) in subject_of(e))
    digest = next(e for e in sink.messages if label(Kind.DIGEST) in subject_of(e))
    assert reminder.rcpt_tos == [people.head.email] and due_soon.code in subject_of(reminder)
    assert escalation.rcpt_tos == [people.office_head.email] and overdue.code in subject_of(escalation)
    assert digest.rcpt_tos == [people.union.email]
    # Both workers took jobs, and the outbox agrees with the SMTP server.
    assert all("succeeded" in w.output() for w in workers), logs
    for kind in (Kind.REMINDER, Kind.ESCALATION, Kind.DIGEST):
        rows = Notification.objects.filter(kind=kind)
        assert [n.email_status for n in rows] == [EmailStatus.SENT], kind
