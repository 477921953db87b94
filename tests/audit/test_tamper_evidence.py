"""The hash chain: ``verify_audit`` passes on an untouched trail and names the first broken
event when a row was edited, deleted or inserted behind the application's back."""

import pytest
from django.core.management import ManagementUtility, call_command

from audit import chain, services
from audit.models import AuditEvent, ChainHead, EventType
from tests.audit.conftest import raw_sql
from tests.factories import make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(unit_a, officer_a):
    """A few dozen events of ordinary work (a dossier drafted, with its grants)."""
    for _ in range(3):
        make_nomination(unit=unit_a, author=officer_a)
    assert AuditEvent.objects.count() >= 10
    return list(AuditEvent.objects.order_by("sequence"))


def run_verify(capsys) -> tuple[int, str]:
    """``manage.py verify_audit`` as a shell runs it: its exit status and what it printed."""
    try:
        ManagementUtility(["manage.py", "verify_audit"]).execute()
    except SystemExit as exit_:
        status = exit_.code
    else:
        status = 0
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_an_untouched_trail_verifies(trail, capsys):
    status, output = run_verify(capsys)
    assert status == 0
    assert f"{len(trail)} events" in output
    assert trail[-1].hash in output


def test_events_are_numbered_and_chained_from_the_first(trail):
    assert [e.sequence for e in trail] == list(range(1, len(trail) + 1))
    assert trail[0].prev_hash == chain.GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(trail, trail[1:], strict=False))
    head = ChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (trail[-1].sequence, trail[-1].hash)


def test_an_edited_row_is_named(trail, capsys):
    target = trail[4]
    raw_sql("UPDATE {table} SET reason = %s WHERE id = %s", ["Sửa lén", target.pk])
    status, output = run_verify(capsys)
    assert status == 1
    assert f"BROKEN at event #{target.sequence} (id {target.pk})" in output
    assert "edited" in output


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(trail):
    target = trail[4]
    values = {name: getattr(target, name) for name in chain.COVERED_FIELDS}
    values["reason"] = "Sửa lén"
    raw_sql(
        "UPDATE {table} SET reason = %s, hash = %s WHERE id = %s",
        ["Sửa lén", chain.compute_hash(values), target.pk],
    )
    report = chain.verify()
    assert (report.broken.sequence, report.broken.event_id) == (trail[5].sequence, trail[5].pk)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor_username", "nguoi-khac"),
        ("event_type", "logout"),
        ("occurred_at", "2020-01-01 00:00:00"),
        ("nomination_code", "KT-2024-999999"),
        ("object_repr", "khác"),
        ("ip_address", "10.9.9.9"),
    ],
)
def test_every_covered_column_is_protected(trail, column, value):
    raw_sql(f"UPDATE {{table}} SET {column} = %s WHERE id = %s", [value, trail[2].pk])  # noqa: S608
    assert chain.verify().broken.sequence == trail[2].sequence


def test_a_deleted_row_is_named(trail, capsys):
    gone = trail[3]
    raw_sql("DELETE FROM {table} WHERE id = %s", [gone.pk])
    status, output = run_verify(capsys)
    assert status == 1
    assert f"BROKEN at event #{gone.sequence + 1}" in output
    assert f"event #{gone.sequence} is missing (deleted)" in output


def test_deleting_the_last_rows_is_caught_by_the_chain_head(trail):
    raw_sql("DELETE FROM {table} WHERE sequence >= %s", [trail[-2].sequence])
    report = chain.verify()
    assert not report.intact
    assert report.broken.sequence == trail[-2].sequence
    assert "deleted" in report.broken.problem


def _insert_copy(source: AuditEvent, *, sequence: int, prev_hash: str, hash_: str):
    """A row written with raw SQL, copying another one's content."""
    columns = [
        f.column
        for f in AuditEvent._meta.concrete_fields
        if f.column not in ("id", "sequence", "prev_hash", "hash")
    ]
    listed = ", ".join(columns)
    raw_sql(
        f"INSERT INTO {{table}} ({listed}, sequence, prev_hash, hash) "  # noqa: S608
        f"SELECT {listed}, %s, %s, %s FROM {{table}} WHERE id = %s",
        [sequence, prev_hash, hash_, source.pk],
    )


def test_a_row_inserted_with_raw_sql_is_named(trail, capsys):
    _insert_copy(trail[0], sequence=len(trail) + 1, prev_hash=trail[-1].hash, hash_="f" * 64)
    inserted = AuditEvent.objects.get(sequence=len(trail) + 1)
    status, output = run_verify(capsys)
    assert status == 1
    assert f"BROKEN at event #{inserted.sequence} (id {inserted.pk})" in output


def test_a_raw_insert_with_a_correct_hash_is_still_caught_by_the_chain_head(trail):
    values = {name: getattr(trail[0], name) for name in chain.COVERED_FIELDS}
    values.update(sequence=len(trail) + 1, prev_hash=trail[-1].hash)
    _insert_copy(
        trail[0], sequence=len(trail) + 1, prev_hash=trail[-1].hash, hash_=chain.compute_hash(values)
    )
    report = chain.verify()
    assert report.broken.sequence == len(trail) + 1
    assert "out of band" in report.broken.problem


def test_a_raw_insert_in_the_middle_cannot_take_an_existing_number(trail):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        _insert_copy(trail[0], sequence=3, prev_hash=trail[1].hash, hash_="0" * 64)
    assert chain.verify().intact


def test_call_command_raises_so_scripts_see_the_failure(trail):
    from django.core.management import CommandError

    raw_sql("DELETE FROM {table} WHERE id = %s", [trail[1].pk])
    with pytest.raises(CommandError, match="BROKEN"):
        call_command("verify_audit")


def test_deleting_the_chain_head_is_caught(trail):
    ChainHead.objects.all().delete()
    report = chain.verify()
    assert (report.broken.sequence, report.broken.event_id) == (1, trail[0].pk)
    assert "chain head" in report.broken.problem


def test_events_appended_while_verifying_are_not_taken_for_tampering(trail, officer_a, monkeypatch):
    walk = chain._rows

    def walk_while_the_application_writes(chain_number, up_to, chunk_size):
        rows = list(walk(chain_number, up_to, chunk_size))
        if chain_number == chain.HEAD_ID:  # once, while the first chain is walked
            services.record_event(EventType.LOGIN, actor=officer_a)
        yield from rows

    monkeypatch.setattr(chain, "_rows", walk_while_the_application_writes)
    report = chain.verify()
    assert report.intact
    assert report.count == len(trail)
    assert AuditEvent.objects.count() == len(trail) + 1


def test_an_empty_trail_verifies(db):
    assert chain.verify().intact


def test_the_chain_restarts_when_its_head_row_is_missing(db, officer_a):
    # A test database flush empties every table, the head's one row included.
    ChainHead.objects.all().delete()
    raw_sql("DELETE FROM {table}")
    make_nomination(unit=officer_a.unit, author=officer_a)
    assert AuditEvent.objects.order_by("sequence").first().sequence == 1
    assert chain.verify().intact
