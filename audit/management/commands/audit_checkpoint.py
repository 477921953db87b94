"""Append a signed checkpoint of the audit chain's head to AUDIT_CHECKPOINT_FILE (or --file)."""

from django.core.management.base import BaseCommand

from audit import witness


class Command(BaseCommand):
    help = "Witness the audit chain's head outside the database (a signed, append-only line)."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="where to append (default: AUDIT_CHECKPOINT_FILE)")

    def handle(self, *args, file=None, **options):
        point = witness.append_checkpoint(file)
        self.stdout.write(f"Checkpoint: #{point['sequence']} {point['hash']} at {point['at']}")
        if len(point["heads"]) > 1:
            for number, sequence, head_hash in point["heads"]:
                self.stdout.write(f"  chain {number}: #{sequence} {head_hash}")
