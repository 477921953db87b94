"""Writing notifications into the outbox, and what users do with them.

``notify`` is called inside the transaction of the change that causes the notice: if that
change rolls back, the notice was never written; once it commits, a worker is asked to drain
the outbox (``kick``), and the periodic ``send_pending`` task catches whatever that request did
not reach. Sending itself is ``mail.py``.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.constants import OnConflict
from django.utils import timezone

from . import messages
from .kinds import GROUPABLE, REQUIRED, Kind
from .models import EmailStatus, Notification, NotificationSettings

log = logging.getLogger(__name__)


def settings_of(user) -> NotificationSettings:
    found = getattr(user, "_notification_settings_cache", None)
    if found is None:
        found, _created = NotificationSettings.objects.get_or_create(user=user)
        user._notification_settings_cache = found
    return found


def _email_status(user, kind: str, address: str, prefs=None) -> str:
    if not address:
        return EmailStatus.NOT_EMAILED
    if user is None or kind in REQUIRED or kind in (Kind.DIGEST, Kind.GROUPED):
        return EmailStatus.PENDING
    prefs = prefs if prefs is not None else settings_of(user)
    if kind in prefs.muted_kinds:
        return EmailStatus.NOT_EMAILED
    if prefs.daily_digest:
        return EmailStatus.IN_DIGEST
    grouping = kind in GROUPABLE and settings.NOTIFICATION_GROUP_SECONDS > 0
    return EmailStatus.HELD if grouping else EmailStatus.PENDING


def _settings_of_all(users) -> dict:
    """Each user's settings, in one query unless the recipients' query brought them
    (``select_related("notification_settings")``); a user who never chose any has the defaults."""
    found, missing = {}, []
    for user in users:
        cached = getattr(user, "_notification_settings_cache", None)
        if cached is None and type(user).notification_settings.is_cached(user):
            try:
                cached = user.notification_settings
            except NotificationSettings.DoesNotExist:
                cached = NotificationSettings(user_id=user.pk)
        if cached is None:
            missing.append(user.pk)
        else:
            found[user.pk] = cached
    if missing:
        found.update((p.user_id, p) for p in NotificationSettings.objects.filter(user_id__in=missing))
    return {u.pk: found.get(u.pk) or NotificationSettings(user_id=u.pk) for u in users}


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
    """Write one notification per recipient (a user, or a bare email address).

    A few statements whatever the number of recipients: their settings in one query (none when
    the recipients' query brought them), the rows in one insert that skips those already
    written (``dedupe``); the text is rendered once per language. Returns the rows written."""
    people = []  # (user or None, address, dedupe key)
    keys = set()
    for recipient in recipients:
        user = None if isinstance(recipient, str) else recipient
        address = recipient if user is None else user.email
        key = f"{dedupe}:{user.pk if user else address}" if dedupe else None
        if key is None or key not in keys:  # one notice per person and key, even if listed twice
            keys.add(key)
            people.append((user, address, key))
    if not people:
        return []
    prefs = _settings_of_all({user.pk: user for user, *_ in people if user is not None}.values())
    contents = {}
    rows = []
    for user, address, key in people:
        language = user.language if user is not None else settings.LANGUAGE_CODE
        if language not in contents:
            contents[language] = messages.render(
                kind, language, context, comment=comment, url=url, items=items
            )
        status = _email_status(user, kind, address, prefs[user.pk] if user is not None else None)
        rows.append(
            Notification(
                recipient=user,
                email=address,
                kind=kind,
                nomination=nomination,
                url=url,
                dedupe_key=key,
                email_status=status,
                # A held notice waits this long for others to go out with it.
                next_attempt_at=_group_deadline() if status == EmailStatus.HELD else None,
                **contents[language],
            )
        )
    written = _insert(rows)
    if any(n.email_status == EmailStatus.PENDING for n in written):
        transaction.on_commit(kick)
    if any(n.email_status == EmailStatus.HELD for n in written):
        transaction.on_commit(enqueue_grouping)
    return written


def _insert(rows: list[Notification]) -> list[Notification]:
    """All rows in one statement. Rows with a dedupe key already written, before or meanwhile by
    a concurrent run, are skipped by the unique key (``ON CONFLICT DO NOTHING``, ``INSERT OR
    IGNORE`` on SQLite) and left out of the rows returned, which are those the insert gave back."""
    if not any(row.dedupe_key for row in rows):
        return Notification.objects.bulk_create(rows)
    # ``bulk_create(ignore_conflicts=True)`` would not say which rows were written: its own
    # insert, asked to return the ids and keys of those it wrote.
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key]
    returned = Notification.objects._insert(
        rows,
        fields=fields,
        returning_fields=[Notification._meta.pk, Notification._meta.get_field("dedupe_key")],
        on_conflict=OnConflict.IGNORE,
    )
    ids = {key: pk for pk, key in filter(None, returned)}
    written = []
    for row in rows:
        if row.dedupe_key in ids:
            row.pk = ids[row.dedupe_key]
            row._state.adding, row._state.db = False, Notification.objects.db
            written.append(row)
    return written


def _group_deadline():
    return timezone.now() + timedelta(seconds=settings.NOTIFICATION_GROUP_SECONDS)


def _first_in_window(name: str, seconds: float, timeout: float) -> float | None:
    """The seconds left in the current window of ``seconds`` if this is the first call named
    ``name`` in it (per cache), else ``None``: how a burst of steps queues one task, not many."""
    now = time.time()
    window = int(now // seconds)
    if cache.add(f"notifications:{name}:{window}", 1, timeout=timeout):
        return (window + 1) * seconds - now
    return None


# Notices held within one of these windows share one delayed grouping task.
GROUPING_WINDOW_SECONDS = 5.0


def enqueue_grouping() -> None:
    """Ask a worker to send the held notices once their window has passed (the periodic sweep
    does it too, should the broker be down). A burst of steps queues one task per
    ``GROUPING_WINDOW_SECONDS`` (per cache), run after the last of them is due, not one each."""
    from .tasks import send_grouped

    try:
        left = _first_in_window("grouping", GROUPING_WINDOW_SECONDS, settings.NOTIFICATION_GROUP_SECONDS + 60)
        if left is not None:
            send_grouped.apply_async(countdown=left + settings.NOTIFICATION_GROUP_SECONDS + 1)
    except Exception as exc:  # noqa: BLE001 - any broker or cache failure: the sweep sends them
        log.warning("Broker unreachable, held notifications wait for the sweep: %s", exc)


def send_grouped(*, now=None) -> list[Notification]:
    """For each address whose held notices' window has passed: one grouped notice listing them
    (or the single notice itself when it is alone). Each held row is taken by one run only: the
    rows are locked (``SKIP LOCKED``) and moved on in the transaction that writes the group."""
    now = now or timezone.now()
    written = []
    due = Notification.objects.filter(email_status=EmailStatus.HELD, next_attempt_at__lte=now)
    for address in due.order_by().values_list("email", flat=True).distinct():
        with transaction.atomic():
            held = list(
                due.filter(email=address)
                .select_related("recipient", "nomination__unit")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("id")
            )
            if not held:
                continue
            if len(held) == 1:
                Notification.objects.filter(pk=held[0].pk).update(email_status=EmailStatus.PENDING)
                transaction.on_commit(kick)
                continue
            written += _write_group(held)
    return written


def _write_group(held: list[Notification]) -> list[Notification]:
    units = sorted({n.nomination.unit.name for n in held if n.nomination_id})
    recipient = held[0].recipient
    group = notify(
        [recipient if recipient is not None else held[0].email],
        Kind.GROUPED,
        context={"count": len(held), "unit": units[0] if len(units) == 1 else "", "units": len(units)},
        url="/tasks/" if held[0].kind == Kind.TASK_ASSIGNED else "/tasks/queue/",
        items=[n.subject for n in held],
        dedupe=f"group:{held[0].pk}-{held[-1].pk}",
    )
    Notification.objects.filter(pk__in=[n.pk for n in held]).update(email_status=EmailStatus.GROUPED)
    return group


# A burst of transitions wakes the sender at most twice per window (per cache: per process with
# the default local-memory cache, everywhere with a shared one).
KICK_WINDOW_SECONDS = 1.0


def kick() -> None:
    """Ask a worker to drain the outbox (after the commit that wrote the rows).

    The first request of a window queues the task at once; later ones in the same window share
    one task queued for the window's end, which still starts after their commit, so no row
    waits for the sweep. If the broker is down the rows stay pending: the sweep sends them."""
    from .tasks import send_outbox

    try:
        if _first_in_window("kick", KICK_WINDOW_SECONDS, 60) is not None:
            send_outbox.delay()
        elif (left := _first_in_window("kick-end", KICK_WINDOW_SECONDS, 60)) is not None:
            send_outbox.apply_async(countdown=left)
    except Exception as exc:  # noqa: BLE001 - any broker or cache failure: the outbox keeps the rows
        log.warning("Could not wake the mail sender, the sweep will send the outbox: %s", exc)


def kick_later(seconds: float) -> None:
    """Wake the sender when the earliest retry is due (the sweep does it too)."""
    from .tasks import send_outbox

    try:
        send_outbox.apply_async(countdown=seconds)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the sweep retries them
        log.warning("Broker unreachable, retries wait for the sweep: %s", exc)


def unread_count(user, *, limit: int | None = None) -> int:
    """The user's unread notifications; with ``limit``, counted no further than ``limit`` + 1,
    so that a page's badge costs the same whatever has piled up."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    return (unread[: limit + 1] if limit is not None else unread).count()


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
    transaction.on_commit(kick)


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
