"""Nomination rounds (đợt xét khen thưởng): may a dossier still be made for this campaign or year?"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.models import Nomination, NominationBasis

from .models import NominationRound


def rounds_for(*, basis: str, campaign=None, year=None):
    """The rounds that govern dossiers of this basis and campaign (or year)."""
    if basis == NominationBasis.CAMPAIGN and campaign is not None:
        return NominationRound.objects.filter(campaign=campaign)
    if basis == NominationBasis.ANNUAL and year:
        return NominationRound.objects.filter(basis=NominationBasis.ANNUAL, year=year)
    return NominationRound.objects.none()


def check_round_accepts(*, basis: str, campaign=None, year=None, day=None) -> None:
    """Raise ``ValidationError`` (on the campaign or year field) when rounds exist for this
    campaign or year and none of them accepts dossiers today. Without any round, nothing is
    restricted: ad hoc dossiers, and campaigns the office runs without rounds."""
    rounds = list(rounds_for(basis=basis, campaign=campaign, year=year))
    if not rounds:
        return
    day = day or timezone.localdate()
    if any(r.accepts_on(day) for r in rounds):
        return
    latest = max(rounds, key=lambda r: r.deadline)
    if not latest.is_open:
        message = _("The nomination round “%(round)s” is closed.") % {"round": latest.name}
    elif day < latest.opens_at:
        message = _("The nomination round “%(round)s” opens on %(date)s.") % {
            "round": latest.name,
            "date": latest.opens_at.strftime("%d/%m/%Y"),
        }
    else:
        message = _("The deadline of the nomination round “%(round)s” was %(date)s.") % {
            "round": latest.name,
            "date": latest.deadline.strftime("%d/%m/%Y"),
        }
    field = "campaign" if basis == NominationBasis.CAMPAIGN else "year"
    raise ValidationError({field: message})


def nominations_of_round(nomination_round: NominationRound):
    """The dossiers that belong to a round, rejected ones left out."""
    qs = Nomination.objects.exclude(status="rejected")
    if nomination_round.basis == NominationBasis.CAMPAIGN:
        qs = qs.filter(basis=NominationBasis.CAMPAIGN, campaign=nomination_round.campaign)
    elif nomination_round.basis == NominationBasis.ANNUAL:
        qs = qs.filter(basis=NominationBasis.ANNUAL, year=nomination_round.year)
    else:
        qs = qs.filter(
            basis=NominationBasis.AD_HOC,
            created_at__date__gte=nomination_round.opens_at,
            created_at__date__lte=nomination_round.deadline,
        )
    return qs.select_related("unit", "staff", "award_type", "campaign")


def open_rounds_for_units(day=None):
    """Rounds a unit may still send dossiers to today, the nearest deadline first."""
    day = day or timezone.localdate()
    return (
        NominationRound.objects.filter(is_open=True, opens_at__lte=day, deadline__gte=day)
        .select_related("campaign")
        .order_by("deadline", "id")
    )
