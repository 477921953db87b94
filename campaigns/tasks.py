from celery import shared_task

from . import reminders


@shared_task
def send_campaign_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind units missing a registration or a results report."""
    return reminders.send_campaign_reminders()
