"""Reminders to units that have not registered to a campaign or not sent its results report.

Sent through the notification outbox to the unit's emulation officers, once a day at most
(the dedupe key carries the date), during the last ``CAMPAIGN_REMINDER_DAYS`` before a deadline.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.selectors import units_missing
from nominations.models import Campaign
from permissions.roles import Role

from .kinds import Kind
from .services import notify

TASKS = {
    "registration": _("register its theme, programme or model"),
    "report": _("send its results report"),
}


def _officers(unit):
    return get_user_model().objects.filter(unit=unit, is_active=True, groups__name=Role.UNIT_OFFICER)


def _deadline(campaign: Campaign, what: str):
    return campaign.registration_deadline if what == "registration" else campaign.report_deadline


@transaction.atomic
def remind_campaign(campaign: Campaign, *, day=None, force: bool = False) -> int:
    """Remind the units missing a registration or report of ``campaign``; returns notices written.

    ``force`` (the office's button) sends whatever the distance to the deadline, still once a day.
    """
    day = day or timezone.localdate()
    window = settings.CAMPAIGN_REMINDER_DAYS
    written = 0
    for what, task in TASKS.items():
        deadline = _deadline(campaign, what)
        if deadline is None or day > deadline:
            continue
        if not force and (deadline - day).days > window:
            continue
        for unit in units_missing(campaign, what=what):
            written += len(
                notify(
                    _officers(unit),
                    Kind.CAMPAIGN_REMINDER,
                    context={
                        "campaign": campaign.name,
                        "unit": unit.name,
                        "task": task,
                        "due": deadline.strftime("%d/%m/%Y"),
                    },
                    url=reverse("campaigns:detail", args=[campaign.pk]),
                    dedupe=f"campaign-{campaign.pk}-{what}-{unit.pk}-{day.isoformat()}",
                )
            )
    return written


def send_campaign_reminders(day=None) -> int:
    """Every campaign with a deadline ahead: remind the units that have not done their part."""
    day = day or timezone.localdate()
    return sum(remind_campaign(c, day=day) for c in Campaign.objects.all())
