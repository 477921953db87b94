"""python manage.py import_master_data KIND FILE [--dry-run] --user NAME [--unit CODE]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from nominations.models import Unit
from onboarding import services
from onboarding.kinds import KINDS
from onboarding.models import RunStatus


class Command(BaseCommand):
    help = (
        "Import master data (units, collectives, staff, awards, ratings, discipline) from an .xlsx or "
        ".csv file: every row or none. --dry-run only reports what would be created, updated and refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
        parser.add_argument("--user", required=True, help="user name recorded as the author (history, audit)")
        parser.add_argument("--unit", help="limit to one unit's records (as its officer would)")

    def handle(self, *args, kind, file, dry_run, user, unit, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            actor = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No such user: {user}") from None
        scope = None
        if unit:
            scope = Unit.objects.filter(code=unit).first()
            if scope is None:
                raise CommandError(f"No such unit: {unit}")
        try:
            run = services.submit_import(
                kind=kind,
                name=path.name,
                data=path.read_bytes(),
                actor=actor,
                dry_run=dry_run,
                scope_unit=scope,
                queue=False,
            )
        except services.ImportNotAllowed as exc:
            raise CommandError(str(exc)) from exc
        status = services.execute_run(run.pk)
        run.refresh_from_db()
        counts = services.summary(run.counts)
        for row, action, label, messages in run.report:
            if action == "refuse":
                self.stderr.write(f"row {row} ({label}): {'; '.join(messages)}")
        if run.error:
            self.stderr.write(run.error)
        self.stdout.write(
            f"{'dry run' if dry_run else 'import'} {kind} {path.name} sha256={run.sha256}: "
            f"created {counts['create']}, updated {counts['update']}, unchanged {counts['unchanged']}, "
            f"refused {counts['refuse']} -> {status}"
        )
        if status != RunStatus.DONE:
            raise CommandError("Nothing was written." if not dry_run else "The file has refused rows.")
