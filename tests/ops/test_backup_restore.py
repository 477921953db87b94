"""Backups that restore: seed the demo, run a dossier through the flow with evidence up to an
issued decision, `manage.py backup`, `manage.py restore` into a second, empty database, then
compare the two databases table by table (rows and content), every evidence file's checksum,
and `verify_audit` against the head the backup recorded.

On the PostgreSQL leg of CI this exercises pg_dump/pg_restore; on SQLite, the online copy."""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from audit import chain
from nominations.models import Attachment, Unit
from tests.factories import make_nomination
from tests.notifications.realparts import database_url_for
from tests.workflows.conftest import act
from workflows import award_decisions as decisions
from workflows import drafting as nomination_services
from workflows import services as workflow_services
from workflows.steps import Decision

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

pytestmark = [pytest.mark.realparts, pytest.mark.django_db(transaction=True)]


def manage(*args, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    """``manage.py`` in its own process, as cron or an operator runs it."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=database_url, DJANGO_MEDIA_ROOT=str(media_root))
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def second_database(tmp_path):
    """A DATABASE_URL for an empty database beside the test database; dropped afterwards."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{source['NAME']}_restore"
    server = database_url_for({**source, "NAME": "postgres"})

    def recreate(create: bool):
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            if create:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    recreate(True)
    yield database_url_for({**source, "NAME": name})
    recreate(False)


def contents(database_url: str) -> dict[str, tuple[int, str]]:
    """Every table of a database: its row count and a digest of its rows, in a stable order."""
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        quote = '"{}"'.format
    else:
        conn = psycopg.connect(database_url)
        names = [
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        ]
        quote = '"{}"'.format
    found = {}
    try:
        for name in sorted(names):
            rows = sorted(repr(tuple(row)) for row in conn.execute(f"SELECT * FROM {quote(name)}").fetchall())  # noqa: S608
            found[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    finally:
        conn.close()
    return found


def checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def history():
    """The demo organisation, and one dossier with evidence through the flow to a decision."""
    call_command("seed_demo", verbosity=0)
    users = {u.username: u for u in get_user_model().objects.all()}
    nomination = make_nomination(unit=Unit.objects.get(code="bvtn"), author=users["bvtn.canbo"])
    for index in range(2):
        nomination_services.add_attachment(
            nomination,
            uploaded_by=users["bvtn.canbo"],
            uploaded_file=SimpleUploadedFile(f"Minh chứng {index + 1}.pdf", EVIDENCE + bytes([index])),
            description="Báo cáo thành tích",
        )
    workflow_services.submit_for_signoff(nomination, users["bvtn.canbo"])
    act(nomination, users["bvtn.truong"], Decision.SUBMIT)
    act(nomination, users["vanphong"], Decision.FORWARD, justification="Đủ điều kiện.")
    act(nomination, users["congdoan"], Decision.AGREE)
    act(nomination, users["giamdoc"], Decision.APPROVE)
    decision = decisions.prepare_decision(
        by=users["vanphong"],
        number="901/QĐ-SYT",
        decision_date=datetime.date(2025, 3, 1),
        title="Về việc tặng Giấy khen",
        nominations=[nomination],
    )
    decisions.submit_decision(decision, by=users["vanphong"])
    decisions.issue_decision(decision, by=users["giamdoc"])
    nomination.refresh_from_db()
    assert nomination.status == "decided"
    return nomination


def test_backup_restores_into_an_empty_database_identical(history, second_database, tmp_path):
    source_url = database_url_for(connection.settings_dict)
    source_media = Path(settings.MEDIA_ROOT)
    archive = tmp_path / "backups" / "khenthuong-test.tar.gz"

    made = manage("backup", "-o", str(archive), database_url=source_url, media_root=source_media)
    assert made.returncode == 0, made.stdout + made.stderr
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())
    before = contents(source_url)
    recorded = chain.verify()
    assert recorded.intact
    assert {t: n for t, (n, _) in before.items()} == manifest["tables"]
    assert (manifest["audit"]["head_sequence"], manifest["audit"]["head_hash"]) == (
        recorded.head_sequence,
        recorded.head_hash,
    )
    evidence = {a.file.name for a in Attachment.objects.filter(nomination=history)}
    assert len(evidence) == 2 and all(f"media/{name}" in manifest["files"] for name in evidence)

    restored_media = tmp_path / "restored-media"
    restored = manage("restore", str(archive), database_url=second_database, media_root=restored_media)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "identical to the manifest" in restored.stdout

    # Checked here independently of the restore command's own check.
    after = contents(second_database)
    assert after == before
    assert sum(n for n, _ in after.values()) > 3000
    assert checksums(restored_media) == checksums(source_media)
    for name in evidence:
        assert (restored_media / name).read_bytes() == (source_media / name).read_bytes()
    verified = manage("verify_audit", database_url=second_database, media_root=restored_media)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"head #{recorded.head_sequence} {recorded.head_hash}" in verified.stdout

    # A second restore into the now-filled database is refused and changes nothing.
    again = manage("restore", str(archive), database_url=second_database, media_root=restored_media)
    assert again.returncode == 1
    assert "not empty" in again.stderr
    assert contents(second_database) == before


def test_a_damaged_archive_is_refused_before_anything_is_written(history, second_database, tmp_path):
    source_url = database_url_for(connection.settings_dict)
    archive = tmp_path / "good.tar.gz"
    made = manage("backup", "-o", str(archive), database_url=source_url, media_root=Path(settings.MEDIA_ROOT))
    assert made.returncode == 0, made.stdout + made.stderr

    # Same manifest, one evidence file altered by a byte.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as good, tarfile.open(damaged, "w:gz") as bad:
        for member in good:
            data = good.extractfile(member).read()
            if member.name.startswith("media/") and member.name.endswith(".pdf"):
                data = data[:-1] + b"X"
            bad.addfile(member, io.BytesIO(data))
    checked = manage(
        "restore", "--verify-only", str(damaged), database_url=second_database, media_root=tmp_path
    )
    assert checked.returncode == 1
    assert "does not match its checksum" in checked.stderr
    refused = manage("restore", str(damaged), database_url=second_database, media_root=tmp_path / "m")
    assert refused.returncode == 1
    assert "does not match its checksum" in refused.stderr
    assert contents(second_database) == {}
    assert not (tmp_path / "m").exists()

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    cut = manage("restore", str(truncated), database_url=second_database, media_root=tmp_path / "m")
    assert cut.returncode == 1
    assert "cannot be read" in cut.stderr
    assert contents(second_database) == {}
