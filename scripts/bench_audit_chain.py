#!/usr/bin/env python
"""Benchmark: transitions per second that the audit chain allows with 8 concurrent writers.

Each writer is a thread with its own database connection running transactions shaped like a
workflow transition: an audit event, a few row writes (an insert, an update of "its" dossier
row), the rest of the step's work (``pg_sleep(0.005)`` on PostgreSQL, a 5 ms sleep on SQLite),
then one or two more events, commit. Three ways of appending, interleaved round by round in
the same run:

- before: the single chain head as it was (``UPDATE … RETURNING`` the head at the first
  event, held to commit; three statements an event), kept here verbatim as the baseline;
- ours, one chain: today's code with ``AUDIT_CHAIN_PARTITIONS=1`` (fewer statements only);
- ours, 16 chains: today's code as configured by default.

After each run the whole trail is verified (``audit.chain.verify``) and must be intact.

    .venv/bin/python scripts/bench_audit_chain.py                      # throw-away SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14d_bench .venv/bin/python scripts/bench_audit_chain.py
    BENCH_QUICK=1 …   # one short round (for make bench)

DATABASE_URL must name a database you may throw away: its audit tables are emptied first.
"""

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUICK = os.environ.get("BENCH_QUICK") == "1"
WRITERS = int(os.environ.get("BENCH_WRITERS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3" if QUICK else "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1" if QUICK else "3"))
PARTITIONS = int(os.environ.get("BENCH_PARTITIONS", "16"))
WORK_SECONDS = 0.005


def setup_django() -> str:
    if "DATABASE_URL" not in os.environ:
        workdir = Path(tempfile.mkdtemp(prefix="bench-chain-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return connection.vendor


def legacy_append(event):
    """The append of the single chain head before chains, verbatim in effect (the baseline)."""
    from django.db import connection, transaction

    from audit import chain
    from audit.models import ChainHead

    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last_sequence = last_sequence + 1 WHERE id = %s "  # noqa: S608
                "RETURNING last_sequence, last_hash",
                [chain.HEAD_ID],
            )
            sequence, last_hash = cursor.fetchone()
        event.chain, event.sequence, event.prev_hash = (
            chain.HEAD_ID,
            sequence,
            last_hash or chain.GENESIS_HASH,
        )
        event.changes = chain.jsonable(event.changes)
        event.detail = chain.jsonable(event.detail)
        event.hash = chain.compute_hash(chain._values_of(event))
        event.save(force_insert=True)
        ChainHead.objects.filter(pk=chain.HEAD_ID).update(last_hash=event.hash)
    return event


def reset(vendor: str) -> None:
    """Empty the audit tables and the scratch rows; one head for chain 1."""
    from django.db import connection

    from audit import chain
    from audit.models import ChainHead

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET khenthuong.audit_maintenance = 'on'")
            cursor.execute("TRUNCATE audit_auditevent, audit_chainhead")
        else:
            cursor.execute("DELETE FROM audit_auditevent")
            cursor.execute("DELETE FROM audit_chainhead")
        cursor.execute("DROP TABLE IF EXISTS bench_chain_rows")
        cursor.execute(
            "CREATE TABLE bench_chain_rows (id integer PRIMARY KEY, worker integer, n integer, payload text)"
        )
        cursor.execute("DROP TABLE IF EXISTS bench_chain_dossiers")
        cursor.execute("CREATE TABLE bench_chain_dossiers (id integer PRIMARY KEY, status integer)")
        for worker in range(WRITERS):
            cursor.execute("INSERT INTO bench_chain_dossiers (id, status) VALUES (%s, 0)", [worker])
    ChainHead.objects.create(pk=chain.HEAD_ID, last_sequence=0, last_hash="")
    chain._heads_checked.clear()


class RowIds:
    """Primary keys for the scratch rows, shared by the writers."""

    def __init__(self):
        self.last, self.lock = 0, threading.Lock()

    def __next__(self) -> int:
        with self.lock:
            self.last += 1
            return self.last


def transition(append, worker: int, n: int, vendor: str, ids) -> None:
    """One transition's transaction: events, row writes, the step's work, more events."""
    from django.db import connection, transaction

    from audit.models import AuditEvent, EventType

    def event(kind, detail):
        return AuditEvent(
            event_type=kind,
            actor_username=f"bench.{worker}",
            nomination_code=f"KT-2025-{worker:06d}",
            reason="Văn phòng Sở thẩm định: chuyển Hội đồng",
            detail=detail,
            search_key=f"bench {worker} kt-2025-{worker:06d}",
        )

    with transaction.atomic():
        append(event(EventType.CHANGED, {"step": n}))
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_chain_rows (id, worker, n, payload) VALUES (%s, %s, %s, %s)",
                [next(ids), worker, n, "task"],
            )
            cursor.execute("UPDATE bench_chain_dossiers SET status = status + 1 WHERE id = %s", [worker])
            if vendor == "postgresql":
                cursor.execute("SELECT pg_sleep(%s)", [WORK_SECONDS])
            else:
                time.sleep(WORK_SECONDS)
        append(event(EventType.COMPLETED, {"step": n, "decision": "forward"}))
        if n % 2:
            append(event(EventType.TASK_CREATED, {"step": n + 1}))


def run(mode: str, vendor: str) -> dict:
    """``WRITERS`` threads for ``SECONDS``: transitions committed per second, then a verify."""
    from django.conf import settings
    from django.db import connection

    from audit import chain

    append = legacy_append if mode == "before" else chain.append
    settings.AUDIT_CHAIN_PARTITIONS = 1 if mode != "chains" else PARTITIONS
    ids = RowIds()
    done = [0] * WRITERS
    errors = []
    start = threading.Barrier(WRITERS + 1)
    stop = threading.Event()

    def writer(worker: int):
        try:
            start.wait()
            n = 0
            while not stop.is_set():
                transition(append, worker, n, vendor, ids)
                n += 1
                done[worker] += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        sys.exit(f"{mode}: a writer failed: {errors[0]}")
    started = time.perf_counter()
    report = chain.verify()
    if not report.intact:
        sys.exit(f"{mode}: the chain is BROKEN after the run: {report.broken}")
    used = sum(1 for sequence, _hash in report.heads.values() if sequence)
    return {
        "per_s": sum(done) / elapsed,
        "events": report.count,
        "chains": used,
        "verify_s": time.perf_counter() - started,
    }


def statements_per_event(mode: str) -> float:
    """Statements the chain issues for a transaction of three events, per event."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from audit import chain
    from audit.models import AuditEvent, EventType

    append = legacy_append if mode == "before" else chain.append
    settings.AUDIT_CHAIN_PARTITIONS = 1 if mode != "chains" else PARTITIONS
    with transaction.atomic():  # a warm-up, so that the heads exist
        append(AuditEvent(event_type=EventType.LOGIN, actor_username="bench"))
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for _ in range(3):
            append(AuditEvent(event_type=EventType.LOGIN, actor_username="bench"))
    control = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK")
    statements = [q for q in queries.captured_queries if not q["sql"].upper().startswith(control)]
    return len(statements) / 3


def bench_line(name, db, ours, baseline, unit, goal, higher_is_better=True) -> str:
    ratio = None
    if baseline:
        ratio = round(ours / baseline if higher_is_better else baseline / ours, 2)
    return "BENCH " + json.dumps(
        {
            "name": name,
            "db": db,
            "ours": round(ours, 2),
            "baseline": round(baseline, 2) if baseline is not None else None,
            "unit": unit,
            "ratio": ratio,
            "goal": goal,
        },
        ensure_ascii=False,
    )


def main() -> None:
    vendor = setup_django()
    modes = [
        ("before", "before: one head, 3 statements/event"),
        ("one", "ours, 1 chain"),
        ("chains", f"ours, {PARTITIONS} chains"),
    ]
    reset(vendor)
    statements = {mode: statements_per_event(mode) for mode, _label in modes}
    results: dict[str, list[dict]] = {mode: [] for mode, _label in modes}
    for _round in range(ROUNDS):
        for mode, _label in modes:  # interleaved, so that the machine's load hits all alike
            reset(vendor)
            results[mode].append(run(mode, vendor))
    print(
        f"database: {vendor}, writers: {WRITERS}, {ROUNDS} round(s) of {SECONDS:.0f} s each, "
        f"step work {WORK_SECONDS * 1000:.0f} ms, Python {sys.version.split()[0]}"
    )
    print(
        f"{'way of appending':40} {'transitions/s':>14} {'events':>8} {'chains':>7} {'stmts/event':>12} {'verify':>8}"
    )
    median = {}
    for mode, label in modes:
        runs = results[mode]
        median[mode] = statistics.median(r["per_s"] for r in runs)
        print(
            f"{label:40} {median[mode]:>14.1f} {sum(r['events'] for r in runs):>8} "
            f"{max(r['chains'] for r in runs):>7} {statements[mode]:>12.2f} "
            f"{statistics.median(r['verify_s'] for r in runs):>7.2f}s"
        )
    print("every run's trail verified intact")
    print()
    print(
        bench_line(
            f"audit chain: transitions/s, {WRITERS} writers, {PARTITIONS} chains vs one head (before)"
            + (" (SQLite: one chain)" if vendor == "sqlite" else ""),
            vendor,
            median["chains"],
            median["before"],
            "per s",
            "raise it (the head lock serialised every write)",
        )
    )
    print(
        bench_line(
            f"audit chain: transitions/s, {WRITERS} writers, 1 chain (ours) vs one head (before)",
            vendor,
            median["one"],
            median["before"],
            "per s",
            "≥ 1× (fewer statements only)",
        )
    )
    print(
        bench_line(
            "audit chain: statements per event, 3-event transaction, ours vs before",
            vendor,
            statements["chains"],
            statements["before"],
            "statements",
            "fewer than 3",
            higher_is_better=False,
        )
    )


if __name__ == "__main__":
    main()
