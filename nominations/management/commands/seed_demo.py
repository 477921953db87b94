from django.core.management.base import BaseCommand

from nominations.demo.seed import seed_demo
from nominations.models import Nomination, Staff, Unit


class Command(BaseCommand):
    help = "Create the Đồng Nai demo organisation, catalogue, campaign and users (idempotent)."

    def handle(self, *args, **options):
        seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Unit.objects.count()} units, {Staff.objects.count()} staff, "
                f"{Nomination.objects.count()} dossiers."
            )
        )
