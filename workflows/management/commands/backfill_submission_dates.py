from django.core.management.base import BaseCommand
from django.db import transaction

from workflows.submission_dates import backfill_submission_dates


class Command(BaseCommand):
    help = (
        "Record, from the workflow's history, the submission date of dossiers sent to the Department "
        "before submission dates were recorded (run once after upgrading; idempotent)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = backfill_submission_dates()
        self.stdout.write(self.style.SUCCESS(f"{count} submission dates recorded."))
