"""Check the audit trail's hash chains: exit 0 when intact, 1 naming the first broken event of
each broken chain.

On success it prints the number of events, the witness of the whole trail (``head #total
hash``: chain 1's last event and hash while it is the only chain, else the total and
``chain.heads_digest``), then each chain's head when there are several. With
``--expect-head HASH`` (head hashes noted earlier, repeatable) or ``--checkpoints FILE`` (the
signed checkpoints written outside the database), a trail cut short or rewritten is found out
too."""

from django.core.management.base import BaseCommand, CommandError

from audit import chain, witness


class Command(BaseCommand):
    help = "Walk the audit trail's hash chains and report the first event edited, deleted or inserted out of band."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            metavar="HASH",
            action="append",
            default=[],
            help="a head hash noted earlier: it must still be there (repeat it for each chain)",
        )
        parser.add_argument(
            "--checkpoints", metavar="FILE", help="the signed checkpoints file (AUDIT_CHECKPOINT_FILE)"
        )

    def handle(self, *args, expect_head=(), checkpoints=None, **options):
        report = chain.verify()
        if not report.intact:
            where = "; ".join(str(broken) for broken in report.breaks)
            raise CommandError(f"Audit trail BROKEN at {where} ({report.count} events read).")
        if report.count == 0:
            raise CommandError("Audit trail BROKEN: it is empty (every event deleted, or never written).")
        if isinstance(expect_head, str):  # call_command("verify_audit", expect_head="…")
            expect_head = [expect_head]
        problem = None
        for expected in expect_head:
            problem = problem or witness.check_expected_head(expected)
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
        used = {number: head for number, head in report.heads.items() if head[0]}
        if set(used) - {chain.HEAD_ID}:
            for number, (sequence, head_hash) in used.items():
                self.stdout.write(f"  chain {number}: #{sequence} {head_hash}")
