"""Celery tasks: send one notification, sweep the outbox, reminders, escalations, digests,
and viewflow's due timers. The schedule is CELERY_BEAT_SCHEDULE in settings."""

import os

from celery import shared_task
from django.utils import timezone

from . import campaign_reminders, mail, scheduling, services


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_notification(self, notification_id: int):
    outcome = mail.deliver(notification_id, worker=f"{self.request.hostname}:{os.getpid()}")
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return "sent" if outcome.sent else "failed" if outcome.failed else "skipped"


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
    sent = 0
    for pk in services.due_for_sending().values_list("pk", flat=True)[:500]:
        sent += mail.deliver(pk, worker=f"sweep:{os.getpid()}").sent
    return sent


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
