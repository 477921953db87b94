"""The trail in several hash chains: each chain verifies on its own and a break is named with
its chain; chain 1 keeps the format of the trail before chains; a transaction keeps one head,
costs one statement an event once it holds it, and leaves no gap when it rolls back; on
PostgreSQL, writers in parallel take different chains and never share a number."""

import datetime
import hashlib
import json
import threading
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from audit import chain, witness
from audit.models import AuditEvent, ChainHead, EventType
from tests.audit.conftest import raw_sql

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


def event(number: int = 0, **values) -> AuditEvent:
    return AuditEvent(
        event_type=EventType.LOGIN_FAILED,
        actor_username=f"nguoi.{number}",
        search_key=f"nguoi {number}",
        detail=values.pop("detail", {"n": number}),
        **values,
    )


@contextmanager
def writing_in(number: int):
    """Events appended meanwhile go to chain ``number`` (as a writer that took its head would)."""

    def lock_this_head():
        ChainHead.objects.get_or_create(pk=number, defaults={"last_sequence": 0, "last_hash": ""})
        head = ChainHead.objects.select_for_update().get(pk=number)
        return chain._Held(number, head.last_sequence, head.last_hash or chain.GENESIS_HASH)

    chain._forget()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chain, "_lock_head", lock_this_head)
        yield
    chain._forget()


@pytest.fixture
def three_chains(db):
    """Chain 1 with 6 events, chain 3 with 5, chain 7 with 4."""
    for number, count in ((1, 6), (3, 5), (7, 4)):
        with writing_in(number):
            for i in range(count):
                chain.append(event(i))
    return {
        number: list(AuditEvent.objects.filter(chain=number).order_by("sequence")) for number in (1, 3, 7)
    }


class TestEachChainOnItsOwn:
    def test_every_chain_is_numbered_from_one_and_linked(self, three_chains):
        for number, events in three_chains.items():
            assert [e.sequence for e in events] == list(range(1, len(events) + 1))
            assert events[0].prev_hash == chain.GENESIS_HASH
            assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
            head = ChainHead.objects.get(pk=number)
            assert (head.last_sequence, head.last_hash) == (events[-1].sequence, events[-1].hash)
        report = chain.verify()
        assert report.intact and report.count == 15

    def test_events_of_other_chains_cover_their_chain_number(self, three_chains):
        moved = three_chains[3][0]
        values = {name: getattr(moved, name) for name in ("chain", *chain.COVERED_FIELDS)}
        assert chain.compute_hash(values) == moved.hash
        assert chain.compute_hash({**values, "chain": 5}) != moved.hash
        assert chain.compute_hash({**values, "chain": 1}) != moved.hash

    def test_a_deletion_in_chain_3_is_reported_with_chain_3(self, three_chains, capsys):
        gone = three_chains[3][2]
        raw_sql("DELETE FROM {table} WHERE id = %s", [gone.pk])
        report = chain.verify()
        assert [(b.chain, b.sequence) for b in report.breaks] == [(3, 4)]
        assert "event #3 is missing (deleted)" in report.broken.problem
        with pytest.raises(CommandError, match=r"BROKEN at event #4 \(id \d+\) of chain 3"):
            call_command("verify_audit")

    def test_the_first_break_of_every_chain_is_reported(self, three_chains):
        raw_sql("UPDATE {table} SET reason = %s WHERE id = %s", ["Sửa lén", three_chains[1][1].pk])
        raw_sql("DELETE FROM {table} WHERE id = %s", [three_chains[7][-1].pk])
        report = chain.verify()
        assert [(b.chain, b.sequence) for b in report.breaks] == [(1, 2), (7, 4)]
        assert "edited" in report.breaks[0].problem
        assert "the chain head names event #4 but the chain ends at #3" in report.breaks[1].problem

    def test_a_row_moved_to_another_chain_is_caught(self, three_chains):
        raw_sql("UPDATE {table} SET chain = 7 WHERE id = %s", [three_chains[3][-1].pk])
        raw_sql("UPDATE {table} SET chain = 40 WHERE id = %s", [three_chains[3][-2].pk])
        breaks = {b.chain: b for b in chain.verify().breaks}
        assert "deleted" in breaks[3].problem  # its chain lost its last events
        assert "out of band" in breaks[7].problem  # another chain got one beyond its head
        assert "chain head row is missing" in breaks[40].problem  # and a chain with no head appeared

    def test_an_out_of_band_append_to_chain_3_is_caught_by_its_head(self, three_chains):
        last = three_chains[3][-1]
        forged = {name: getattr(last, name) for name in ("chain", *chain.COVERED_FIELDS)}
        forged.update(sequence=last.sequence + 1, prev_hash=last.hash)
        columns = [
            f.column
            for f in AuditEvent._meta.concrete_fields
            if f.column not in ("id", "sequence", "prev_hash", "hash")
        ]
        listed = ", ".join(columns)
        raw_sql(
            f"INSERT INTO {{table}} ({listed}, sequence, prev_hash, hash) "  # noqa: S608
            f"SELECT {listed}, %s, %s, %s FROM {{table}} WHERE id = %s",
            [last.sequence + 1, last.hash, chain.compute_hash(forged), last.pk],
        )
        broken = chain.verify().broken
        assert (broken.chain, broken.sequence) == (3, last.sequence + 1)
        assert "out of band" in broken.problem

    def test_verify_audit_prints_every_head_and_the_witness_of_them_all(self, three_chains, capsys):
        call_command("verify_audit")
        output = capsys.readouterr().out
        heads = {n: (events[-1].sequence, events[-1].hash) for n, events in three_chains.items()}
        lines = "\n".join(f"{n}:{s}:{h}" for n, (s, h) in sorted(heads.items()))
        assert f"15 events; head #15 {hashlib.sha256(lines.encode()).hexdigest()}" in output
        for number, (sequence, head_hash) in heads.items():
            assert f"chain {number}: #{sequence} {head_hash}" in output

    def test_the_log_and_the_exports_name_the_chain(self, three_chains):
        from audit import exports

        assert three_chains[1][3].position == "4"
        assert three_chains[3][3].position == "3·4"
        assert exports.headers()[-1] == str(exports.COLUMNS[-1][0])
        rows = list(exports.rows(AuditEvent.objects.all()))
        assert [(row[-1], row[0]) for row in rows][:7] == [(1, n) for n in range(1, 7)] + [(3, 1)]


class TestWitnessesOfSeveralChains:
    def test_a_checkpoint_witnesses_every_chain(self, three_chains, tmp_path):
        checkpoints = tmp_path / "checkpoints.jsonl"
        point = witness.append_checkpoint(checkpoints)
        assert point["heads"] == [
            [n, events[-1].sequence, events[-1].hash] for n, events in three_chains.items()
        ]
        call_command("verify_audit", "--checkpoints", str(checkpoints))
        # Chain 7 cut short, and its head set back, as an intruder would.
        kept = three_chains[7][1]
        raw_sql("DELETE FROM {table} WHERE chain = 7 AND sequence > %s", [kept.sequence])
        ChainHead.objects.filter(pk=7).update(last_sequence=kept.sequence, last_hash=kept.hash)
        assert chain.verify().intact  # the chain alone cannot tell
        with pytest.raises(CommandError, match="event #4 of chain 7 .* no longer in the trail"):
            call_command("verify_audit", "--checkpoints", str(checkpoints))

    def test_heads_edited_in_a_checkpoint_are_found_forged(self, three_chains, tmp_path):
        checkpoints = tmp_path / "checkpoints.jsonl"
        point = witness.append_checkpoint(checkpoints)
        point["heads"][2][1] -= 1
        checkpoints.write_text(json.dumps(point) + "\n")
        with pytest.raises(CommandError, match="signature is wrong"):
            call_command("verify_audit", "--checkpoints", str(checkpoints))

    def test_a_checkpoint_written_before_chains_still_checks_chain_1(self, three_chains, tmp_path):
        last = three_chains[1][-1]
        at = "2025-01-01T00:00:00+07:00"
        line = {"sequence": last.sequence, "hash": last.hash, "at": at}
        line["signature"] = witness.sign(last.sequence, last.hash, at)
        checkpoints = tmp_path / "checkpoints.jsonl"
        checkpoints.write_text(json.dumps(line) + "\n")
        assert witness.check_checkpoints(checkpoints.read_text().splitlines()) is None
        raw_sql("DELETE FROM {table} WHERE chain = 1 AND sequence = %s", [last.sequence])
        ChainHead.objects.filter(pk=1).update(last_sequence=last.sequence - 1, last_hash=last.prev_hash)
        assert "no longer in the trail" in str(
            witness.check_checkpoints(checkpoints.read_text().splitlines())
        )

    def test_one_chain_alone_is_witnessed_by_its_last_hash_as_before(self, db):
        for i in range(3):
            chain.append(event(i))
        last = AuditEvent.objects.get(chain=1, sequence=3)
        report = chain.verify()
        assert (report.head_sequence, report.head_hash) == (3, last.hash)


# The format of every event before chains existed, frozen: chain 1 must keep hashing so.
V1_FIELDS = chain.COVERED_FIELDS


def v1_hash(values: dict) -> str:
    payload = {name: values[name] for name in V1_FIELDS}
    payload["occurred_at"] = (
        payload["occurred_at"].astimezone(datetime.UTC).isoformat(timespec="microseconds")
    )
    payload["v"] = 1
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_trail_written_before_chains_verifies_and_grows_in_chain_1(db):
    ChainHead.objects.all().delete()
    prev = chain.GENESIS_HASH
    when = datetime.datetime(2024, 3, 1, 8, 0, tzinfo=datetime.UTC)
    for sequence in range(1, 6):
        row = event(sequence, sequence=sequence, prev_hash=prev, occurred_at=when)
        values = {name: getattr(row, name) for name in V1_FIELDS}
        row.hash = v1_hash(values)
        row.save(force_insert=True)  # as the code before chains left it: chain 1 by default
        prev = row.hash
    ChainHead.objects.create(pk=1, last_sequence=5, last_hash=prev)
    chain._forget()
    assert chain.verify().intact
    added = chain.append(event(6))
    assert (added.chain, added.sequence, added.prev_hash) == (1, 6, prev)
    assert added.hash == v1_hash({name: getattr(added, name) for name in V1_FIELDS})
    assert chain.verify().intact


class TestOneTransactionOneHead:
    def test_a_rollback_to_a_savepoint_leaves_no_gap(self, db):
        first = chain.append(event(1))
        with pytest.raises(RuntimeError), transaction.atomic():
            chain.append(event(2))
            chain.append(event(3))
            raise RuntimeError("the step failed")
        after = chain.append(event(4))
        assert (after.chain, after.sequence, after.prev_hash) == (first.chain, first.sequence + 1, first.hash)
        assert chain.verify().intact

    def test_later_events_of_a_transaction_cost_one_statement_on_postgresql_two_on_sqlite(
        self, db, django_assert_num_queries
    ):
        chain.append(event(0))  # the head is held from here on (and created, if need be)
        per_event = 1 if ON_POSTGRESQL else 2
        with django_assert_num_queries(per_event * 3):
            for i in range(3):
                chain.append(event(i))

    def test_the_first_event_of_a_transaction_also_takes_the_head(self, db, django_assert_num_queries):
        chain.append(event(0))
        chain._forget()  # as when the transaction before has ended
        with django_assert_num_queries(2 if ON_POSTGRESQL else 3):
            chain.append(event(1))


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite does not limit the length of text")
def test_a_value_too_long_for_its_column_is_refused_not_cut(db):
    from django.db import DataError

    with pytest.raises(DataError), transaction.atomic():
        chain.append(event(1, nomination_code="KT-" + "9" * 40))


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_rolls_back_leaves_no_gap(db):
    chain.append(event(1))
    with pytest.raises(RuntimeError), transaction.atomic():
        chain.append(event(2))
        raise RuntimeError("the step failed")
    with transaction.atomic():
        chain.append(event(3))
        chain.append(event(4))
    report = chain.verify()
    assert report.intact and report.count == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not ON_POSTGRESQL, reason="concurrent writers need PostgreSQL (set DATABASE_URL)")
def test_eight_writers_at_once_share_no_number_leave_no_gap_and_the_chains_verify(settings):
    settings.AUDIT_CHAIN_PARTITIONS = 16
    writers, transactions = 8, 12
    barrier = threading.Barrier(writers)
    errors = []

    def write(worker: int):
        try:
            barrier.wait()
            for t in range(transactions):
                try:
                    with transaction.atomic():
                        for i in range(2 + (t % 2)):
                            chain.append(event(i, detail={"tx": f"{worker}-{t}"}))
                        with connection.cursor() as cursor:
                            cursor.execute("SELECT pg_sleep(0.002)")  # the rest of the step's work
                        if t % 5 == 4:
                            raise RuntimeError("this step fails")
                except RuntimeError:
                    pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    rows = list(AuditEvent.objects.values_list("chain", "sequence", "detail"))
    committed = writers * sum(2 + (t % 2) for t in range(transactions) if t % 5 != 4)
    assert len(rows) == committed
    assert len({(c, s) for c, s, _d in rows}) == committed
    by_chain: dict[int, list[int]] = {}
    by_transaction: dict[str, list[tuple[int, int]]] = {}
    for number, sequence, detail in rows:
        by_chain.setdefault(number, []).append(sequence)
        by_transaction.setdefault(detail["tx"], []).append((number, sequence))
    assert len(by_chain) > 1  # the writers did not queue on one head
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in by_chain.values())
    for places in by_transaction.values():  # one head a transaction, its events one after another
        chains, numbers = {c for c, _s in places}, sorted(s for _c, s in places)
        assert len(chains) == 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    report = chain.verify()
    assert report.intact and report.count == committed
