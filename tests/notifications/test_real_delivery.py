"""Notifications through the real parts: Redis as broker, a Celery worker process, and an
SMTP server receiving the mail. Skipped, with the reason, where no Redis is reachable."""

import os
import signal
import time
from email import message_from_bytes
from email.header import decode_header, make_header

import kombu.pools
import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.tasks import send_outbox, send_pending
from tests.factories import make_nomination
from tests.notifications.realparts import SmtpSink, Worker, database_url_for, redis_reachable
from tests.workflows.conftest import act
from workflows import services as workflow_services
from workflows.steps import Decision

REDIS_URL = (
    settings.CELERY_BROKER_URL
    if settings.CELERY_BROKER_URL.startswith("redis")
    else os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(REDIS_URL), reason=f"no Redis broker at {REDIS_URL}: start redis-server"
    ),
]


def use_broker(url: str) -> None:
    """Point this process's Celery producer at ``url`` (the settings were read at start-up).

    Celery lets a CELERY_BROKER_URL environment variable win over its configuration, so both
    are set; the ``broker`` fixture puts them back."""
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    celery_app.conf.broker_transport_options = {}
    celery_app.conf.task_always_eager = False
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    previous = os.environ.get("CELERY_BROKER_URL")
    use_broker(REDIS_URL)
    yield REDIS_URL
    use_broker(settings.CELERY_BROKER_URL)
    if previous is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = previous


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture
def worker(broker, sink, tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    with Worker(
        broker_url=broker,
        database_url=database_url_for(connection.settings_dict),
        smtp_port=sink.port,
        log_path=tmp_path / "worker.log",
    ) as running:
        yield running


@pytest.fixture
def cast(people):
    for user in [
        people.officer,
        people.head,
        people.reviewer,
        people.reviewer2,
        people.office_head,
        people.union,
        people.director,
        people.deputy,
    ]:
        user.email = f"{user.username}@soyte.example"
        user.save()
    return people


def subject_of(envelope) -> str:
    return str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"])))


def text_of(envelope) -> str:
    message = message_from_bytes(envelope.content)
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset())


def wait_status(pk, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Notification.objects.get(pk=pk).email_status == status:
            return True
        time.sleep(0.1)
    return False


def test_a_full_flow_sends_each_mail_once_to_the_right_people(worker, sink, cast, unit_a):
    nomination = make_nomination(unit=unit_a, author=cast.officer)
    workflow_services.submit_for_signoff(nomination, cast.officer)  # → the unit head
    act(nomination, cast.head, Decision.RETURN, "Bổ sung minh chứng")  # → officer and head
    act(nomination, cast.officer, Decision.RESUBMIT)  # → the unit head
    act(nomination, cast.head, Decision.SUBMIT)  # → three office people
    act(nomination, cast.reviewer, Decision.FORWARD)  # → the union
    act(nomination, cast.union, Decision.AGREE)  # → director and deputy
    act(nomination, cast.director, Decision.APPROVE)  # → officer and head
    expected = 1 + 2 + 1 + 3 + 1 + 2 + 2
    assert sink.wait_for(expected), worker.output()[-3000:]
    time.sleep(1)  # nothing more may arrive
    assert len(sink.messages) == expected
    by_recipient = {}
    for envelope in sink.messages:
        for rcpt in envelope.rcpt_tos:
            by_recipient.setdefault(rcpt, []).append(subject_of(envelope))
    assert sorted(by_recipient["bva.canbo@soyte.example"]) == sorted(
        [
            f"[Khen thưởng] Hồ sơ bị trả lại để bổ sung – {nomination.code}",
            f"[Khen thưởng] Hồ sơ đã được phê duyệt – {nomination.code}",
        ]
    )
    returned = next(e for e in sink.messages if "bị trả lại" in subject_of(e))
    body = text_of(returned)
    assert "Bổ sung minh chứng" in body
    assert f"/dossiers/{nomination.code}/" in body
    assert all(n.email_status == EmailStatus.SENT for n in Notification.objects.all())


def test_broker_down_at_submission_loses_nothing(worker, sink, cast, unit_a):
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    nomination = make_nomination(unit=unit_a, author=cast.officer)
    workflow_services.submit_for_signoff(nomination, cast.officer)
    nomination.refresh_from_db()
    assert nomination.status == "unit_signoff"  # the dossier is saved all the same
    pending = Notification.objects.get(kind=Kind.TASK_WAITING)
    assert pending.email_status == EmailStatus.PENDING
    time.sleep(1)
    assert sink.messages == []

    use_broker(REDIS_URL)  # the broker is back: the periodic sweep sends what waited
    send_pending.delay()
    assert sink.wait_for(1), worker.output()[-3000:]
    assert wait_status(pending.pk, EmailStatus.SENT)
    send_pending.delay()
    time.sleep(1.5)
    assert len(sink.messages) == 1


def test_smtp_refusing_twice_then_accepting_delivers_one_mail(worker, sink, cast, unit_a):
    sink.handler.refuse_next = 2
    nomination = make_nomination(unit=unit_a, author=cast.officer)
    workflow_services.submit_for_signoff(nomination, cast.officer)
    notice = Notification.objects.get(kind=Kind.TASK_WAITING)
    assert wait_status(notice.pk, EmailStatus.SENT, timeout=30), worker.output()[-3000:]
    notice.refresh_from_db()
    assert notice.attempts == 3
    assert len(sink.messages) == 1


def test_a_task_redelivered_after_a_worker_crash_still_sends_one_mail(worker, sink, cast, unit_a):
    sink.handler.stall_seconds = 4  # the mail is received, the worker waits for "250"
    nomination = make_nomination(unit=unit_a, author=cast.officer)
    workflow_services.submit_for_signoff(nomination, cast.officer)
    notice = Notification.objects.get(kind=Kind.TASK_WAITING)
    assert sink.wait_for(1, timeout=20), worker.output()[-3000:]
    notice.refresh_from_db()
    child_pid = int(notice.claimed_by.rsplit(":", 1)[1])
    os.kill(child_pid, signal.SIGKILL)  # the worker process dies mid-task

    # The broker hands the task to a fresh worker process, which finds the row being sent.
    drained = "succeeded in"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and drained not in worker.output():
        time.sleep(0.2)
    assert "'sent': 0" in worker.output(), worker.output()[-3000:]
    time.sleep(5)
    assert len(sink.messages) == 1
    notice.refresh_from_db()
    assert notice.email_status == EmailStatus.SENDING  # outcome unknown: never sent twice


def test_a_burst_goes_out_in_batches_one_smtp_connection_each(worker, sink, settings):
    settings.NOTIFICATION_BATCH_SIZE = 100  # the worker's own default as well
    Notification.objects.bulk_create(
        Notification(
            email=f"nguoinhan{i}@soyte.example",
            kind=Kind.TASK_WAITING,
            subject=f"[Khen thưởng] Có hồ sơ chờ xử lý – KT-2024-{i:06d}",
            body_text=f"Hồ sơ KT-2024-{i:06d} đang chờ bạn xử lý.",
        )
        for i in range(250)
    )
    send_outbox.delay()  # one task drains the outbox
    assert sink.wait_for(250), worker.output()[-3000:]
    time.sleep(1)
    assert len(sink.messages) == 250
    assert sorted(rcpt for e in sink.messages for rcpt in e.rcpt_tos) == sorted(
        f"nguoinhan{i}@soyte.example" for i in range(250)
    )
    assert sink.handler.connections() == 3  # 100 + 100 + 50
    assert wait_status(Notification.objects.order_by("id").last().pk, EmailStatus.SENT)
    assert not Notification.objects.exclude(email_status=EmailStatus.SENT).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads pg_stat_activity (set DATABASE_URL)")
def test_the_worker_keeps_its_database_connection_between_tasks(worker):
    def worker_backends():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, backend_start FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return set(cursor.fetchall())

    seen = set()
    for _ in range(4):
        send_outbox.delay()
        time.sleep(0.7)
        seen |= worker_backends()
    assert "succeeded in" in worker.output(), worker.output()[-3000:]
    assert len(seen) == 1  # one connection, opened once, for every task of the worker process
