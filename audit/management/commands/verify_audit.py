"""Check the audit trail's hash chain: exit 0 when intact, 1 naming the first broken event.

With ``--expect-head HASH`` (a head hash noted earlier) or ``--checkpoints FILE`` (the signed
checkpoints written outside the database), a trail cut short or rewritten is found out too."""

from django.core.management.base import BaseCommand, CommandError

from audit import chain, witness


class Command(BaseCommand):
    help = "Walk the audit trail's hash chain and report the first event edited, deleted or inserted out of band."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head", metavar="HASH", help="a head hash noted earlier: it must still be there"
        )
        parser.add_argument(
            "--checkpoints", metavar="FILE", help="the signed checkpoints file (AUDIT_CHECKPOINT_FILE)"
        )

    def handle(self, *args, expect_head=None, checkpoints=None, **options):
        report = chain.verify()
        if not report.intact:
            raise CommandError(f"Audit trail BROKEN at {report.broken} ({report.count} events read).")
        if report.count == 0:
            raise CommandError("Audit trail BROKEN: it is empty (every event deleted, or never written).")
        problem = witness.check_expected_head(expect_head) if expect_head else None
        if problem is None and checkpoints:
            try:
                with open(checkpoints, encoding="utf-8") as stream:
                    problem = witness.check_checkpoints(stream)
            except OSError as exc:
                raise CommandError(f"Cannot read the checkpoints file: {exc}") from exc
        if problem is not None:
            raise CommandError(f"Audit trail BROKEN: {problem}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.count} events; head #{report.head_sequence} {report.head_hash}"
            )
        )
