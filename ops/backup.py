"""One archive holds everything to bring the application back: the database, the uploaded
evidence, and a manifest to prove the copy whole.

Archive (``.tar.gz``)::

    manifest.json        format, time, engine, row count of every table, the audit chain's head,
                         SHA-256 and size of every other member
    database.dump        PostgreSQL: ``pg_dump --format=custom``, restored with ``pg_restore``
    database.sqlite3     SQLite: a copy made with SQLite's online backup API
    media/<path>         every file under MEDIA_ROOT (evidence, reports)

On PostgreSQL the row counts and the audit head are read in the very snapshot ``pg_dump``
dumps (``pg_export_snapshot``), so the manifest describes the dump exactly even while the
application keeps writing. The media files are copied after the dump: a file uploaded
meanwhile is extra, never missing. A restore goes into an empty database only and checks the
result against the manifest before it reports success.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, transaction

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


# --- reading the database --------------------------------------------------------------------
def table_names() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def row_counts() -> dict[str, int]:
    """Rows of every table of the database, Django's and ours alike."""
    counts = {}
    with connection.cursor() as cursor:
        for table in table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def audit_state() -> dict:
    """The audit chain's head as recorded, and whether the chain verifies up to it."""
    from audit import chain

    report = chain.verify()
    return {
        "head_sequence": report.head_sequence,
        "head_hash": report.head_hash,
        "events": report.count,
        "intact": report.intact,
        "broken": str(report.broken) if report.broken else "",
    }


def pg_environment() -> dict:
    """libpq's variables for the default database, for pg_dump and pg_restore."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")


# --- backup ----------------------------------------------------------------------------------
@dataclass
class Manifest:
    engine: str
    tables: dict
    audit: dict
    files: dict = field(default_factory=dict)  # member name -> {"sha256", "size"}
    created_at: str = ""
    database_name: str = ""
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(f"unknown archive format {data.get('format')!r}")
        return cls(**data)

    @property
    def database_member(self) -> str:
        return PG_DUMP if self.engine == "postgresql" else SQLITE_COPY

    @property
    def media_files(self) -> dict:
        return {name: info for name, info in self.files.items() if name.startswith(f"{MEDIA}/")}


def _dump_postgresql(target: Path) -> tuple[dict, dict]:
    """pg_dump into ``target``; the counts and audit head of the same snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables, audit = row_counts(), audit_state()
        # The transaction stays open while pg_dump runs, so the snapshot stays importable.
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], pg_environment())
    return tables, audit


def _copy_sqlite(target: Path) -> tuple[dict, dict]:
    """SQLite's online backup into ``target``, then the counts and audit head of the copy."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    with _using_database(target):
        return row_counts(), audit_state()


class _using_database:
    """Point Django's default connection at another SQLite file for a moment."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        connection.close()
        self.previous = connection.settings_dict["NAME"]
        connection.settings_dict["NAME"] = str(self.path)

    def __exit__(self, *exc):
        connection.close()
        connection.settings_dict["NAME"] = self.previous


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _add(archive: tarfile.TarFile, manifest: Manifest, name: str, path: Path) -> None:
    manifest.files[name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    archive.add(path, arcname=name, recursive=False)


def backup(output: Path) -> Manifest:
    """Write the archive to ``output`` (through a temporary file, renamed once complete)."""
    kind = engine()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="khenthuong-backup-") as work:
        database = Path(work) / (PG_DUMP if kind == "postgresql" else SQLITE_COPY)
        tables, audit = _dump_postgresql(database) if kind == "postgresql" else _copy_sqlite(database)
        manifest = Manifest(
            engine=kind,
            tables=tables,
            audit=audit,
            created_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            database_name=str(settings.DATABASES["default"]["NAME"]),
        )
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add(archive, manifest, manifest.database_member, database)
            root = Path(settings.MEDIA_ROOT)
            for path in _media_files():
                _add(archive, manifest, f"{MEDIA}/{path.relative_to(root).as_posix()}", path)
            raw = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(raw), int(datetime.datetime.now().timestamp()), 0o644
            archive.addfile(info, io.BytesIO(raw))
        partial.replace(output)
    return manifest


# --- restore ---------------------------------------------------------------------------------
def read_manifest(archive_path: Path) -> Manifest:
    with tarfile.open(archive_path, "r:gz") as archive:
        try:
            member = archive.getmember(MANIFEST)
        except KeyError:
            raise BackupError(f"{archive_path} has no {MANIFEST}: not a backup of this application") from None
        return Manifest.from_json(archive.extractfile(member).read())


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def unpack(archive_path: Path, into: Path) -> Manifest:
    """Extract the members the manifest lists into ``into``, checking each checksum."""
    manifest = read_manifest(archive_path)
    seen = set()
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            if member.name == MANIFEST:
                continue
            expected = manifest.files.get(member.name)
            if expected is None or not member.isfile() or not _safe_member_name(member.name):
                raise BackupError(f"unexpected member in the archive: {member.name}")
            target = into / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, CHUNK)
            if sha256_of(target) != expected["sha256"]:
                raise BackupError(
                    f"{member.name} does not match its checksum in the manifest: archive damaged"
                )
            seen.add(member.name)
    missing = sorted(set(manifest.files) - seen)
    if missing:
        raise BackupError(f"the archive lacks {len(missing)} listed member(s), e.g. {missing[0]}")
    return manifest


def require_empty_database() -> None:
    existing = table_names()
    if existing:
        raise BackupError(
            f"the database {settings.DATABASES['default']['NAME']} is not empty ({len(existing)} tables): "
            "restore goes into an empty database only"
        )


def _restore_postgresql(dump: Path) -> None:
    connection.close()  # pg_restore writes; this process only reads afterwards
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={settings.DATABASES['default']['NAME']}", str(dump)],
        pg_environment(),
    )  # fmt: skip


def _restore_sqlite(copy: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(copy) as source:
        source.backup(connection.connection)
    source.close()
    connection.close()


def _restore_media(unpacked: Path, manifest: Manifest) -> None:
    root = Path(settings.MEDIA_ROOT)
    for name, info in manifest.media_files.items():
        target = root / name.removeprefix(f"{MEDIA}/")
        if target.exists() and sha256_of(target) != info["sha256"]:
            raise BackupError(f"{target} exists with other content: restore into an empty MEDIA_ROOT")
    for name in manifest.media_files:
        target = root / name.removeprefix(f"{MEDIA}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(unpacked / name, target)


@dataclass
class Check:
    tables: dict  # table -> (expected, found) for each table that differs
    media: list  # media files missing or different
    audit: dict

    @property
    def ok(self) -> bool:
        return not self.tables and not self.media and self.audit["matches"]


def check_restored(manifest: Manifest) -> Check:
    """Compare the database and MEDIA_ROOT now in place with what the manifest recorded."""
    found = row_counts()
    tables = {
        table: (manifest.tables.get(table), found.get(table))
        for table in sorted(set(manifest.tables) | set(found))
        if manifest.tables.get(table) != found.get(table)
    }
    root = Path(settings.MEDIA_ROOT)
    media = [
        name
        for name, info in manifest.media_files.items()
        if not (root / name.removeprefix(f"{MEDIA}/")).is_file()
        or sha256_of(root / name.removeprefix(f"{MEDIA}/")) != info["sha256"]
    ]
    audit = audit_state()
    audit["matches"] = audit["intact"] == manifest.audit["intact"] and (
        audit["head_sequence"],
        audit["head_hash"],
    ) == (manifest.audit["head_sequence"], manifest.audit["head_hash"])
    return Check(tables, media, audit)


def restore(archive_path: Path) -> tuple[Manifest, Check]:
    """Restore ``archive_path`` into the (empty) default database and MEDIA_ROOT, then check it."""
    kind = engine()
    manifest = read_manifest(archive_path)
    if manifest.engine != kind:
        raise BackupError(f"this archive holds a {manifest.engine} database; the target is {kind}")
    require_empty_database()
    with tempfile.TemporaryDirectory(prefix="khenthuong-restore-") as work:
        unpacked = Path(work)
        unpack(archive_path, unpacked)  # every checksum is right before anything is written
        database = unpacked / manifest.database_member
        if kind == "postgresql":
            _restore_postgresql(database)
        else:
            _restore_sqlite(database)
        _restore_media(unpacked, manifest)
    return manifest, check_restored(manifest)
