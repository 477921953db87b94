"""The outbox is sent in batches: one statement claims many rows, one SMTP connection carries
them, a constant number of statements records them — still at most once and never lost."""

import datetime
import threading
from types import SimpleNamespace

import pytest
from celery.fixups.django import DjangoWorkerFixup
from django.core import mail as django_mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.celery import app as celery_app
from config.celery import keep_database_connections
from notifications import mail, services, tasks
from notifications.models import EmailStatus, Notification
from tests.notifications.realparts import SmtpSink


def outbox(count: int, **fields) -> list[int]:
    Notification.objects.bulk_create(
        Notification(
            email=f"nguoinhan{i}@soyte.example",
            kind="task_waiting",
            subject=f"[Khen thưởng] Có hồ sơ chờ xử lý – KT-2024-{i:06d}",
            body_text=f"Hồ sơ KT-2024-{i:06d} đang chờ bạn xử lý.",
            **{"email_status": EmailStatus.PENDING, **fields},
        )
        for i in range(count)
    )
    return sorted(Notification.objects.values_list("pk", flat=True))


def statuses() -> dict[str, int]:
    found = {}
    for status in Notification.objects.values_list("email_status", flat=True):
        found[status] = found.get(status, 0) + 1
    return found


@pytest.fixture
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFICATION_BATCH_SIZE = 100


@pytest.fixture
def sink(settings):
    with SmtpSink() as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", running.port
        yield running


@pytest.mark.django_db
class TestClaims:
    def test_one_claim_takes_at_most_a_batch_of_due_rows(self, locmem, settings):
        settings.NOTIFICATION_BATCH_SIZE = 3
        ids = outbox(5)
        first = mail.claim_batch("worker-a")
        second = mail.claim_batch("worker-b")
        assert [n.pk for n in first] == ids[:3]
        assert [n.pk for n in second] == ids[3:]
        assert mail.claim_batch("worker-c") == []
        assert Notification.objects.get(pk=ids[0]).claimed_by == "worker-a"

    def test_only_due_rows_are_claimed(self, locmem):
        later = timezone.now() + datetime.timedelta(minutes=5)
        outbox(1, email_status=EmailStatus.RETRYING, next_attempt_at=later)
        outbox(1, email_status=EmailStatus.HELD, next_attempt_at=later)
        outbox(1, email_status=EmailStatus.IN_DIGEST)
        outbox(1, email_status=EmailStatus.FAILED)
        assert mail.claim_batch("worker") == []

    def test_a_crash_between_claim_and_send_is_recovered_after_the_claim_timeout(self, locmem, settings):
        outbox(4)
        assert len(mail.claim_batch("worker-that-dies")) == 4  # ... and dies before sending
        assert mail.drain("other-worker").claimed == 0  # a fresh claim is respected
        assert django_mail.outbox == []

        stale = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 1)
        Notification.objects.update(claimed_at=stale)
        assert len(mail.drain("other-worker").sent) == 4
        assert len(django_mail.outbox) == 4
        assert statuses() == {EmailStatus.SENT: 4}

    def test_a_worker_whose_claim_was_taken_over_sends_nothing(self, locmem, settings):
        outbox(2)
        slow = mail.claim_batch("slow-worker")
        stale = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 1)
        Notification.objects.update(claimed_at=stale)
        assert len(mail.drain("other-worker").sent) == 2
        assert mail.start_sending(slow, "slow-worker") == []  # the slow one wakes up: nothing is its own
        assert len(django_mail.outbox) == 2


@pytest.mark.django_db
class TestSending:
    def test_one_refused_message_fails_alone_and_is_retried(self, sink, settings):
        ids = outbox(5)
        sink.handler.refuse_next = 1  # the first message of the batch gets "451"
        result = mail.send_batch("worker")
        assert sorted(result.sent) == ids[1:]
        assert result.retrying == {ids[0]: settings.NOTIFICATION_RETRY_BASE_SECONDS}
        refused = Notification.objects.get(pk=ids[0])
        assert (refused.email_status, refused.attempts) == (EmailStatus.RETRYING, 1)
        assert "451" in refused.last_error
        assert statuses() == {EmailStatus.SENT: 4, EmailStatus.RETRYING: 1}
        assert len(sink.messages) == 4

    def test_a_message_on_its_last_attempt_fails_for_good_the_others_are_sent(self, sink, settings):
        settings.NOTIFICATION_MAX_ATTEMPTS = 3
        ids = outbox(1, attempts=2)
        outbox(2)
        sink.handler.refuse_next = 1
        result = mail.send_batch("worker")
        assert result.failed == [ids[0]]
        assert len(result.sent) == 2
        assert Notification.objects.get(pk=ids[0]).email_status == EmailStatus.FAILED

    def test_a_batch_goes_over_one_smtp_connection(self, sink):
        outbox(60)
        result = mail.send_batch("worker")
        assert len(result.sent) == 60
        assert sink.wait_for(60)
        assert sink.handler.connections() == 1
        assert result.connections == 1

    def test_an_unreachable_smtp_server_sends_the_whole_batch_back_to_wait(
        self, locmem, settings, monkeypatch
    ):
        ids = outbox(3)

        def refuse(self):
            raise ConnectionRefusedError("no SMTP server")

        monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.open", refuse)
        result = mail.send_batch("worker")
        assert sorted(result.retrying) == ids
        assert statuses() == {EmailStatus.RETRYING: 3}
        assert set(Notification.objects.values_list("attempts", flat=True)) == {1}

    def test_a_batch_past_half_the_sending_timeout_hands_its_rest_back_untried(self, locmem, settings):
        settings.NOTIFICATION_SENDING_TIMEOUT_MINUTES = 0  # every message is "late" after the first
        ids = outbox(3)
        result = mail.send_batch("worker")
        assert result.sent == ids[:1]
        rest = Notification.objects.filter(pk__in=ids[1:])
        assert {(n.email_status, n.attempts, n.claimed_at) for n in rest} == {(EmailStatus.PENDING, 0, None)}
        assert len(mail.drain("worker").sent) == 2  # the next batches take them, one by one here
        assert len(django_mail.outbox) == 3

    def test_statements_per_batch_do_not_grow_with_its_size(self, locmem, settings):
        counts = {}
        for size in (5, 80):
            Notification.objects.all().delete()
            outbox(size)
            settings.NOTIFICATION_BATCH_SIZE = size
            with CaptureQueriesContext(connection) as queries:
                assert len(mail.send_batch("worker").sent) == size
            counts[size] = len(queries)
        assert counts[5] == counts[80] <= 3  # claim, start sending, mark sent

    def test_a_batch_with_failures_still_takes_a_constant_number_of_statements(self, locmem, monkeypatch):
        counts = {}
        for size in (4, 40):
            Notification.objects.all().delete()
            outbox(size)
            sent = []

            def every_other(self, messages, sent=sent):
                sent.append(messages[0])
                if len(sent) % 2:
                    raise ConnectionResetError("reset")  # noqa: B023 - bound through the default
                return 1

            monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", every_other)
            with CaptureQueriesContext(connection) as queries:
                result = mail.send_batch("worker")
            assert (len(result.sent), len(result.retrying)) == (size // 2, size // 2)
            counts[size] = len(queries)
        assert counts[4] == counts[40] <= 4  # claim, start sending, mark sent, mark failed


@pytest.mark.django_db
class TestWaking:
    def test_a_burst_of_transitions_queues_at_most_two_tasks(self, monkeypatch):
        queued = []
        monkeypatch.setattr(tasks.send_outbox, "delay", lambda: queued.append(0))
        monkeypatch.setattr(tasks.send_outbox, "apply_async", lambda countdown: queued.append(countdown))
        monkeypatch.setattr(services.time, "time", lambda: 1_000_000.25)
        cache.clear()
        for _ in range(300):
            services.kick()
        assert queued == [0, 0.75]  # now, and once more at the end of the window

    def test_notices_held_in_one_window_share_one_grouping_task_run_after_the_last_is_due(
        self, monkeypatch, settings
    ):
        settings.NOTIFICATION_GROUP_SECONDS = 120
        queued = []
        monkeypatch.setattr(tasks.send_grouped, "apply_async", lambda countdown: queued.append(countdown))
        cache.clear()
        for moment in (1_000_000.5, 1_000_001.0, 1_000_004.9):  # one window of 5 s
            monkeypatch.setattr(services.time, "time", lambda moment=moment: moment)
            services.enqueue_grouping()
        monkeypatch.setattr(services.time, "time", lambda: 1_000_005.5)  # the next window
        services.enqueue_grouping()
        # Each task starts after its window's last notice is due (window end + 120 s + 1 s).
        assert queued == [pytest.approx(125.5), pytest.approx(125.5)]

    def test_a_drain_that_met_failures_asks_to_be_woken_for_the_retry(self, locmem, settings, monkeypatch):
        outbox(2)
        later = []
        monkeypatch.setattr(services, "kick_later", later.append)
        monkeypatch.setattr(
            "django.core.mail.backends.locmem.EmailBackend.open",
            lambda self: (_ for _ in ()).throw(ConnectionRefusedError("down")),
        )
        assert tasks._drain("worker") == {"sent": 0, "retrying": 2, "failed": 0}
        assert later == [settings.NOTIFICATION_RETRY_BASE_SECONDS + 1]


def test_the_worker_keeps_its_database_connections_between_tasks(settings, monkeypatch):
    fixup = DjangoWorkerFixup(celery_app)
    closes = []
    monkeypatch.setattr(fixup, "_close_database", lambda: closes.append(1))
    task = SimpleNamespace(request=SimpleNamespace(is_eager=False))
    for _ in range(100):
        fixup.on_task_prerun(task)
        fixup.on_task_postrun(task)
    assert closes == []
    keep_database_connections()
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL (set DATABASE_URL)"
)
def test_concurrent_claimers_on_postgresql_take_disjoint_batches(settings):
    settings.NOTIFICATION_BATCH_SIZE = 25
    ids = outbox(400)
    claimers = 4
    barrier = threading.Barrier(claimers)
    taken = [[] for _ in range(claimers)]

    def claim_until_empty(index):
        try:
            barrier.wait()
            while batch := mail.claim_batch(f"worker-{index}"):
                taken[index] += [n.pk for n in batch]
        finally:
            connection.close()

    threads = [threading.Thread(target=claim_until_empty, args=(i,)) for i in range(claimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = [pk for mine in taken for pk in mine]
    assert sorted(every) == ids  # each row once: none twice, none left behind
