"""Add the reference rules a deployment starts from, without the demo."""

from django.core.management.base import BaseCommand
from django.db import transaction

from council.defaults import seed_policies
from eligibility.defaults import seed_rules
from eligibility.models import AwardRule, RuleSet


class Command(BaseCommand):
    help = (
        "Add what is missing of the legal texts, the NĐ 98/2023 and NĐ 152/2025 rule sets and their "
        "rules, the cash-award rates, the example provincial profile (inactive) and the council's "
        "voting policies, for the award types already in the catalogue. Never overwrites an edit."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_rules()
            seed_policies()
        self.stdout.write(
            self.style.SUCCESS(f"{RuleSet.objects.count()} rule sets, {AwardRule.objects.count()} rules.")
        )
