"""Writes that belong to the domain model itself: dossier numbers and the award history.
Drafting a dossier (which also grants rights) is ``workflows.drafting``."""

from django.conf import settings
from django.db.models import F

from .models import AwardRecord, Nomination, NominationSequence


def next_nomination_code(year: int) -> str:
    """Reserve the next dossier code of ``year``, e.g. ``KT-2024-000123``.

    The UPDATE … SET last_number = last_number + 1 takes the row lock before reading, so
    two units saving at the same moment never get the same number (PostgreSQL or SQLite).
    """
    NominationSequence.objects.get_or_create(year=year)
    NominationSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    number = NominationSequence.objects.values_list("last_number", flat=True).get(year=year)
    return f"{settings.NOMINATION_CODE_PREFIX}-{year}-{number:06d}"


def record_award(nomination: Nomination, *, decision_number: str, decision_date) -> AwardRecord:
    """Enter an award the dossier obtained into the nominee's award history."""
    return AwardRecord.objects.create(
        staff=nomination.staff,
        unit=nomination.unit,
        collective_name=nomination.collective_name,
        award_type=nomination.award_type,
        year=nomination.year,
        decision_number=decision_number,
        decision_date=decision_date,
        achievement=nomination.achievement_summary,
    )
