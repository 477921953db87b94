"""The hash chains that make the audit trail tamper-evident.

Chains (partitions)
-------------------
The trail is written in a few independent hash chains, numbered 1..``AUDIT_CHAIN_PARTITIONS``
(16 by default) on PostgreSQL; SQLite, which has one writer at a time anyway, uses chain 1
alone. Each chain has its own ``ChainHead`` row (its id is the chain's number) holding the
chain's last number and hash, and its events are numbered 1, 2, 3… with no gap, so an event
is identified by ``(chain, sequence)`` (shown "3·1042"; plain "1042" in chain 1).

The first event of a transaction takes a head: the one this connection used last if it is
free, else any free one (``SELECT … FOR UPDATE SKIP LOCKED``), else it waits for the one it
used last. It keeps that row locked until commit, so two writers never get the same number in
a chain and an event rolls back with the change that caused it; writers of different
transactions no longer queue behind one lock. A transaction holds at most one head (its own
locked row is never skipped), so waiting for a head cannot close a cycle of heads. The head's
values are remembered on the connection, so later events of the same transaction cost one
statement on PostgreSQL (the head update and the insert in one ``WITH … INSERT``), two on
SQLite; a rollback, even to a savepoint, forgets them (they are tied to ``on_commit``).

Inside a unit of work (``common.batching``: a workflow step, a new dossier) events are kept
and appended together when the unit ends, before its transaction commits: numbered and hashed
in the order they were recorded, inserted in one statement, the head moved once (one
statement on PostgreSQL, two on SQLite, plus taking the head). An event kept under a savepoint
that rolls back is left out, as a written one would be rolled back.

What the hash covers
--------------------
Each ``AuditEvent`` stores ``hash = SHA-256(canonical JSON)``, hex-encoded, where the
canonical JSON is the object of **every column of the row except ``id`` and ``hash``**::

    v (format version), sequence, occurred_at, event_type, actor_id, actor_username,
    ip_address, nomination_id, nomination_code, unit_id, unit_code, object_type, object_id,
    object_repr, changes, reason, detail, search_key, prev_hash

and, for chains other than 1, ``chain`` (with ``v`` 2); events of chain 1 hash exactly as
format 1 did before there were chains, so trails written before verify unchanged. The JSON
is serialised with ``json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))``
and encoded as UTF-8; ``occurred_at`` is written in UTC as
``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``. ``prev_hash`` is the hash of the event numbered
``sequence - 1`` in the same chain (64 zeros for the first), so each hash covers, through its
predecessor, its whole chain before it.

What ``verify`` detects
-----------------------
Walking each chain in ``sequence`` order: a row whose stored hash differs from the recomputed
one (edited, or moved to another chain), a gap in the numbers or a ``prev_hash`` that is not
the hash before it (deleted or inserted), and a last event that is not the one the chain's
head names (the last event deleted, or one appended behind the application's back); events
of a chain that has no head (the head row deleted, or rows invented in a chain of their own).
It reports the first break of every chain.

What it cannot detect: someone with write access to the database who rewrites every hash of a
chain from the edited row to the end *and* that chain's head. Against that, keep the heads
that ``verify_audit`` prints (or the signed checkpoints of ``audit.witness``) somewhere the
database cannot reach, and give the application's database role no UPDATE or DELETE on
``audit_auditevent``. The *witness* of the whole trail is one hash over all heads
(``heads_digest``): the last hash itself while only chain 1 has events.
"""

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from common import batching

from .models import AuditEvent, ChainHead

FORMAT_VERSION = 1  # chain 1: the format of the trail before chains
CHAINED_FORMAT_VERSION = 2  # chains 2..N: also cover the chain's number
GENESIS_HASH = "0" * 64
HEAD_ID = 1  # the first chain, the only one on SQLite

# The columns the hash covers, in the order they are documented above (``chain`` aside).
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
    chain = values.get("chain") or HEAD_ID
    if chain == HEAD_ID:
        payload["v"] = FORMAT_VERSION
    else:
        payload["v"] = CHAINED_FORMAT_VERSION
        payload["chain"] = chain
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(values: dict) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def _values_of(event: AuditEvent) -> dict:
    return {name: getattr(event, name) for name in ("chain", *COVERED_FIELDS)}


def partitions() -> int:
    """How many chains new events are spread over: 1 where the database cannot skip locked rows."""
    if not connection.features.has_select_for_update_skip_locked:
        return 1
    return max(1, settings.AUDIT_CHAIN_PARTITIONS)


# --- Appending -------------------------------------------------------------------------


class _Held:
    """A chain head this connection's transaction holds locked, as it stands after its last
    event. Registered with ``on_commit`` (a no-op there): Django drops it on rollback, and on a
    rollback to a savepoint taken before it, which is how ``append`` knows it is stale."""

    __slots__ = ("chain", "hash", "sequence")

    def __init__(self, chain: int, sequence: int, hash_: str):
        self.chain, self.sequence, self.hash = chain, sequence, hash_

    def __call__(self):
        pass


def _still_held() -> _Held | None:
    held = getattr(connection, "_audit_chain_held", None)
    if held is None or not connection.in_atomic_block:
        return None
    # Ours is usually the last callback registered; a miss scans a short list.
    if any(entry[1] is held for entry in reversed(connection.run_on_commit)):
        return held
    return None


def _remember(held: _Held) -> None:
    connection._audit_chain_held = held
    transaction.on_commit(held)


def _forget() -> None:
    connection._audit_chain_held = None


def forget_held() -> None:
    """For a bulk loader that moved a head itself (``demo.province``): this transaction's next
    event reads its head again instead of continuing from the one it remembers."""
    _forget()


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


_heads_checked: set[tuple] = set()


def _create_heads(count: int) -> None:
    """The heads of chains 1..``count`` that do not exist yet (a new setting, a flushed database)."""
    ChainHead.objects.bulk_create(
        [ChainHead(pk=number, last_sequence=0, last_hash="") for number in range(1, count + 1)],
        ignore_conflicts=True,
    )


def _ensure_heads(count: int) -> None:
    """Once per process and setting: chains 1..``count`` all have their head."""
    key = (connection.alias, connection.settings_dict["NAME"], count)
    if key in _heads_checked:
        return
    if ChainHead.objects.filter(pk__lte=count).count() < count:
        _create_heads(count)
    _heads_checked.add(key)


def _lock_head() -> _Held:
    """Lock a chain head for this transaction and return it as it stands."""
    count = partitions()
    preferred = getattr(connection, "_audit_chain_preferred", HEAD_ID)
    preferred = preferred if preferred <= count else HEAD_ID
    table = _table(ChainHead)
    columns = "id, last_sequence, last_hash"
    with connection.cursor() as cursor:
        if count == 1:
            # ``UPDATE`` takes the lock before reading; on SQLite it takes the write lock at once
            # instead of upgrading a read lock later (which could fail with "database is locked").
            cursor.execute(
                f"UPDATE {table} SET last_sequence = last_sequence WHERE id = %s RETURNING {columns}",  # noqa: S608
                [HEAD_ID],
            )
            row = cursor.fetchone()
        else:
            _ensure_heads(count)
            cursor.execute(
                f"SELECT {columns} FROM {table} WHERE id <= %s "  # noqa: S608
                "ORDER BY id = %s DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                [count, preferred],
            )
            row = cursor.fetchone()
            if row is None:
                # Every head is held by a running transaction (none by this one, which never
                # skips its own): wait for the one this connection used last.
                cursor.execute(f"SELECT {columns} FROM {table} WHERE id = %s FOR UPDATE", [preferred])  # noqa: S608
                row = cursor.fetchone()
    if row is None:
        # No head at all (a database emptied by a test's flush): start the chains, once.
        _create_heads(count)
        return _lock_head()
    connection._audit_chain_preferred = row[0]
    return _Held(row[0], row[1], row[2] or GENESIS_HASH)


def _fields():
    return [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]


_insert_sql: dict[tuple[str, int], str] = {}


def _insert_events_sql(count: int) -> str:
    """One statement inserting ``count`` events and returning their ids with their numbers.

    PostgreSQL: the head is moved in the same statement, and nothing is inserted when the head
    row is gone (the caller then starts again). Elsewhere the head is moved before, apart."""
    key = (connection.vendor, count)
    if key not in _insert_sql:
        fields = _fields()
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        events = _table(AuditEvent)
        if connection.vendor == "postgresql":
            # Typed without a length: a text too long is refused by the column, never cut by the
            # cast (a cut value would no longer match its hash).
            row = ", ".join(f"%s::{f.cast_db_type(connection).split('(')[0]}" for f in fields)
            rows = ", ".join([f"({row})"] * count)
            _insert_sql[key] = (
                f"WITH head AS (UPDATE {_table(ChainHead)} SET last_sequence = %s, last_hash = %s "  # noqa: S608
                f"WHERE id = %s RETURNING id) "
                f"INSERT INTO {events} ({columns}) SELECT v.* FROM head, (VALUES {rows}) AS v ({columns}) "
                f"RETURNING id, sequence"
            )
        else:
            rows = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * count)
            _insert_sql[key] = f"INSERT INTO {events} ({columns}) VALUES {rows} RETURNING id, sequence"  # noqa: S608
    return _insert_sql[key]


def _write(events: list[AuditEvent]) -> bool:
    """Advance the chain head to the last of ``events`` (numbered and hashed, in one chain) and
    insert them all in one statement; False when the head row is gone."""
    last = events[-1]
    fields = _fields()
    params = [f.get_db_prep_save(f.pre_save(event, True), connection) for event in events for f in fields]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            params = [last.sequence, last.hash, last.chain, *params]
        else:
            cursor.execute(
                f"UPDATE {_table(ChainHead)} SET last_sequence = %s, last_hash = %s WHERE id = %s",  # noqa: S608
                [last.sequence, last.hash, last.chain],
            )
            if not cursor.rowcount:
                return False
        cursor.execute(_insert_events_sql(len(events)), params)
        ids = dict((sequence, pk) for pk, sequence in cursor.fetchall())
    if not ids:
        return False
    for event in events:
        event.pk = ids[event.sequence]
        event._state.adding, event._state.db = False, connection.alias
    return True


def _number(events: list[AuditEvent], held: _Held) -> None:
    """Give ``events`` the next numbers of the held chain, each hashed over its predecessor."""
    sequence, prev_hash = held.sequence, held.hash
    for event in events:
        sequence += 1
        event.chain, event.sequence, event.prev_hash = held.chain, sequence, prev_hash
        event.hash = prev_hash = compute_hash(_values_of(event))


def _append_all(events: list[AuditEvent]) -> None:
    """Number, chain and insert ``events``, in this order, inside the current transaction (or a
    new one): the head is taken (if this transaction does not hold it yet) and moved once."""
    with transaction.atomic(savepoint=False):
        held = _still_held()
        for _attempt in range(2):
            held = held or _lock_head()
            _number(events, held)
            if _write(events):
                break
            _forget()  # the head row went away under us (a flush): take a head again
            held = None
        else:
            raise RuntimeError("The audit chain head cannot be found or created.")
        last = events[-1]
        _remember(_Held(last.chain, last.sequence, last.hash))


class _Kept:
    """An event kept for the end of its unit of work (``common.batching``). Registered with
    ``on_commit`` (a no-op there), like ``_Held``: a rollback to a savepoint taken before it
    drops it from Django's list, and the event is then dropped too, as a written one would be."""

    __slots__ = ("event",)

    def __init__(self, event: AuditEvent):
        self.event = event

    def __call__(self):
        pass


def append(event: AuditEvent) -> AuditEvent:
    """Number, chain and save ``event`` inside the current transaction (or a new one).

    Inside a unit of work (a workflow step) the event is kept and written with the unit's
    other events when it ends, still in its transaction (``flush_kept``): one head update and
    one insert for them all. It has no number or id until then."""
    event.changes = jsonable(event.changes)
    event.detail = jsonable(event.detail)
    if batching.is_open() and connection.in_atomic_block:
        kept = _Kept(event)
        if getattr(connection, "_audit_kept", None) is None:
            connection._audit_kept = []
        connection._audit_kept.append(kept)
        transaction.on_commit(kept)
        return event
    _append_all([event])
    return event


def flush_kept() -> None:
    """Write the events kept by the unit of work that ends, in the order they were recorded,
    leaving out those whose savepoint was rolled back meanwhile."""
    kept = getattr(connection, "_audit_kept", None)
    connection._audit_kept = None
    if not kept:
        return
    live = {id(entry[1]) for entry in connection.run_on_commit}
    events = [k.event for k in kept if id(k) in live]
    if events:
        _append_all(events)


def discard_kept() -> None:
    """The unit of work failed: its transaction rolls back, and its kept events with it."""
    connection._audit_kept = None


# --- Verifying -------------------------------------------------------------------------


def heads_digest(heads: dict[int, tuple[int, str]]) -> str:
    """One hash that witnesses every chain's head: the last hash itself when only chain 1 has
    events (as before chains), else SHA-256 of the lines ``chain:sequence:hash`` of every
    non-empty chain, in chain order, joined by newlines."""
    used = {chain: head for chain, head in sorted(heads.items()) if head[0]}
    if not used:
        return GENESIS_HASH
    if list(used) == [HEAD_ID]:
        return used[HEAD_ID][1]
    lines = "\n".join(f"{chain}:{sequence}:{hash_}" for chain, (sequence, hash_) in used.items())
    return hashlib.sha256(lines.encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place where a chain does not hold."""

    sequence: int | None
    event_id: int | None
    problem: str
    chain: int = HEAD_ID

    def __str__(self):
        where = f"event #{self.sequence} (id {self.event_id})" if self.event_id else f"event #{self.sequence}"
        return f"{where} of chain {self.chain}: {self.problem}"


@dataclass(frozen=True)
class Report:
    """What ``verify`` found: events read, the heads it walked to, the first break of each
    chain. ``head_sequence`` and ``head_hash`` witness the whole trail: the number of events
    the heads name and ``heads_digest``."""

    count: int
    heads: dict
    breaks: tuple = ()

    @property
    def broken(self) -> Break | None:
        return self.breaks[0] if self.breaks else None

    @property
    def intact(self) -> bool:
        return not self.breaks

    @property
    def head_sequence(self) -> int:
        return sum(sequence for sequence, _hash in self.heads.values())

    @property
    def head_hash(self) -> str:
        return heads_digest(self.heads)


def _rows(chain: int, up_to: int, chunk_size: int) -> Iterator[dict]:
    return (
        AuditEvent.objects.filter(chain=chain, sequence__lte=up_to)
        .order_by("sequence")
        .values("id", "hash", "chain", *COVERED_FIELDS)
        .iterator(chunk_size)
    )


def read_heads() -> dict[int, tuple[int, str]]:
    """Every chain's head: ``{chain: (last sequence, last hash)}``."""
    return {
        chain: (sequence, last_hash or GENESIS_HASH)
        for chain, sequence, last_hash in ChainHead.objects.order_by("pk").values_list(
            "pk", "last_sequence", "last_hash"
        )
    }


def _head() -> tuple[int, str] | None:
    """Chain 1's head (the whole trail's before chains existed)."""
    return read_heads().get(HEAD_ID)


def _walk(chain: int, head_sequence: int, head_hash: str, chunk_size: int) -> tuple[int, Break | None]:
    """Events read and the first break of one chain, up to its head."""
    expected_sequence, expected_prev, count = 1, GENESIS_HASH, 0
    for row in _rows(chain, head_sequence, chunk_size):
        count += 1
        sequence = row["sequence"]
        if sequence != expected_sequence:
            gap = f"#{expected_sequence}" + (
                f" to #{sequence - 1}" if sequence - 1 > expected_sequence else ""
            )
            return count, Break(sequence, row["id"], f"event {gap} is missing (deleted)", chain)
        if row["prev_hash"] != expected_prev:
            problem = "does not follow the event before it (inserted, or its predecessor replaced)"
            return count, Break(sequence, row["id"], problem, chain)
        if compute_hash(row) != row["hash"]:
            return count, Break(sequence, row["id"], "its content does not match its hash (edited)", chain)
        expected_sequence, expected_prev = sequence + 1, row["hash"]
    last_sequence = expected_sequence - 1
    if last_sequence < head_sequence:
        problem = (
            f"the chain head names event #{head_sequence} but the chain ends at #{last_sequence} (deleted)"
        )
        return count, Break(last_sequence + 1, None, problem, chain)
    if last_sequence and head_hash != expected_prev:
        problem = "the chain head's hash is not this event's (edited)"
        return count, Break(last_sequence, _id_of(chain, last_sequence), problem, chain)
    return count, None


def _headless(chains_with_heads) -> list[Break]:
    """The first event of every chain that has no head row."""
    breaks, known = [], set(chains_with_heads)
    while True:
        first = (
            AuditEvent.objects.exclude(chain__in=known)
            .order_by("chain", "sequence")
            .values_list("chain", "sequence", "id")
            .first()
        )
        if first is None:
            return breaks
        chain, sequence, event_id = first
        breaks.append(Break(sequence, event_id, "the chain head row is missing (deleted)", chain))
        known.add(chain)


def verify(chunk_size: int = 2000) -> Report:
    """Walk every chain in order, in bounded memory, and report the first break of each.

    The heads are read first and each walk stops at its head, so events appended meanwhile
    by the running application are left for the next run instead of being taken for
    tampering."""
    heads = read_heads()
    count, breaks = 0, {}
    for chain, (head_sequence, head_hash) in heads.items():
        read, broken = _walk(chain, head_sequence, head_hash, chunk_size)
        count += read
        if broken is not None:
            breaks[chain] = broken
    for broken in _headless(heads):
        breaks[broken.chain] = broken
    # Events beyond a head as it stands now were not appended through the chain.
    for chain, (sequence, _hash) in read_heads().items():
        if chain in breaks:
            continue
        extra = (
            AuditEvent.objects.filter(chain=chain, sequence__gt=sequence)
            .order_by("sequence")
            .values_list("sequence", "id")
            .first()
        )
        if extra is not None:
            problem = f"beyond the chain head (#{sequence}): appended out of band"
            breaks[chain] = Break(extra[0], extra[1], problem, chain)
    return Report(count, heads, tuple(breaks[chain] for chain in sorted(breaks)))


def _id_of(chain: int, sequence: int) -> int | None:
    return AuditEvent.objects.filter(chain=chain, sequence=sequence).values_list("id", flat=True).first()
