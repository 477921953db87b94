"""Writes that belong to the domain model itself: dossier numbers and the award history.
Drafting a dossier (which also grants rights) is ``workflows.drafting``."""

from django.conf import settings
from django.db import connection

from .models import AwardRecord, Nomination, NominationSequence


def next_nomination_code(year: int) -> str:
    """Reserve the next dossier code of ``year``, e.g. ``KT-2024-000123``.

    The UPDATE … SET last_number = last_number + 1 takes the row lock before reading, so
    two units saving at the same moment never get the same number (PostgreSQL or SQLite).
    It gives the new number back (``RETURNING``): one statement, once the year has its row.
    """
    table = connection.ops.quote_name(NominationSequence._meta.db_table)
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last_number = last_number + 1 WHERE year = %s RETURNING last_number",  # noqa: S608
                [year],
            )
            row = cursor.fetchone()
        if row is not None:
            return f"{settings.NOMINATION_CODE_PREFIX}-{year}-{row[0]:06d}"
        NominationSequence.objects.get_or_create(year=year)  # the first dossier of the year
    raise RuntimeError(f"The dossier numbers of {year} cannot be reserved.")


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
