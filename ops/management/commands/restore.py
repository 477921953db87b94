"""``manage.py restore ARCHIVE``: into an empty database, then checked against the manifest."""

import tarfile
import tempfile
import zlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore, unpack


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into the configured database, which must be "
        "empty, and MEDIA_ROOT; then compare every table's row count, every media file's checksum "
        "and the audit chain's head with the manifest. Exits 1 if anything differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="only check that the archive is complete and every checksum matches; change nothing",
        )

    def handle(self, *args, archive, verify_only=False, **options):
        if not archive.is_file():
            raise CommandError(f"no such archive: {archive}")
        try:
            if verify_only:
                with tempfile.TemporaryDirectory(prefix="khenthuong-verify-") as work:
                    manifest = unpack(archive, Path(work))
                self.stdout.write(
                    f"{archive}: complete, {len(manifest.files)} members match their checksums; "
                    f"made {manifest.created_at} from {manifest.engine}; "
                    f"audit head #{manifest.audit['head_sequence']} {manifest.audit['head_hash']}"
                )
                return
            manifest, check = restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except (tarfile.TarError, EOFError, zlib.error) as exc:
            raise CommandError(f"{archive} cannot be read (damaged or truncated?): {exc}") from exc
        for table, (expected, found) in check.tables.items():
            self.stderr.write(f"table {table}: {expected} rows in the archive, {found} restored")
        for name in check.media:
            self.stderr.write(f"media file missing or different: {name}")
        audit = check.audit
        if not check.ok:
            raise CommandError(
                "restored, but the result differs from the manifest "
                f"(audit head #{audit['head_sequence']} {audit['head_hash']}, "
                f"recorded #{manifest.audit['head_sequence']} {manifest.audit['head_hash']})"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive}: {len(manifest.tables)} tables with {sum(manifest.tables.values())} rows "
                f"and {len(manifest.media_files)} media files, identical to the manifest; "
                f"audit chain {'intact' if audit['intact'] else 'BROKEN (as recorded)'}, "
                f"head #{audit['head_sequence']} {audit['head_hash']}"
            )
        )
