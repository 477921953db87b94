"""Reading campaigns: who registered, who reported."""

from dataclasses import dataclass

from django.db.models import Count, Q

from common.collation import vietnamese
from nominations.models import Campaign, Unit, UnitKind

from .models import ResultsReport, UnitRegistration

PARTICIPANT_KINDS = (UnitKind.OFFICE, UnitKind.ATTACHED, UnitKind.PRIVATE)


def participating_units():
    """Units a campaign addresses: the Department's offices, attached units, private facilities."""
    return Unit.objects.filter(is_active=True, kind__in=PARTICIPANT_KINDS).order_by(
        "kind", vietnamese("name")
    )


def campaign_list():
    return Campaign.objects.annotate(
        registered_count=Count("registrations", distinct=True),
        reported_count=Count("results_reports", distinct=True),
    ).order_by("-start_date", "name")


@dataclass
class UnitProgress:
    unit: Unit
    registration: UnitRegistration | None
    report: ResultsReport | None


def progress_of(campaign: Campaign) -> list[UnitProgress]:
    """One row per participating unit: its registration and its results report, if any."""
    registrations = {r.unit_id: r for r in campaign.registrations.select_related("registered_by")}
    reports = {r.unit_id: r for r in campaign.results_reports.select_related("uploaded_by")}
    return [UnitProgress(u, registrations.get(u.pk), reports.get(u.pk)) for u in participating_units()]


def units_missing(campaign: Campaign, *, what: str):
    """Participating units that have not registered (``what="registration"``) or not reported."""
    related = "campaign_registrations" if what == "registration" else "campaign_reports"
    return participating_units().exclude(Q(**{f"{related}__campaign": campaign}))
