from django.core.management.base import BaseCommand
from django.db import transaction

from council.defaults import seed_policies
from demo.campaigns import seed_campaign_demo
from demo.dossiers import seed_workflow_demo
from demo.eligibility import seed_eligibility_demo
from demo.organisation import seed_demo
from demo.reorganisation import seed_reorganisation_demo
from eligibility.defaults import seed_rules
from nominations.models import Nomination, Staff, Unit


class Command(BaseCommand):
    help = "Create the Đồng Nai demo: organisation, catalogue, campaign, users and dossiers at every step (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_demo()
            # Rules first, so that each demo dossier's submission is judged and recorded.
            seed_rules()
            seed_policies()
            seed_workflow_demo()
            seed_campaign_demo()
            seed_reorganisation_demo()
            seed_eligibility_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Unit.objects.count()} units, {Staff.objects.count()} staff, "
                f"{Nomination.objects.count()} dossiers."
            )
        )
