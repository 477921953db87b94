"""Writing notifications into the outbox, and what users do with them.

``notify`` is called inside the transaction of the change that causes the notice: if that
change rolls back, the notice was never written; once it commits, a worker is asked to send
it, and the periodic ``send_pending`` task catches whatever that request did not reach.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import messages
from .kinds import REQUIRED, Kind
from .models import EmailStatus, Notification, NotificationSettings

log = logging.getLogger(__name__)


def settings_of(user) -> NotificationSettings:
    found = getattr(user, "_notification_settings_cache", None)
    if found is None:
        found, _created = NotificationSettings.objects.get_or_create(user=user)
        user._notification_settings_cache = found
    return found


def _email_status(user, kind: str, address: str) -> str:
    if not address:
        return EmailStatus.NOT_EMAILED
    if user is None or kind in REQUIRED or kind == Kind.DIGEST:
        return EmailStatus.PENDING
    prefs = settings_of(user)
    if kind in prefs.muted_kinds:
        return EmailStatus.NOT_EMAILED
    if prefs.daily_digest:
        return EmailStatus.IN_DIGEST
    return EmailStatus.PENDING


def notify(
    recipients,
    kind: str,
    *,
    context: dict,
    nomination=None,
    url: str = "",
    comment: str = "",
    items=(),
    dedupe: str = "",
) -> list[Notification]:
    """Write one notification per recipient (a user, or a bare email address)."""
    written = []
    for recipient in recipients:
        user = None if isinstance(recipient, str) else recipient
        address = recipient if user is None else user.email
        language = user.language if user is not None else settings.LANGUAGE_CODE
        content = messages.render(kind, language, context, comment=comment, url=url, items=items)
        key = f"{dedupe}:{user.pk if user else address}" if dedupe else None
        if key and Notification.objects.filter(dedupe_key=key).exists():
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    email=address,
                    kind=kind,
                    nomination=nomination,
                    url=url,
                    dedupe_key=key,
                    email_status=_email_status(user, kind, address),
                    **content,
                )
        except IntegrityError:
            continue  # written meanwhile by a concurrent run: the unique key kept it single
        written.append(notification)
    to_send = [n.pk for n in written if n.email_status == EmailStatus.PENDING]
    if to_send:
        transaction.on_commit(lambda: enqueue(to_send))
    return written


def enqueue(ids) -> None:
    """Ask a worker to send; if the broker is down, the periodic sweep sends them later."""
    from .tasks import send_notification

    for pk in ids:
        try:
            send_notification.delay(pk)
        except Exception as exc:  # noqa: BLE001 - any broker failure: the outbox keeps the row
            log.warning("Broker unreachable, notification %s stays pending: %s", pk, exc)
            return


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def resend(notification: Notification) -> None:
    """The office sends a failed mail again (a fresh set of attempts)."""
    Notification.objects.filter(pk=notification.pk).update(
        email_status=EmailStatus.PENDING, attempts=0, next_attempt_at=None, last_error="", claimed_at=None
    )
    transaction.on_commit(lambda: enqueue([notification.pk]))


def due_for_sending():
    """Pending mails, and retries whose wait is over."""
    now = timezone.now()
    return Notification.objects.filter(
        Q(email_status=EmailStatus.PENDING) | Q(email_status=EmailStatus.RETRYING, next_attempt_at__lte=now)
    ).order_by("id")


def give_up_stale_sends() -> int:
    """A mail claimed by a worker that died before recording the outcome may or may not have
    left: mark it failed (never re-send it blindly) so that the office decides."""
    cutoff = timezone.now() - timedelta(minutes=settings.NOTIFICATION_SENDING_TIMEOUT_MINUTES)
    return Notification.objects.filter(email_status=EmailStatus.SENDING, claimed_at__lt=cutoff).update(
        email_status=EmailStatus.FAILED,
        last_error="The worker stopped while sending; check whether the mail arrived before resending.",
    )
