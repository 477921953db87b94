"""Duplicate and conflicting nominations (Luật TĐKT 2022 Điều 5 khoản 2: one achievement, one
award): the same person or collective proposed for the same year and achievement by two units,
twice for the same award, or for two forms of commendation. Each dossier's own page shows it
through the ``one_award_per_achievement`` rule; the office sees every case here."""

from collections import defaultdict
from dataclasses import dataclass

from common.text import fold
from nominations.models import Nomination, NomineeKind

from .defaults import COLLECTIVE_FORMS, INDIVIDUAL_FORMS
from .facts import DEAD

FORMS = set(INDIVIDUAL_FORMS) | set(COLLECTIVE_FORMS)


@dataclass(frozen=True)
class Conflict:
    nominee: str
    year: int
    reasons: tuple
    nominations: tuple  # Nomination rows, oldest first

    @property
    def unit_ids(self) -> set:
        return {n.unit_id for n in self.nominations}


def _key(n: Nomination) -> tuple:
    # The same achievement: the same nominee, year, basis and campaign.
    nominee = (
        ("staff", n.staff_id)
        if n.nominee_kind == NomineeKind.INDIVIDUAL
        else ("collective", n.unit_id, fold(n.collective_name).strip())
    )
    return (*nominee, n.year, n.basis, n.campaign_id)


def _reasons(items: list) -> tuple:
    reasons = []
    if len({n.unit_id for n in items}) > 1:
        reasons.append("Được nhiều đơn vị đề nghị: " + ", ".join(sorted({n.unit.name for n in items})) + ".")
    codes = [n.award_type.code for n in items]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        names = ", ".join(sorted({n.award_type.name for n in items if n.award_type.code in repeated}))
        reasons.append(f"Đề nghị trùng hình thức: {names}.")
    forms = sorted({n.award_type.name for n in items if n.award_type.code in FORMS})
    if len(forms) > 1:
        reasons.append("Hai hình thức khen thưởng cho cùng một thành tích: " + "; ".join(forms) + ".")
    return tuple(reasons)


def conflicts(queryset=None) -> list[Conflict]:
    """Every group of live dossiers for one achievement that breaks one achievement, one award
    (two queries: the dossiers and their related rows)."""
    qs = queryset if queryset is not None else Nomination.objects.all()
    rows = list(
        qs.exclude(status__in=DEAD).select_related("unit", "award_type", "staff").order_by("created_at", "id")
    )
    groups: dict = defaultdict(list)
    for n in rows:
        groups[_key(n)].append(n)
    found = []
    for items in groups.values():
        if len(items) < 2:
            continue
        reasons = _reasons(items)
        if reasons:
            found.append(Conflict(items[0].nominee_name, items[0].year, reasons, tuple(items)))
    return sorted(found, key=lambda c: (-c.year, fold(c.nominee)))


def conflicts_of(nomination) -> list[Conflict]:
    """The conflicts ``nomination`` is part of (for a warning when the unit saves it)."""
    if nomination.nominee_kind == NomineeKind.INDIVIDUAL:
        same = Nomination.objects.filter(staff_id=nomination.staff_id, year=nomination.year)
    else:
        same = Nomination.objects.filter(unit_id=nomination.unit_id, year=nomination.year, staff__isnull=True)
    return [c for c in conflicts(same) if any(n.pk == nomination.pk for n in c.nominations)]
