"""Export the audit trail: ``manage.py export_audit --format csv|xlsx [--since DATE]
[--until DATE] [--dossier CODE] [--output FILE]`` (standard output by default)."""

import datetime
import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from audit import exports, services
from audit.filters import AuditEventFilter

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_day(text: str) -> datetime.date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Not a date: {text!r} (use YYYY-MM-DD or DD/MM/YYYY)")


def _os_user() -> str:
    """Who ran the command, as the operating system knows them (there is no signed-in user)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class Command(BaseCommand):
    help = "Export the audit trail as CSV (UTF-8 with BOM) or Excel, oldest event first."

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", choices=sorted(exports.WRITERS), default="csv")
        parser.add_argument("--since", type=parse_day, help="first day included (YYYY-MM-DD or DD/MM/YYYY)")
        parser.add_argument("--until", type=parse_day, help="last day included")
        parser.add_argument("--dossier", default="", help="only the events of this dossier code")
        parser.add_argument(
            "--output", "-o", default="-", help="file to write; '-' (default) is standard output"
        )

    def handle(self, *args, fmt, since, until, dossier, output, **options):
        if since and until and until < since:
            raise CommandError("--until is before --since")
        filters = AuditEventFilter({"dossier": dossier, "date_from": since, "date_to": until})
        if not filters.is_valid():
            raise CommandError(filters.error_text)
        services.record_export(fmt=fmt, filters=filters.as_params(), source="command", os_user=_os_user())
        events = filters.qs
        if output == "-":
            exports.WRITERS[fmt](events, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        with open(output, "wb") as stream:
            exports.WRITERS[fmt](events, stream)
        self.stderr.write(f"Wrote {output}")
