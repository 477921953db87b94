"""The hash chain that makes the audit trail tamper-evident.

What the hash covers
--------------------
Each ``AuditEvent`` stores ``hash = SHA-256(canonical JSON)``, hex-encoded, where the
canonical JSON is the object of **every column of the row except ``id`` and ``hash``**::

    v (format version, 1), sequence, occurred_at, event_type, actor_id, actor_username,
    ip_address, nomination_id, nomination_code, unit_id, unit_code, object_type, object_id,
    object_repr, changes, reason, detail, search_key, prev_hash

serialised with ``json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))``
and encoded as UTF-8; ``occurred_at`` is written in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``.
``prev_hash`` is the hash of the event numbered ``sequence - 1`` (64 zeros for the first), so
each hash covers, through its predecessor, the whole trail before it.

The one-row ``ChainHead`` table holds the last number and hash. Appending takes its row lock
(an ``UPDATE`` that increments the number, inside the caller's transaction), so two writers
never get the same number and an event rolls back with the change that caused it.

What ``verify`` detects
-----------------------
Walking the events in ``sequence`` order: a row whose stored hash differs from the recomputed
one (edited), a gap in the numbers or a ``prev_hash`` that is not the hash before it (deleted
or inserted), and a last event that is not the one the chain head names (the last event
deleted, or one appended behind the application's back).

What it cannot detect: someone with write access to the database who rewrites every hash
from the edited row to the end *and* the chain head. Against that, keep the head hash that
``verify_audit`` prints somewhere the database cannot reach (a signed report, a printed
register), and give the application's database role no UPDATE or DELETE on ``audit_auditevent``.
"""

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction

from .models import AuditEvent, ChainHead

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64
HEAD_ID = 1

# The columns the hash covers, in the order they are documented above.
COVERED_FIELDS = (
    "sequence",
    "occurred_at",
    "event_type",
    "actor_id",
    "actor_username",
    "ip_address",
    "nomination_id",
    "nomination_code",
    "unit_id",
    "unit_code",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "reason",
    "detail",
    "search_key",
    "prev_hash",
)


def jsonable(value):
    """``value`` as the database gives it back from a JSON column (dates as ISO text…)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def canonical(values: dict) -> bytes:
    """The bytes that are hashed for one event, from its column values."""
    payload = {name: values[name] for name in COVERED_FIELDS}
    payload["occurred_at"] = _utc(payload["occurred_at"])
    payload["v"] = FORMAT_VERSION
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(values: dict) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def _values_of(event: AuditEvent) -> dict:
    return {name: getattr(event, name) for name in COVERED_FIELDS}


def _advance_head() -> tuple[int, str]:
    """Lock the chain head, reserve the next number and return it with the last hash.

    ``UPDATE … RETURNING`` takes the row lock before reading, like ``SELECT … FOR UPDATE``
    on PostgreSQL, and on SQLite it takes the write lock at once instead of upgrading a read
    lock later (which could fail with "database is locked")."""
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    seq = connection.ops.quote_name("last_sequence")
    last = connection.ops.quote_name("last_hash")
    sql = f"UPDATE {table} SET {seq} = {seq} + 1 WHERE id = %s RETURNING {seq}, {last}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [HEAD_ID])
        row = cursor.fetchone()
    if row is not None:
        return row[0], row[1] or GENESIS_HASH
    # No head yet (a database emptied by a test's flush): start the chain, once.
    try:
        with transaction.atomic():
            ChainHead.objects.create(pk=HEAD_ID, last_sequence=0, last_hash="")
    except IntegrityError:
        pass  # created meanwhile by another writer
    return _advance_head()


def append(event: AuditEvent) -> AuditEvent:
    """Number, chain and save ``event`` inside the current transaction (or a new one)."""
    with transaction.atomic(savepoint=False):
        event.sequence, event.prev_hash = _advance_head()
        event.changes = jsonable(event.changes)
        event.detail = jsonable(event.detail)
        event.hash = compute_hash(_values_of(event))
        event.save(force_insert=True)
        ChainHead.objects.filter(pk=HEAD_ID).update(last_hash=event.hash)
    return event


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold."""

    sequence: int | None
    event_id: int | None
    problem: str

    def __str__(self):
        where = f"event #{self.sequence} (id {self.event_id})" if self.event_id else f"event #{self.sequence}"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Report:
    count: int
    head_sequence: int
    head_hash: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def _rows(up_to: int, chunk_size: int) -> Iterator[dict]:
    return (
        AuditEvent.objects.filter(sequence__lte=up_to)
        .order_by("sequence")
        .values("id", "hash", *COVERED_FIELDS)
        .iterator(chunk_size)
    )


def _head() -> tuple[int, str] | None:
    head = ChainHead.objects.filter(pk=HEAD_ID).first()
    return (head.last_sequence, head.last_hash or GENESIS_HASH) if head else None


def verify(chunk_size: int = 2000) -> Report:
    """Walk the chain in order, in bounded memory, and report the first break.

    The head is read first and the walk stops there, so events appended meanwhile by the
    running application are left for the next run instead of being taken for tampering."""
    head = _head()
    if head is None:
        first = AuditEvent.objects.order_by("sequence").values_list("sequence", "id").first()
        broken = Break(first[0], first[1], "the chain head row is missing (deleted)") if first else None
        return Report(0, 0, GENESIS_HASH, broken)
    head_sequence, head_hash = head
    expected_sequence, expected_prev, count = 1, GENESIS_HASH, 0
    for row in _rows(head_sequence, chunk_size):
        count += 1
        sequence = row["sequence"]
        if sequence != expected_sequence:
            gap = f"#{expected_sequence}" + (
                f" to #{sequence - 1}" if sequence - 1 > expected_sequence else ""
            )
            return Report(
                count,
                head_sequence,
                head_hash,
                Break(sequence, row["id"], f"event {gap} is missing (deleted)"),
            )
        if row["prev_hash"] != expected_prev:
            problem = "does not follow the event before it (inserted, or its predecessor replaced)"
            return Report(count, head_sequence, head_hash, Break(sequence, row["id"], problem))
        if compute_hash(row) != row["hash"]:
            problem = "its content does not match its hash (edited)"
            return Report(count, head_sequence, head_hash, Break(sequence, row["id"], problem))
        expected_sequence, expected_prev = sequence + 1, row["hash"]
    last_sequence = expected_sequence - 1
    if last_sequence < head_sequence:
        problem = (
            f"the chain head names event #{head_sequence} but the trail ends at #{last_sequence} (deleted)"
        )
        return Report(count, head_sequence, head_hash, Break(last_sequence + 1, None, problem))
    if last_sequence and head_hash != expected_prev:
        problem = "the chain head's hash is not this event's (edited)"
        return Report(count, head_sequence, head_hash, Break(last_sequence, _id_of(last_sequence), problem))
    # Events beyond the head as it stands now were not appended through the chain.
    now = _head()
    beyond = AuditEvent.objects.filter(sequence__gt=now[0] if now else 0).order_by("sequence")
    extra = beyond.values_list("sequence", "id").first()
    if extra is not None:
        problem = f"beyond the chain head (#{now[0] if now else 0}): appended out of band"
        return Report(count, head_sequence, head_hash, Break(extra[0], extra[1], problem))
    return Report(count, head_sequence, head_hash, None)


def _id_of(sequence: int) -> int | None:
    return AuditEvent.objects.filter(sequence=sequence).values_list("id", flat=True).first()
