"""``manage.py create_integration NAME (--unit CODE | --department)``: a new integration and
its token, printed once (only its hash is kept). ``--rotate NAME`` gives an existing one a new
token and invalidates the old."""

from django.core.management.base import BaseCommand, CommandError

from api.models import Integration
from api.services import create_integration, rotate_token
from nominations.models import Unit


class Command(BaseCommand):
    help = "Create an integration of the REST API (bound to a unit or to the Department) and print its token."

    def add_arguments(self, parser):
        parser.add_argument("name")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--unit", help="code of the unit whose dossiers it drafts and reads")
        where.add_argument("--department", action="store_true", help="reads every dossier and decision")
        where.add_argument("--rotate", action="store_true", help="new token for an existing integration")

    def handle(self, *args, name, unit=None, department=False, rotate=False, **options):
        if rotate:
            integration = Integration.objects.filter(name=name).first()
            if integration is None:
                raise CommandError(f"No integration is named {name!r}.")
            self.stdout.write(rotate_token(integration))
            return
        if Integration.objects.filter(name=name).exists():
            raise CommandError(f"An integration named {name!r} already exists (use --rotate).")
        bound = None
        if unit:
            bound = Unit.objects.filter(code=unit).first()
            if bound is None:
                raise CommandError(f"No unit has the code {unit!r}.")
        _integration, token = create_integration(name=name, unit=bound)
        self.stdout.write(token)
