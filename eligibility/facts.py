"""What the rules look at, read once per nomination: the nominee's award history, annual
ratings, the initiatives attached to the dossier and the nominee's other dossiers.

``facts_for`` runs a fixed number of queries whatever the history's length."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from nominations.models import AwardRecord, AwardType, Nomination, NominationStatus, NomineeKind

from .models import Initiative, PerformanceRating


@dataclass(frozen=True)
class AwardFact:
    code: str
    year: int


@dataclass(frozen=True)
class InitiativeFact:
    id: int
    title: str
    level: str
    year: int
    # Codes of the nominee's other live dossiers this initiative is also attached to.
    used_by: tuple = ()


@dataclass(frozen=True)
class DossierFact:
    code: str
    award_code: str
    year: int
    basis: str
    campaign_id: int | None


@dataclass(frozen=True)
class Facts:
    year: int
    award_code: str
    individual: bool
    basis: str = "annual"
    campaign_id: int | None = None
    awards: tuple = ()  # AwardFact: what the nominee already received
    ratings: dict = field(default_factory=dict)  # year -> Rating value
    initiatives: tuple = ()  # InitiativeFact attached to this dossier
    other_dossiers: tuple = ()  # DossierFact: the nominee's other dossiers, not rejected
    # For quotas: live dossiers of the unit for the year, by award code.
    unit_dossiers_by_award: dict = field(default_factory=dict)
    award_names: dict = field(default_factory=dict)  # code -> name, for the explanations

    def name(self, code: str) -> str:
        return f"“{self.award_names.get(code, code)}”"


DEAD = [NominationStatus.REJECTED, NominationStatus.NOT_AWARDED]
OWN_AWARD_RECORDED = {NominationStatus.DECIDED, NominationStatus.AWARDED}


def _same_nominee(nomination) -> Q:
    if nomination.nominee_kind == NomineeKind.INDIVIDUAL:
        return Q(staff_id=nomination.staff_id)
    return Q(unit_id=nomination.unit_id, collective_name=nomination.collective_name, staff__isnull=True)


def facts_for(nomination) -> Facts:
    """The facts of one nomination (seven queries, whatever the history's length)."""
    individual = nomination.nominee_kind == NomineeKind.INDIVIDUAL and nomination.staff_id is not None
    nominee = _same_nominee(nomination)
    awards = [
        AwardFact(code, year)
        for code, year in AwardRecord.objects.filter(nominee).values_list("award_type__code", "year")
    ]
    own = AwardFact(nomination.award_type.code, nomination.year)
    if nomination.status in OWN_AWARD_RECORDED and own in awards:
        # The award this very dossier obtained is in the history now; judge it as before.
        awards.remove(own)
    names = dict(AwardType.objects.values_list("code", "name"))
    ratings = (
        dict(PerformanceRating.objects.filter(staff_id=nomination.staff_id).values_list("year", "rating"))
        if individual
        else {}
    )
    others = [
        DossierFact(code, award, year, basis, campaign)
        for code, award, year, basis, campaign in Nomination.objects.filter(nominee)
        .exclude(pk=nomination.pk)
        .exclude(status__in=DEAD)
        .values_list("code", "award_type__code", "year", "basis", "campaign_id")
    ]
    links = {}
    if nomination.pk:
        through = Initiative.nominations.through
        for initiative_id, code in (
            through.objects.filter(initiative__nominations=nomination)
            .exclude(nomination_id=nomination.pk)
            .exclude(nomination__status__in=DEAD)
            .values_list("initiative_id", "nomination__code")
        ):
            links.setdefault(initiative_id, []).append(code)
        initiatives = tuple(
            InitiativeFact(i.id, i.title, i.level, i.year, tuple(links.get(i.id, ())))
            for i in Initiative.objects.filter(nominations=nomination).only("id", "title", "level", "year")
        )
    else:
        initiatives = ()
    by_award = dict(
        Nomination.objects.filter(unit_id=nomination.unit_id, year=nomination.year)
        .exclude(status__in=DEAD)
        .values("award_type__code")
        .annotate(n=Count("id"))
        .values_list("award_type__code", "n")
    )
    return Facts(
        year=nomination.year,
        award_code=nomination.award_type.code,
        individual=individual,
        basis=nomination.basis,
        campaign_id=nomination.campaign_id,
        awards=tuple(awards),
        ratings=ratings,
        initiatives=initiatives,
        other_dossiers=tuple(others),
        unit_dossiers_by_award=by_award,
        award_names=names,
    )
