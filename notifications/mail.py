"""Sending the outbox by SMTP in batches: at most once, never lost, a constant number of
statements and one SMTP connection per batch.

1. **Claim.** One statement takes up to ``NOTIFICATION_BATCH_SIZE`` due rows (pending, or
   retrying whose wait is over) and writes a lease on them (``claimed_by``, ``claimed_at``):
   ``UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED) RETURNING …`` on PostgreSQL,
   so that claimers never wait for each other and never share a row; SQLite runs the same
   UPDATE…RETURNING, its writers being serialised. A lease older than
   ``NOTIFICATION_CLAIM_TIMEOUT_SECONDS`` is free again: rows claimed by a worker that died
   before sending go out with the next claim.
2. **Sending.** One SMTP connection is opened, then one statement moves the rows the worker still
   holds to *sending* (an attempt begins). From here a dead worker leaves *sending* rows that may
   or may not have left: after ``NOTIFICATION_SENDING_TIMEOUT_MINUTES`` they become *failed*
   (``services.give_up_stale_sends``) for the office to decide, never re-sent blindly.
3. **Outcome.** Each message goes over the open connection on its own, so one refused message
   fails alone; the sent ones are marked in one statement, the failed ones (retry with backoff,
   or failed for good) in another.
"""

import logging
import smtplib
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.db.models import Case, DateTimeField, F, Value, When
from django.utils import timezone

from .models import EmailStatus, Notification

log = logging.getLogger(__name__)

SMTP_ERRORS = (smtplib.SMTPException, OSError)
# Errors after which the SMTP session cannot carry the next message: open a new one.
BROKEN_SESSION = (smtplib.SMTPServerDisconnected, OSError)


@dataclass
class Outcome:
    """What became of one notification (``deliver``)."""

    sent: bool = False
    skipped: bool = False
    retry_in: int | None = None
    failed: bool = False


@dataclass
class BatchResult:
    """What became of one claimed batch."""

    claimed: int = 0
    sent: list[int] = field(default_factory=list)
    retrying: dict[int, int] = field(default_factory=dict)  # id → seconds before the next attempt
    failed: list[int] = field(default_factory=list)
    untried: list[int] = field(default_factory=list)  # handed back: the batch ran out of time
    connections: int = 0  # SMTP connections opened for the batch
    more: bool = False  # ``drain`` stopped at its limit with rows possibly left


def backoff(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: base, 2×base, 4×base…"""
    return settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def claim_batch(worker: str, *, limit: int | None = None, only: int | None = None) -> list[Notification]:
    """Lease up to ``limit`` due rows to this claim in one statement; return them (unsaved
    copies carrying what a message needs). ``worker`` names the claim (``claimed_by``)."""
    limit = limit or settings.NOTIFICATION_BATCH_SIZE
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    qn = db.ops.quote_name
    table = qn(Notification._meta.db_table)
    lock = " FOR UPDATE SKIP LOCKED" if db.features.has_select_for_update_skip_locked else ""
    only_sql = " AND id = %s" if only is not None else ""
    # Table and column names come from the model; every value is a parameter.
    sql = (
        f"UPDATE {table} SET claimed_at = %s, claimed_by = %s "  # noqa: S608
        f"WHERE id IN (SELECT id FROM {table} "
        "WHERE (email_status = %s OR (email_status = %s AND next_attempt_at <= %s)) "
        f"AND (claimed_at IS NULL OR claimed_at < %s){only_sql} "
        f"ORDER BY id LIMIT %s{lock}) "
        "RETURNING id, email, subject, body_text, body_html, attempts"
    )
    stamp = db.ops.adapt_datetimefield_value
    params = [stamp(now), worker[:100], EmailStatus.PENDING, EmailStatus.RETRYING, stamp(now), stamp(stale)]
    params += [only] if only is not None else []
    with db.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    fields = ("id", "email", "subject", "body_text", "body_html", "attempts")
    return sorted((Notification(**dict(zip(fields, row, strict=True))) for row in rows), key=lambda n: n.pk)


def start_sending(batch: list[Notification], worker: str) -> list[Notification]:
    """Move the claimed rows to *sending* (one attempt more) in one statement; return those this
    claim still held (all of them, unless its lease ran out and another worker took some)."""
    ids = [n.pk for n in batch]
    mine = Notification.objects.filter(
        pk__in=ids,
        claimed_by=worker[:100],
        email_status__in=[EmailStatus.PENDING, EmailStatus.RETRYING],
    )
    moved = mine.update(
        email_status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if moved != len(ids):  # rare: look up which ones are still ours
        kept = set(
            Notification.objects.filter(
                pk__in=ids, claimed_by=worker[:100], email_status=EmailStatus.SENDING
            ).values_list("pk", flat=True)
        )
        batch = [n for n in batch if n.pk in kept]
    for notification in batch:
        notification.attempts += 1
    return batch


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


def send_batch(worker: str, *, limit: int | None = None, only: int | None = None) -> BatchResult:
    """Claim one batch, send it over one SMTP connection, record each message's outcome."""
    claim = f"{uuid.uuid4().hex[:8]}:{worker[-90:]}"  # unique per claim; ends with the process id
    batch = claim_batch(claim, limit=limit, only=only)
    result = BatchResult(claimed=len(batch))
    if not batch:
        return result
    smtp = get_connection(timeout=settings.EMAIL_TIMEOUT)
    try:
        smtp.open()
        result.connections += 1
    except SMTP_ERRORS as exc:
        # No message left: the rows go back to the outbox with one attempt more.
        batch = start_sending(batch, claim)
        _record(result, batch, errors={n.pk: _error(exc) for n in batch})
        return result
    try:
        batch = start_sending(batch, claim)
        sent, errors, untried = _send_each(smtp, batch, result)
    finally:
        _close_quietly(smtp)
    _record(result, batch, sent=sent, errors=errors, untried=untried)
    return result


def _send_each(smtp, batch: list[Notification], result: BatchResult):
    """Each message on the open connection; a broken session is reopened once for the rest.
    Past half the sending timeout the rest is left untried, so that no row is still being sent
    when ``give_up_stale_sends`` would call it lost."""
    sent, errors, untried = [], {}, []
    deadline = time.monotonic() + settings.NOTIFICATION_SENDING_TIMEOUT_MINUTES * 30
    broken = False
    for index, notification in enumerate(batch):
        if index and time.monotonic() > deadline:
            untried = [n.pk for n in batch[index:]]
            break
        if broken:
            _close_quietly(smtp)
            try:
                smtp.open()
                result.connections += 1
                broken = False
            except SMTP_ERRORS as exc:  # the server is gone: the rest waits for a retry
                errors.update((n.pk, _error(exc)) for n in batch[index:])
                break
        try:
            smtp.send_messages([build_message(notification, connection=smtp)])
        except SMTP_ERRORS as exc:
            errors[notification.pk] = _error(exc)
            broken = isinstance(exc, BROKEN_SESSION)
            continue
        sent.append(notification.pk)
    return sent, errors, untried


def _close_quietly(smtp) -> None:
    try:
        smtp.close()
    except SMTP_ERRORS as exc:  # the messages are already accepted or refused
        log.info("Closing the SMTP connection failed: %s", exc)


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _record(result: BatchResult, batch: list[Notification], *, sent=(), errors=None, untried=()) -> None:
    """Write the batch's outcomes: one statement for the sent, one for the failed (and one for
    the untried rest of a batch that ran out of time)."""
    now = timezone.now()
    if sent:
        Notification.objects.filter(pk__in=sent, email_status=EmailStatus.SENDING).update(
            email_status=EmailStatus.SENT, sent_at=now, last_error=""
        )
        result.sent = list(sent)
    if untried:  # never on the wire: back to the outbox, the attempt not counted
        result.untried = list(untried)
        Notification.objects.filter(pk__in=untried, email_status=EmailStatus.SENDING).update(
            email_status=EmailStatus.PENDING, attempts=F("attempts") - 1, claimed_at=None
        )
    if not errors:
        return
    attempts = {n.pk: n.attempts for n in batch}
    statuses, next_attempts, messages = [], [], []
    for pk, error in errors.items():
        if attempts[pk] >= settings.NOTIFICATION_MAX_ATTEMPTS:
            result.failed.append(pk)
            statuses.append(When(pk=pk, then=Value(EmailStatus.FAILED)))
        else:
            wait = backoff(attempts[pk])
            result.retrying[pk] = wait
            statuses.append(When(pk=pk, then=Value(EmailStatus.RETRYING)))
            next_attempts.append(When(pk=pk, then=Value(now + timedelta(seconds=wait))))
        messages.append(When(pk=pk, then=Value(error)))
    Notification.objects.filter(pk__in=list(errors), email_status=EmailStatus.SENDING).update(
        email_status=Case(*statuses),
        next_attempt_at=Case(*next_attempts, default=F("next_attempt_at"), output_field=DateTimeField())
        if next_attempts
        else F("next_attempt_at"),
        last_error=Case(*messages),
        claimed_at=None,  # the lease ends: the retry is free for any worker once due
    )


def drain(worker: str, *, max_batches: int | None = None) -> BatchResult:
    """Send batches until no due row is left (or ``max_batches`` were sent); the total."""
    total = BatchResult()
    batches = 0
    while max_batches is None or batches < max_batches:
        result = send_batch(worker)
        batches += 1
        total.claimed += result.claimed
        total.sent += result.sent
        total.retrying.update(result.retrying)
        total.failed += result.failed
        total.connections += result.connections
        if result.claimed < settings.NOTIFICATION_BATCH_SIZE and not result.untried:
            return total
    total.more = True
    return total


def deliver(notification_id: int, worker: str = "") -> Outcome:
    """Send one given notification now, if it is due and nobody holds it (the office's tools and
    the tests; workers send batches)."""
    result = send_batch(worker or "deliver", only=notification_id)
    if not result.claimed or notification_id not in (*result.sent, *result.failed, *result.retrying):
        return Outcome(skipped=True)
    if result.sent:
        return Outcome(sent=True)
    if result.failed:
        return Outcome(failed=True)
    return Outcome(retry_in=result.retrying[notification_id])
