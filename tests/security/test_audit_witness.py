"""A trail cut short, rewritten or emptied behind the application's back is found out by the
witnesses kept outside the database; on PostgreSQL the table itself refuses UPDATE, DELETE and
TRUNCATE."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from audit import witness
from audit.models import AuditEvent, ChainHead
from tests.audit.conftest import raw_sql
from tests.factories import make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(unit_a, officer_a):
    for _ in range(3):
        make_nomination(unit=unit_a, author=officer_a)
    return list(AuditEvent.objects.order_by("sequence"))


def _cut_short(trail, keep: int):
    """Delete the newest events and set the chain head back, as an intruder would."""
    last_kept = trail[keep - 1]
    raw_sql("DELETE FROM {table} WHERE sequence > %s", [last_kept.sequence])
    ChainHead.objects.filter(pk=1).update(last_sequence=last_kept.sequence, last_hash=last_kept.hash)


def test_a_cut_short_trail_still_chains_but_the_noted_head_finds_it(trail):
    noted = trail[-1].hash
    _cut_short(trail, keep=len(trail) - 3)
    call_command("verify_audit")  # the chain alone cannot tell
    with pytest.raises(CommandError, match="no event has the expected hash"):
        call_command("verify_audit", "--expect-head", noted)


def test_signed_checkpoints_find_a_cut_short_trail(trail, tmp_path):
    checkpoints = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", "--file", str(checkpoints))
    call_command("verify_audit", "--checkpoints", str(checkpoints))
    _cut_short(trail, keep=len(trail) - 2)
    with pytest.raises(CommandError, match="no longer in the trail"):
        call_command("verify_audit", "--checkpoints", str(checkpoints))


def test_a_checkpoint_edited_to_match_the_cut_trail_is_found_forged(trail, tmp_path):
    checkpoints = tmp_path / "checkpoints.jsonl"
    witness.append_checkpoint(checkpoints)
    _cut_short(trail, keep=len(trail) - 2)
    point = json.loads(checkpoints.read_text())
    head = ChainHead.objects.get(pk=1)
    point.update(sequence=head.last_sequence, hash=head.last_hash)
    checkpoints.write_text(json.dumps(point) + "\n")
    with pytest.raises(CommandError, match="signature is wrong"):
        call_command("verify_audit", "--checkpoints", str(checkpoints))


def test_a_checkpoint_file_is_only_ever_appended_to(trail, tmp_path):
    checkpoints = tmp_path / "checkpoints.jsonl"
    first = witness.append_checkpoint(checkpoints)
    make_nomination(unit=trail[0].unit, author=trail[0].actor)
    second = witness.append_checkpoint(checkpoints)
    lines = [json.loads(line) for line in checkpoints.read_text().splitlines()]
    assert lines == [first, second] and second["sequence"] > first["sequence"]


def test_an_emptied_trail_is_broken(trail):
    raw_sql("DELETE FROM {table}", [])
    ChainHead.objects.all().delete()
    with pytest.raises(CommandError, match="empty"):
        call_command("verify_audit")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
class TestTheTableRefusesChanges:
    @pytest.fixture(autouse=True)
    def without_maintenance(self):
        with connection.cursor() as cursor:
            cursor.execute("SET khenthuong.audit_maintenance = 'off'")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET khenthuong.audit_maintenance = 'on'")

    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE {table} SET reason = 'sửa lén'",
            "DELETE FROM {table} WHERE sequence = 1",
            "TRUNCATE {table}",
        ],
    )
    def test_update_delete_and_truncate_are_refused(self, trail, sql):
        before = AuditEvent.objects.count()
        # Checked now the deferred foreign keys of the rows just written, or TRUNCATE waits on them.
        raw_sql("SET CONSTRAINTS ALL IMMEDIATE", [])
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            raw_sql(sql, [])
        assert AuditEvent.objects.count() == before

    def test_a_role_that_is_not_superuser_cannot_switch_it_off(self, trail):
        with connection.cursor() as cursor:
            cursor.execute("DROP ROLE IF EXISTS khenthuong_app_test")
            cursor.execute("CREATE ROLE khenthuong_app_test")
            cursor.execute("GRANT SELECT, UPDATE, DELETE ON audit_auditevent TO khenthuong_app_test")
        try:
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL ROLE khenthuong_app_test")
                    cursor.execute("SET LOCAL khenthuong.audit_maintenance = 'on'")
                    cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 1")
        finally:
            with connection.cursor() as cursor:
                cursor.execute("REVOKE ALL ON audit_auditevent FROM khenthuong_app_test")
                cursor.execute("DROP ROLE IF EXISTS khenthuong_app_test")
