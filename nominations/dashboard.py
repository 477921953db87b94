"""The home page: what each role should look at first when they sign in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from permissions.roles import Role, roles_of

from . import selectors
from .models import AwardType, Campaign, NominationStatus, Staff, Unit

# The statuses in which a role has work waiting; the workflow's inboxes refine this.
ROLE_FOCUS = {
    Role.UNIT_OFFICER: [NominationStatus.DRAFT, NominationStatus.RETURNED],
    Role.UNIT_HEAD: [NominationStatus.UNIT_SIGNOFF],
    Role.OFFICE_REVIEWER: [NominationStatus.OFFICE_REVIEW],
    Role.OFFICE_HEAD: [NominationStatus.OFFICE_REVIEW, NominationStatus.FORWARDED],
    Role.TRADE_UNION: [NominationStatus.UNION_CONSULTATION],
    Role.DIRECTOR: [NominationStatus.DIRECTOR_SIGNOFF],
    Role.DEPUTY_DIRECTOR: [NominationStatus.DIRECTOR_SIGNOFF],
}

FOCUS_LIMIT = 10


def focus_statuses(user) -> list[str]:
    mine = roles_of(user)
    statuses: list[str] = []
    for role, role_statuses in ROLE_FOCUS.items():
        if role in mine:
            statuses += [s for s in role_statuses if s not in statuses]
    return statuses


@login_required
def home(request):
    user = request.user
    statuses = focus_statuses(user)
    waiting = selectors.nomination_list(user).filter(status__in=statuses)[:FOCUS_LIMIT] if statuses else []
    context = {
        "unit": user.unit,
        "status_counts": selectors.status_counts(user),
        "waiting": waiting,
        "waiting_title": _("Waiting for you"),
        "open_campaigns": Campaign.objects.filter(is_open=True)[:5],
        "is_inspector": Role.INSPECTOR in roles_of(user),
    }
    if user.is_staff:
        context["master_data"] = [
            (Unit._meta.verbose_name_plural, Unit.objects.count()),
            (Staff._meta.verbose_name_plural, Staff.objects.count()),
            (AwardType._meta.verbose_name_plural, AwardType.objects.count()),
            (Campaign._meta.verbose_name_plural, Campaign.objects.count()),
        ]
    return render(request, "home.html", context)
