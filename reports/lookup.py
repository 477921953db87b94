"""The public lookup: a nominee types the dossier code and the secret printed on the unit's
receipt, and sees the current step, the date of the last change and the outcome. Nothing
else (no names, no comments, no unit). Attempts are throttled by address and by dossier
code, counted from the audit trail, where every attempt is recorded."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from audit.models import AuditEvent, EventType
from nominations.models import Nomination, NominationStatus
from workflows.selectors import open_task_of
from workflows.steps import STEPS

from .models import ALPHABET, LookupSecret, new_secret
from .statistics import OUTCOME_LABELS, OUTCOME_OF_STATUS, Outcome


class Result:
    FOUND = "found"
    NOT_FOUND = "not_found"
    THROTTLED = "throttled"


@dataclass
class PublicStatus:
    """All the public lookup reveals."""

    code: str
    step: str
    last_update: date
    outcome: str
    finished: bool


def secret_for(nomination) -> LookupSecret:
    """The dossier's secret, made on first use."""
    found = LookupSecret.objects.filter(nomination=nomination).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return LookupSecret.objects.create(nomination=nomination, secret=new_secret())
    except IntegrityError:  # made at the same moment by another request
        return LookupSecret.objects.get(nomination=nomination)


def normalise_secret(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned if all(ch in ALPHABET for ch in cleaned) else ""


def is_throttled(*, ip_address: str | None, code: str) -> bool:
    since = timezone.now() - timedelta(minutes=settings.PUBLIC_LOOKUP_WINDOW_MINUTES)
    recent = AuditEvent.objects.filter(event_type=EventType.PUBLIC_LOOKUP, occurred_at__gte=since)
    if ip_address and recent.filter(ip_address=ip_address).count() >= settings.PUBLIC_LOOKUP_LIMIT:
        return True
    failures = recent.filter(nomination_code=code).exclude(detail__result=Result.FOUND)
    return failures.count() >= settings.PUBLIC_LOOKUP_CODE_FAILURES


def find(code: str, secret: str) -> Nomination | None:
    """The dossier whose code and secret both match; ``None`` otherwise (which of the two
    was wrong is not said)."""
    nomination = Nomination.objects.filter(code=code).select_related("lookup_secret").first()
    stored = getattr(nomination, "lookup_secret", None) if nomination is not None else None
    wanted = normalise_secret(secret)
    if stored is None or not wanted or not constant_time_compare(stored.secret, wanted):
        return None
    return nomination


def public_status(nomination) -> PublicStatus:
    task = open_task_of(nomination)
    if task is not None:
        step = str(STEPS[task.flow_task.name].label)
        last = max(task.created, nomination.updated_at)
    else:
        step = str(NominationStatus(nomination.status).label)
        last = nomination.updated_at
    outcome = OUTCOME_OF_STATUS.get(nomination.status, Outcome.IN_PROGRESS)
    return PublicStatus(
        code=nomination.code,
        step=step,
        last_update=timezone.localdate(last),
        outcome=str(OUTCOME_LABELS[outcome]),
        finished=outcome in (Outcome.AWARDED, Outcome.NOT_AWARDED),
    )
