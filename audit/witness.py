"""Witnesses of the chain's head kept outside the database, so that a trail cut short (its
newest events deleted and the chain head set back), rewritten from some point on, or emptied
is found out.

A *checkpoint* is one JSON line ``{"sequence", "hash", "at", "signature"}`` appended to
``AUDIT_CHECKPOINT_FILE`` (daily by Celery beat, or ``manage.py audit_checkpoint``); the
signature is an HMAC of the three values with ``AUDIT_CHECKPOINT_KEY``. Keep that file on
another machine or medium (it is append-only: copy it off, or mount it from elsewhere), and
the key off the database server. ``verify_audit --checkpoints FILE`` then checks that every
witnessed event is still in the trail with the same hash, and that the trail has not shrunk.
"""

import hmac
import json
import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .chain import _head
from .models import AuditEvent


def _key() -> bytes:
    return (settings.AUDIT_CHECKPOINT_KEY or settings.SECRET_KEY).encode()


def sign(sequence: int, head_hash: str, at: str) -> str:
    return hmac.new(_key(), f"{sequence}:{head_hash}:{at}".encode(), sha256).hexdigest()


def checkpoint() -> dict:
    """The chain head as it stands now, signed."""
    sequence, head_hash = _head() or (0, "")
    at = timezone.now().isoformat()
    return {"sequence": sequence, "hash": head_hash, "at": at, "signature": sign(sequence, head_hash, at)}


def append_checkpoint(path: Path | None = None) -> dict:
    """Append the current checkpoint to the file (opened append-only, never rewritten)."""
    path = Path(path or settings.AUDIT_CHECKPOINT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    point = checkpoint()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(fd, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(point, sort_keys=True) + "\n")
    return point


@dataclass(frozen=True)
class WitnessProblem:
    line: int
    problem: str

    def __str__(self):
        return f"checkpoint line {self.line}: {self.problem}" if self.line else self.problem


def check_checkpoints(lines) -> WitnessProblem | None:
    """The first checkpoint the trail no longer agrees with, or that was not signed by us."""
    last_sequence = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            point = json.loads(line)
            sequence, head_hash, at, signature = (
                point["sequence"],
                point["hash"],
                point["at"],
                point["signature"],
            )
        except (ValueError, KeyError, TypeError):
            return WitnessProblem(number, "not a checkpoint (unreadable line)")
        if not hmac.compare_digest(str(signature), sign(sequence, head_hash, at)):
            return WitnessProblem(number, "its signature is wrong (forged or edited)")
        if sequence and not AuditEvent.objects.filter(sequence=sequence, hash=head_hash).exists():
            return WitnessProblem(
                number,
                f"event #{sequence} with hash {head_hash[:12]}… is no longer in the trail (deleted or rewritten)",
            )
        last_sequence = max(last_sequence, sequence)
    head = _head()
    if last_sequence and (head is None or head[0] < last_sequence):
        return WitnessProblem(
            0, f"the trail ends before event #{last_sequence}, which a checkpoint witnessed (cut short)"
        )
    return None


def check_expected_head(expected_hash: str) -> WitnessProblem | None:
    """The head hash someone noted earlier must still be in the trail."""
    if not AuditEvent.objects.filter(hash=expected_hash.strip().lower()).exists():
        return WitnessProblem(
            0, f"no event has the expected hash {expected_hash[:12]}… (cut short or rewritten)"
        )
    return None
