"""Reading dossiers: search, filters and counts, always on top of what the user may see."""

from django.db.models import Count, QuerySet

from permissions.selectors import get_visible_nomination, visible_nominations

from .models import Nomination, NominationStatus, Staff
from .text import fold


def search_nominations(qs: QuerySet, query: str) -> QuerySet:
    """Accent-insensitive search by nominee name or dossier code, word by word."""
    for word in fold(query).split():
        qs = qs.filter(search_key__contains=word)
    return qs


def nomination_list(user, *, query="", status="", campaign=None, unit=None, award_type=None):
    qs = visible_nominations(user).select_related("unit", "campaign", "staff", "award_type")
    if query:
        qs = search_nominations(qs, query)
    if status:
        qs = qs.filter(status=status)
    if campaign:
        qs = qs.filter(campaign=campaign)
    if unit:
        qs = qs.filter(unit=unit)
    if award_type:
        qs = qs.filter(award_type=award_type)
    return qs


def status_counts(user) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included, in workflow order."""
    counts = dict(visible_nominations(user).order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in NominationStatus.choices]


def nomination_detail(user, code: str) -> Nomination:
    return get_visible_nomination(user, code=code)


def attachments_of(nomination: Nomination):
    return nomination.attachments.select_related("uploaded_by")


def staff_choices(unit):
    # search_key is the accent-folded name: "Đặng" sorts with D, not after "Võ".
    return Staff.objects.filter(unit=unit, is_active=True).order_by("search_key")
