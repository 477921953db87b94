"""Check the audit trail's hash chain: exit 0 when intact, 1 naming the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from audit import chain


class Command(BaseCommand):
    help = "Walk the audit trail's hash chain and report the first event edited, deleted or inserted out of band."

    def handle(self, *args, **options):
        report = chain.verify()
        if not report.intact:
            raise CommandError(f"Audit trail BROKEN at {report.broken} ({report.count} events read).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.count} events; head #{report.head_sequence} {report.head_hash}"
            )
        )
