#!/usr/bin/env python
"""Benchmark: N notifications (default 2,000) sent through a real Celery worker (Redis
broker) to a local SMTP sink, against a plain smtplib loop to the same sink.

    .venv/bin/python scripts/bench_notifications.py            # needs Redis on 127.0.0.1:6379
    BENCH_COUNT=500 BENCH_CONCURRENCY=4 .venv/bin/python scripts/bench_notifications.py

Uses a throw-away SQLite database unless DATABASE_URL is set. Prints mails per second.
"""

import os
import smtplib
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.notifications.realparts import SmtpSink, Worker, redis_reachable  # noqa: E402

COUNT = int(os.environ.get("BENCH_COUNT", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
SUBJECT = "[Khen thưởng] Có hồ sơ chờ xử lý – KT-2024-{:06d}"
BODY = "Hồ sơ KT-2024-{:06d} (Nguyễn Văn An, Bệnh viện Đa khoa Thống Nhất) đang chờ bước: Văn phòng Sở thẩm định."


def main() -> None:
    if not redis_reachable(BROKER):
        sys.exit(f"No Redis at {BROKER}: start redis-server or set BENCH_BROKER_URL")
    workdir = Path(tempfile.mkdtemp(prefix="bench-notifications-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["CELERY_BROKER_URL"] = BROKER
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    with SmtpSink() as sink:
        os.environ["EMAIL_HOST"], os.environ["EMAIL_PORT"] = "127.0.0.1", str(sink.port)
        import django

        django.setup()
        import redis
        from django.core.management import call_command

        from notifications.models import EmailStatus, Notification
        from notifications.tasks import send_notification

        call_command("migrate", verbosity=0)
        redis.Redis.from_url(BROKER).flushdb()
        Notification.objects.all().delete()
        Notification.objects.bulk_create(
            Notification(
                email=f"nguoinhan{i}@soyte.example",
                kind="task_waiting",
                subject=SUBJECT.format(i),
                body_text=BODY.format(i),
                email_status=EmailStatus.PENDING,
            )
            for i in range(COUNT)
        )
        ids = list(Notification.objects.values_list("pk", flat=True))

        with Worker(
            broker_url=BROKER,
            database_url=os.environ["DATABASE_URL"],
            smtp_port=sink.port,
            log_path=workdir / "worker.log",
            concurrency=CONCURRENCY,
            extra_env={"LOG_LEVEL": "WARNING"},
        ):
            started = time.perf_counter()
            for pk in ids:
                send_notification.delay(pk)
            enqueued = time.perf_counter() - started
            if not sink.wait_for(COUNT, timeout=600):
                sys.exit(f"only {sink.handler.count()} of {COUNT} mails arrived")
            worker_seconds = time.perf_counter() - started
        sent = Notification.objects.filter(email_status=EmailStatus.SENT).count()

        plain_start = time.perf_counter()
        for i in range(COUNT):
            message = EmailMessage()
            message["Subject"], message["From"], message["To"] = (
                SUBJECT.format(i),
                "khenthuong@localhost",
                f"n{i}@soyte.example",
            )
            message.set_content(BODY.format(i))
            with smtplib.SMTP("127.0.0.1", sink.port) as smtp:  # one connection per mail, as the worker does
                smtp.send_message(message)
        plain_seconds = time.perf_counter() - plain_start

    print(
        f"notifications: {COUNT}, worker concurrency: {CONCURRENCY}, broker: {BROKER}, db: {os.environ['DATABASE_URL'].split(':')[0]}"
    )
    print(f"enqueue {COUNT} tasks: {enqueued:.2f} s")
    print(
        f"Celery worker -> SMTP: {COUNT / worker_seconds:.0f} mails/s ({worker_seconds:.1f} s; {sent} marked sent)"
    )
    print(f"plain smtplib loop    : {COUNT / plain_seconds:.0f} mails/s ({plain_seconds:.1f} s)")


if __name__ == "__main__":
    main()
