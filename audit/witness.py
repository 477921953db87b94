"""Witnesses of the chain's head kept outside the database, so that a trail cut short (its
newest events deleted and the chain head set back), rewritten from some point on, or emptied
is found out.

A *checkpoint* is one JSON line ``{"heads", "sequence", "hash", "at", "signature"}``
appended to ``AUDIT_CHECKPOINT_FILE`` (daily by Celery beat, or ``manage.py
audit_checkpoint``): ``heads`` lists ``[chain, sequence, hash]`` for every chain that has
events, ``sequence`` is their total and ``hash`` the witness of them all
(``chain.heads_digest``: chain 1's last hash while it is the only chain, as before chains);
the signature is an HMAC of sequence, hash and time with ``AUDIT_CHECKPOINT_KEY``, and the
hash covers the heads. Lines written before chains (without ``heads``) witness chain 1. Keep
that file on another machine or medium (it is append-only: copy it off, or mount it from
elsewhere), and the key off the database server. ``verify_audit --checkpoints FILE`` then
checks that every witnessed event is still in the trail with the same hash, and that no chain
has shrunk.
"""

import hmac
import json
import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .chain import HEAD_ID, heads_digest, read_heads
from .models import AuditEvent


def _key() -> bytes:
    return (settings.AUDIT_CHECKPOINT_KEY or settings.SECRET_KEY).encode()


def sign(sequence: int, head_hash: str, at: str) -> str:
    return hmac.new(_key(), f"{sequence}:{head_hash}:{at}".encode(), sha256).hexdigest()


def checkpoint() -> dict:
    """The chain heads as they stand now, signed."""
    heads = read_heads()
    used = [[chain, sequence, head_hash] for chain, (sequence, head_hash) in heads.items() if sequence]
    sequence = sum(head[1] for head in used)
    head_hash = heads_digest(heads) if used else ""
    at = timezone.now().isoformat()
    return {
        "heads": used,
        "sequence": sequence,
        "hash": head_hash,
        "at": at,
        "signature": sign(sequence, head_hash, at),
    }


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


def _witnessed_heads(point: dict) -> list | None:
    """The ``[chain, sequence, hash]`` a signed line witnesses, or None if they do not add up
    to its signed total and hash (the heads edited)."""
    if "heads" not in point:  # a line written before chains: chain 1's head
        return [[HEAD_ID, point["sequence"], point["hash"]]] if point["sequence"] else []
    heads = [[int(chain), int(sequence), str(hash_)] for chain, sequence, hash_ in point["heads"]]
    as_dict = {chain: (sequence, hash_) for chain, sequence, hash_ in heads}
    if sum(head[1] for head in heads) != point["sequence"] or (
        heads and heads_digest(as_dict) != point["hash"]
    ):
        return None
    return heads


def check_checkpoints(lines) -> WitnessProblem | None:
    """The first checkpoint the trail no longer agrees with, or that was not signed by us."""
    witnessed: dict[int, int] = {}
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
            heads = _witnessed_heads(point)
        except (ValueError, KeyError, TypeError):
            return WitnessProblem(number, "not a checkpoint (unreadable line)")
        if not hmac.compare_digest(str(signature), sign(sequence, head_hash, at)) or heads is None:
            return WitnessProblem(number, "its signature is wrong (forged or edited)")
        for chain, chain_sequence, chain_hash in heads:
            if not AuditEvent.objects.filter(chain=chain, sequence=chain_sequence, hash=chain_hash).exists():
                return WitnessProblem(
                    number,
                    f"event #{chain_sequence} of chain {chain} with hash {chain_hash[:12]}… is no longer "
                    "in the trail (deleted or rewritten)",
                )
            witnessed[chain] = max(witnessed.get(chain, 0), chain_sequence)
    now = read_heads()
    for chain, last_sequence in sorted(witnessed.items()):
        if now.get(chain, (0, ""))[0] < last_sequence:
            return WitnessProblem(
                0,
                f"chain {chain} ends before event #{last_sequence}, which a checkpoint witnessed (cut short)",
            )
    return None


def check_expected_head(expected_hash: str) -> WitnessProblem | None:
    """A head hash someone noted earlier (of any chain) must still be in the trail."""
    if not AuditEvent.objects.filter(hash=expected_hash.strip().lower()).exists():
        return WitnessProblem(
            0, f"no event has the expected hash {expected_hash[:12]}… (cut short or rewritten)"
        )
    return None
