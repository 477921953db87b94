"""Sending one notification by SMTP, at most once.

A worker first *claims* the row with a single conditional UPDATE (pending → sending).
Only the claimant sends; a redelivered task, a second worker or the periodic sweep finds
the row no longer claimable and does nothing. SMTP errors lead to a retry with
exponential backoff, then to a visible failed state the office can resend from.
"""

import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone

from .models import EmailStatus, Notification


@dataclass
class Outcome:
    sent: bool = False
    skipped: bool = False
    retry_in: int | None = None
    failed: bool = False


def backoff(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: base, 2×base, 4×base…"""
    return settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def claim(notification_id: int, worker: str) -> bool:
    now = timezone.now()
    claimable = Q(email_status=EmailStatus.PENDING) | Q(
        email_status=EmailStatus.RETRYING, next_attempt_at__lte=now
    )
    return bool(
        Notification.objects.filter(claimable, pk=notification_id).update(
            email_status=EmailStatus.SENDING,
            claimed_at=now,
            claimed_by=worker[:100],
            attempts=F("attempts") + 1,
        )
    )


def build_message(notification: Notification, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.email],
        connection=connection,
        headers={"X-Khenthuong-Notification": str(notification.pk)},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    return message


def deliver(notification_id: int, worker: str = "") -> Outcome:
    if not claim(notification_id, worker):
        return Outcome(skipped=True)
    notification = Notification.objects.get(pk=notification_id)
    try:
        build_message(notification, connection=get_connection(timeout=settings.EMAIL_TIMEOUT)).send()
    except (smtplib.SMTPException, OSError) as exc:
        return _failed_attempt(notification, exc)
    Notification.objects.filter(pk=notification_id).update(
        email_status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return Outcome(sent=True)


def _failed_attempt(notification: Notification, exc: Exception) -> Outcome:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        Notification.objects.filter(pk=notification.pk).update(
            email_status=EmailStatus.FAILED, last_error=error
        )
        return Outcome(failed=True)
    wait = backoff(notification.attempts)
    Notification.objects.filter(pk=notification.pk).update(
        email_status=EmailStatus.RETRYING,
        next_attempt_at=timezone.now() + timedelta(seconds=wait),
        last_error=error,
    )
    return Outcome(retry_in=wait)
