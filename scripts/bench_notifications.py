#!/usr/bin/env python
"""Benchmark: the outbox sent by a real Celery worker (Redis broker) to a local SMTP sink —
rows claimed in batches, sent over one connection per batch, marked sent — against a plain
smtplib loop that opens one connection per mail to the same sink, back to back in each round.

    .venv/bin/python scripts/bench_notifications.py            # needs Redis on 127.0.0.1:6379
    BENCH_QUICK=1 .venv/bin/python scripts/bench_notifications.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14m_bench .venv/bin/python scripts/bench_notifications.py
    BENCH_COUNT=1000 BENCH_ROUNDS=10 BENCH_CONCURRENCY=2 .venv/bin/python scripts/bench_notifications.py

Uses a throw-away SQLite database unless DATABASE_URL is set (a database you may throw away: its
notifications are deleted). "Ours" is timed from the wake-up task until every row is marked
sent in the database; the smtplib loop from its first connection to its last reply.
Without a reachable Redis the worker is replaced by the same drain run in this process.
"""

import json
import logging
import os
import smtplib
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.notifications.realparts import SmtpSink, Worker, redis_reachable  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK") == "1"
# Many short rounds, each side in turn, so that the shared machine's swings hit both alike.
COUNT = int(os.environ.get("BENCH_COUNT", "250" if QUICK else "500"))  # mails per round and side
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4" if QUICK else "8"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/10")
SUBJECT = "[Khen thưởng] Có hồ sơ chờ xử lý – KT-2024-{:06d}"
BODY = "Hồ sơ KT-2024-{:06d} (Nguyễn Văn An, Bệnh viện Đa khoa Thống Nhất) đang chờ bước: Văn phòng Sở thẩm định."
GOAL = "≥ 1.5× smtplib loop"


def smtplib_loop(port: int, count: int) -> float:
    """Seconds to send ``count`` mails, one new SMTP connection each, from a process of its own
    (as the worker is), so that it does not share this process with the sink."""
    found = subprocess.run(  # noqa: S603 - this very script
        [sys.executable, __file__, "--smtplib-loop", str(port), str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(found.stdout.split()[-1])


def _smtplib_loop(port: int, count: int) -> float:
    started = time.perf_counter()
    for i in range(count):
        message = EmailMessage()
        message["Subject"], message["From"], message["To"] = (
            SUBJECT.format(i),
            "khenthuong@localhost",
            f"nguoinhan{i}@soyte.example",
        )
        message.set_content(BODY.format(i))
        # A fixed EHLO name, as Django's backend caches its own: no name lookup per connection.
        with smtplib.SMTP("127.0.0.1", port, local_hostname="localhost") as smtp:
            smtp.send_message(message)
    return time.perf_counter() - started


def fill_outbox(count: int) -> None:
    from notifications.models import EmailStatus, Notification

    Notification.objects.all().delete()
    Notification.objects.bulk_create(
        (
            Notification(
                email=f"nguoinhan{i}@soyte.example",
                kind="task_waiting",
                subject=SUBJECT.format(i),
                body_text=BODY.format(i),
                email_status=EmailStatus.PENDING,
            )
            for i in range(count)
        ),
        batch_size=500,
    )


def outbox_sent(count: int, wake, timeout: float = 600.0) -> float:
    """Seconds from ``wake()`` until ``count`` rows are marked sent."""
    from notifications.models import EmailStatus, Notification

    started = time.perf_counter()
    wake()
    deadline = started + timeout
    while Notification.objects.filter(email_status=EmailStatus.SENT).count() < count:
        if time.perf_counter() > deadline:
            sys.exit("the outbox was not sent in time")
        time.sleep(0.02)
    return time.perf_counter() - started


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-notifications-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    use_worker = redis_reachable(BROKER)
    if use_worker:
        os.environ["CELERY_BROKER_URL"] = BROKER
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    with SmtpSink() as sink:
        os.environ["EMAIL_HOST"], os.environ["EMAIL_PORT"] = "127.0.0.1", str(sink.port)
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
        import django

        django.setup()
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # the sink's per-command log
        from django.core.management import call_command
        from django.db import connection

        from notifications import mail
        from notifications.tasks import send_outbox

        worker = None
        if use_worker:
            import redis

            redis.Redis.from_url(BROKER).flushdb()
            worker = Worker(
                broker_url=BROKER,
                database_url=os.environ["DATABASE_URL"],
                smtp_port=sink.port,
                log_path=workdir / "worker.log",
                concurrency=CONCURRENCY,
                extra_env={"LOG_LEVEL": "WARNING"},
                name="bench-mail",
            )
            worker.start()  # it boots while the database is migrated
        call_command("migrate", verbosity=0)
        db = connection.vendor
        if use_worker:

            def wake():  # what a burst of transitions leaves: one task per worker process at most
                for _ in range(CONCURRENCY):
                    send_outbox.delay()
        else:

            def wake():
                mail.drain("bench")

        baseline_times, ours_times = [], []
        try:
            if worker is not None:
                worker.wait_until_ready()
            fill_outbox(50)  # warm-up: the worker's first connection, imports, the sink
            outbox_sent(50, wake)
            smtplib_loop(sink.port, 50)
            for round_ in range(ROUNDS):  # back to back, each going first in turn
                if round_ % 2:
                    baseline_times.append(smtplib_loop(sink.port, COUNT))
                fill_outbox(COUNT)
                ours_times.append(outbox_sent(COUNT, wake))
                if not round_ % 2:
                    baseline_times.append(smtplib_loop(sink.port, COUNT))
        finally:
            if worker is not None:
                worker.__exit__(None, None, None)

    baseline = COUNT * ROUNDS / sum(baseline_times)
    ours = COUNT * ROUNDS / sum(ours_times)
    how = f"Celery worker ({CONCURRENCY} processes, Redis)" if use_worker else "in-process drain (no Redis)"
    print(f"mail: {COUNT} notifications × {ROUNDS} rounds, db: {db}, {how}, local aiosmtpd sink")
    print(f"{'':34} {'mails/s (all)':>17}   rounds")
    print(
        f"{'plain smtplib loop, 1 conn/mail':34} {baseline:17.0f}   "
        + ", ".join(f"{COUNT / t:.0f}" for t in baseline_times)
    )
    print(
        f"{'outbox: batch claim, send, mark':34} {ours:17.0f}   "
        + ", ".join(f"{COUNT / t:.0f}" for t in ours_times)
    )
    print(f"ratio: {ours / baseline:.2f}× (goal {GOAL})")
    line = {
        "name": "mail: batched outbox vs smtplib loop" + ("" if use_worker else " (in-process)"),
        "db": db,
        "ours": round(ours, 1),
        "baseline": round(baseline, 1),
        "unit": "per s",
        "ratio": round(ours / baseline, 2),
        "goal": GOAL,
    }
    print("BENCH " + json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--smtplib-loop"]:
        print(_smtplib_loop(int(sys.argv[2]), int(sys.argv[3])))
    else:
        main()
