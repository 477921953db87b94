"""The statistics of the nominations: counts by year, campaign, unit, award, status and
outcome, individuals and collectives, and women's share (the law gives women priority,
Luật Thi đua, khen thưởng 2022 Điều 5).

Each table is one ``GROUP BY`` query, whatever the number of dossiers: the page makes the
same few queries for ten dossiers and for a hundred thousand.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from nominations.models import Gender, Nomination, NominationStatus, NomineeKind


class Outcome:
    AWARDED = "awarded"
    NOT_AWARDED = "not_awarded"
    PENDING_DECISION = "pending_decision"
    IN_PROGRESS = "in_progress"


OUTCOME_LABELS = {
    Outcome.AWARDED: _("Awarded"),
    Outcome.NOT_AWARDED: _("Not awarded or rejected"),
    Outcome.PENDING_DECISION: _("Approved, awaiting a decision or the higher authority"),
    Outcome.IN_PROGRESS: _("Still in the workflow"),
}
# Where each status ends up in the outcome table.
OUTCOME_OF_STATUS = {
    NominationStatus.DECIDED: Outcome.AWARDED,
    NominationStatus.AWARDED: Outcome.AWARDED,
    NominationStatus.REJECTED: Outcome.NOT_AWARDED,
    NominationStatus.NOT_AWARDED: Outcome.NOT_AWARDED,
    NominationStatus.APPROVED: Outcome.PENDING_DECISION,
    NominationStatus.FORWARDED: Outcome.PENDING_DECISION,
}


@dataclass
class Row:
    key: object
    label: str
    total: int = 0
    individuals: int = 0
    collectives: int = 0
    women: int = 0

    @property
    def women_share(self) -> float | None:
        """Women among the individuals, in per cent (None without individuals)."""
        return round(100 * self.women / self.individuals, 1) if self.individuals else None

    def add(self, other: "Row") -> None:
        self.total += other.total
        self.individuals += other.individuals
        self.collectives += other.collectives
        self.women += other.women


@dataclass
class Table:
    name: str
    title: str
    key_label: str
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> Row:
        total = Row(key=None, label=str(_("Total")))
        for row in self.rows:
            total.add(row)
        return total


TABLES = {
    "year": (_("By year"), _("Year")),
    "campaign": (_("By campaign"), _("Campaign")),
    "unit": (_("By unit"), _("Unit")),
    "award": (_("By award"), _("Award")),
    "status": (_("By status"), _("Status")),
    "outcome": (_("By outcome"), _("Outcome")),
}

_COUNTS = {
    "total": Count("id"),
    "individuals": Count("id", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL)),
    "collectives": Count("id", filter=Q(nominee_kind=NomineeKind.COLLECTIVE)),
    "women": Count("id", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL, staff__gender=Gender.FEMALE)),
}


def nominations(*, unit_scope=None, **filters) -> QuerySet:
    """The dossiers counted: every unit's, or ``unit_scope``'s only, narrowed by ``filters``
    (year, campaign, unit, award_type, nominee_kind, status)."""
    qs = Nomination.objects.all()
    if unit_scope is not None:
        qs = qs.filter(unit_id=unit_scope)
    lookups = {"year": "year", "campaign": "campaign", "unit": "unit", "award_type": "award_type"}
    for name, lookup in lookups.items():
        if filters.get(name) is not None:
            qs = qs.filter(**{lookup: filters[name]})
    if filters.get("nominee_kind"):
        qs = qs.filter(nominee_kind=filters["nominee_kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return qs


def _grouped(qs: QuerySet, *keys: str) -> list[dict]:
    return list(qs.order_by().values(*keys).annotate(**_COUNTS).order_by(*keys))


def _row(key, label, counts: dict) -> Row:
    return Row(
        key=key,
        label=str(label),
        total=counts["total"],
        individuals=counts["individuals"],
        collectives=counts["collectives"],
        women=counts["women"],
    )


def _table(name: str, rows: list[Row]) -> Table:
    title, key_label = TABLES[name]
    return Table(name=name, title=str(title), key_label=str(key_label), rows=rows)


def by_year(qs) -> Table:
    rows = [_row(g["year"], g["year"], g) for g in _grouped(qs, "year")]
    return _table("year", rows)


def by_campaign(qs) -> Table:
    rows = [
        _row(g["campaign_id"], g["campaign__name"] or _("No campaign (annual or ad hoc)"), g)
        for g in _grouped(qs, "campaign_id", "campaign__name")
    ]
    return _table("campaign", sorted(rows, key=lambda r: -r.total))


def by_unit(qs) -> Table:
    rows = [_row(g["unit_id"], g["unit__name"], g) for g in _grouped(qs, "unit_id", "unit__name")]
    return _table("unit", sorted(rows, key=lambda r: (-r.total, r.label)))


def by_award(qs) -> Table:
    rows = [
        _row(g["award_type_id"], g["award_type__name"], g)
        for g in _grouped(qs, "award_type__sort_order", "award_type_id", "award_type__name")
    ]
    return _table("award", rows)


def by_status(qs) -> Table:
    found = {g["status"]: g for g in _grouped(qs, "status")}
    rows = [
        _row(status, label, found[status]) for status, label in NominationStatus.choices if status in found
    ]
    return _table("status", rows)


def by_outcome(status_table: Table) -> Table:
    """Folded from the status table: no query of its own."""
    rows = {key: Row(key=key, label=str(label)) for key, label in OUTCOME_LABELS.items()}
    for row in status_table.rows:
        rows[OUTCOME_OF_STATUS.get(row.key, Outcome.IN_PROGRESS)].add(row)
    return _table("outcome", [row for row in rows.values() if row.total])


def statistics(*, unit_scope=None, **filters) -> dict[str, Table]:
    """Every table of the statistics page, keyed by name (five queries in all)."""
    qs = nominations(unit_scope=unit_scope, **filters)
    status = by_status(qs)
    return {
        "year": by_year(qs),
        "campaign": by_campaign(qs),
        "unit": by_unit(qs),
        "award": by_award(qs),
        "status": status,
        "outcome": by_outcome(status),
    }
