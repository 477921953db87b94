"""Celery tasks: drain the outbox in batches, sweep it, reminders, escalations, digests,
and viewflow's due timers. The schedule is CELERY_BEAT_SCHEDULE in settings."""

import os

from celery import shared_task
from django.utils import timezone

from . import campaign_reminders, mail, scheduling, services

# One run sends this many batches at most, then queues its continuation (other tasks get a turn).
MAX_BATCHES_PER_RUN = 50


def _worker(task) -> str:
    return f"{task.request.hostname}:{os.getpid()}"


def _drain(worker: str) -> dict:
    result = mail.drain(worker, max_batches=MAX_BATCHES_PER_RUN)
    if result.more:
        services.kick_later(0)
    if result.retrying:
        services.kick_later(min(result.retrying.values()) + 1)
    return {"sent": len(result.sent), "retrying": len(result.retrying), "failed": len(result.failed)}


@shared_task(bind=True, acks_late=True)
def send_outbox(self) -> dict:
    """Send the due mails in batches until none is left: one task for a burst of transitions."""
    return _drain(_worker(self))


@shared_task(bind=True, acks_late=True)
def send_notification(self, notification_id: int) -> dict:
    """Tasks queued before batches existed: the row goes out with the next batch."""
    return _drain(_worker(self))


@shared_task
def send_grouped() -> int:
    """Held notices whose window has passed: one grouped mail per person."""
    return len(services.send_grouped())


@shared_task
def send_pending() -> int:
    """Send what the outbox holds: mails written while the broker was down, due retries,
    held notices whose grouping task was never delivered."""
    services.give_up_stale_sends()
    services.send_grouped()
    return _drain(f"sweep:{os.getpid()}")["sent"]


@shared_task
def send_reminders() -> int:
    return scheduling.send_reminders(now=timezone.now())


@shared_task
def escalate_overdue() -> int:
    return scheduling.escalate_overdue(now=timezone.now())


@shared_task
def send_digests() -> int:
    return scheduling.send_digests(now=timezone.now())


@shared_task
def fire_workflow_timers() -> int:
    from viewflow.workflow.timers import fire_due_timers

    return fire_due_timers()


@shared_task
def send_campaign_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind units missing a registration or a results report."""
    return campaign_reminders.send_campaign_reminders()
