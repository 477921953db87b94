"""``manage.py backup``: one archive with the database, the evidence files and a manifest."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup

PATTERN = "khenthuong-*.tar.gz"


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz): the database (pg_dump on PostgreSQL, a consistent copy on "
        "SQLite), every file under MEDIA_ROOT and a manifest with checksums, row counts and the "
        "audit chain's head hash."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group()
        where.add_argument("-o", "--output", type=Path, help="the archive to write")
        where.add_argument(
            "-d",
            "--directory",
            type=Path,
            default=Path("."),
            help="folder for khenthuong-YYYYMMDD-HHMMSS.tar.gz (default: the current folder)",
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="with --directory: keep only the newest N archives there"
        )

    def handle(self, *args, output=None, directory=Path("."), keep=0, **options):
        if output is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = directory / f"khenthuong-{stamp}.tar.gz"
        try:
            manifest = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit = manifest.audit
        self.stdout.write(
            f"{output}: {output.stat().st_size} bytes; {manifest.engine}, {len(manifest.tables)} tables, "
            f"{sum(manifest.tables.values())} rows, {len(manifest.media_files)} media files; "
            f"audit head #{audit['head_sequence']} {audit['head_hash']}"
        )
        if keep > 0 and output.parent.is_dir():
            for old in sorted(output.parent.glob(PATTERN), reverse=True)[keep:]:
                old.unlink()
                self.stdout.write(f"removed {old}")
        if not audit["intact"]:
            raise CommandError(f"archive written, but the audit chain is BROKEN: {audit['broken']}")
