"""What the rules look at, read once per nomination: the nominee's award history, annual
ratings, the initiatives attached to the dossier and the nominee's other dossiers.

``facts_for`` runs a fixed number of queries whatever the history's length."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from nominations.models import AwardRecord, AwardType, Nomination, NominationStatus, NomineeKind, Staff

from .models import Initiative, PerformanceRating
from .scales import RATING_RANK, Rating


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
    unit_name: str = ""


@dataclass(frozen=True)
class CollectiveFact:
    """The members of a collective, counted for the nomination year."""

    size: int
    scope: str  # what the members are, e.g. "toàn đơn vị Bệnh viện …"
    titles: dict = field(default_factory=dict)  # award code -> members holding it that year
    pending_titles: dict = field(default_factory=dict)  # award code -> members with a live dossier
    completed: int = 0  # rated "hoàn thành nhiệm vụ" or better
    unrated: int = 0
    disciplined: int | None = None  # at "cảnh cáo" or above; None: no discipline data


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
    # Discipline (NĐ 152 Điều 4 khoản 4); ``discipline_known`` is False while there is no data.
    discipline_known: bool = False
    under_review: bool = False
    discipline_ended: datetime.date | None = None
    collective: CollectiveFact | None = None
    unit_staff_count: int = 0  # active staff of the nominating unit, for the optional caps

    def name(self, code: str) -> str:
        return f"“{self.award_names.get(code, code)}”"


DEAD = [NominationStatus.REJECTED, NominationStatus.NOT_AWARDED]
OWN_AWARD_RECORDED = {NominationStatus.DECIDED, NominationStatus.AWARDED}


def _same_nominee(nomination) -> Q:
    if nomination.nominee_kind == NomineeKind.INDIVIDUAL:
        return Q(staff_id=nomination.staff_id)
    return Q(unit_id=nomination.unit_id, collective_name=nomination.collective_name, staff__isnull=True)


def facts_for(nomination) -> Facts:
    """The facts of one nomination (eight queries for a person, twelve for a collective, whatever
    the history's length)."""
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
        DossierFact(code, award, year, basis, campaign, "" if unit_id == nomination.unit_id else unit_name)
        for code, award, year, basis, campaign, unit_id, unit_name in Nomination.objects.filter(nominee)
        .exclude(pk=nomination.pk)
        .exclude(status__in=DEAD)
        .values_list("code", "award_type__code", "year", "basis", "campaign_id", "unit_id", "unit__name")
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
    discipline = discipline_of([nomination.staff_id], nomination.year) if individual else None
    own_discipline = discipline.get(nomination.staff_id) if discipline is not None else None
    return Facts(
        discipline_known=discipline is not None,
        under_review=bool(own_discipline and own_discipline.under_review),
        discipline_ended=own_discipline.ended if own_discipline else None,
        collective=None if individual else collective_fact(nomination),
        unit_staff_count=Staff.objects.filter(unit_id=nomination.unit_id, is_active=True).count(),
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


# ---- the plug points for the organisation's records ----------------------------------------


@dataclass(frozen=True)
class DisciplineFact:
    under_review: bool  # under disciplinary review, inspection or complaint now
    ended: datetime.date | None  # end of the latest discipline, if any
    warning_or_above_in_year: bool  # "cảnh cáo" or a heavier form during the nomination year


def discipline_of(staff_ids, year: int) -> dict | None:
    """Discipline of these staff: ``{staff_id: DisciplineFact}`` (absent = none), or ``None``
    when the system holds no discipline records (the rules then answer "cannot tell").

    PLUG POINT: discipline records (``nominations.DisciplineRecord``: staff, level, decision,
    start and end dates) are being added on another branch. Until they exist this answers
    ``None``; when they do, this one function reads them and every discipline rule follows."""
    return None


def collective_members(nomination):
    """The staff who make up the nominated collective, and how to name that scope.

    PLUG POINT: a dossier names its collective as text only, so the members counted today
    are the active staff of the nominating unit ("the unit as the collective"). When staff
    belong to a ``nominations.Collective`` (a department of a unit, another branch), this one
    function returns that collective's staff instead."""
    staff = Staff.objects.filter(unit_id=nomination.unit_id, is_active=True)
    return staff, f"toàn đơn vị {nomination.unit.name}"


def collective_fact(nomination) -> CollectiveFact:
    """The members' titles, live dossiers, ratings and discipline for the nomination year."""
    staff, scope = collective_members(nomination)
    ids = list(staff.values_list("pk", flat=True))
    titles: dict = {}
    for code, n in (
        AwardRecord.objects.filter(staff_id__in=ids, year=nomination.year)
        .values("award_type__code")
        .annotate(n=Count("staff_id", distinct=True))
        .values_list("award_type__code", "n")
    ):
        titles[code] = n
    pending: dict = {}
    for code, n in (
        Nomination.objects.filter(staff_id__in=ids, year=nomination.year)
        .exclude(status__in=[*DEAD, *OWN_AWARD_RECORDED])
        .values("award_type__code")
        .annotate(n=Count("staff_id", distinct=True))
        .values_list("award_type__code", "n")
    ):
        pending[code] = n
    ratings = dict(
        PerformanceRating.objects.filter(staff_id__in=ids, year=nomination.year).values_list(
            "staff_id", "rating"
        )
    )
    completed = sum(1 for r in ratings.values() if RATING_RANK.get(r, 0) >= RATING_RANK[Rating.COMPLETED])
    discipline = discipline_of(ids, nomination.year)
    return CollectiveFact(
        size=len(ids),
        scope=scope,
        titles=titles,
        pending_titles=pending,
        completed=completed,
        unrated=len(ids) - len(ratings),
        disciplined=None
        if discipline is None
        else sum(1 for d in discipline.values() if d.warning_or_above_in_year),
    )
