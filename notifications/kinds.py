"""The kinds of notification, their subject lines, and which ones a user may not switch off."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TASK_WAITING = "task_waiting", _("A dossier is waiting in your queue")
    TASK_ASSIGNED = "task_assigned", _("A dossier was assigned to you")
    RETURNED = "returned", _("A dossier was returned for revision")
    REJECTED = "rejected", _("A dossier was rejected")
    APPROVED = "approved", _("A dossier was approved")
    FORWARDED = "forwarded", _("A dossier was forwarded to the higher authority")
    DECISION_ISSUED = "decision_issued", _("An award decision was issued")
    REMINDER = "reminder", _("Reminder: a due date is near")
    ESCALATION = "escalation", _("A due date has passed")
    DIGEST = "digest", _("Daily digest")
    CAMPAIGN_REMINDER = "campaign_reminder", _("Reminder: a campaign deadline is near")
    GROUPED = "grouped", _("Several dossiers are waiting for you")
    DECISION_TO_SIGN = "decision_to_sign", _("An award decision awaits your signature")


# Outcomes the unit must be told of, in person and by mail: no opting out, no digest.
REQUIRED = frozenset({Kind.RETURNED, Kind.REJECTED, Kind.DECISION_ISSUED})
# What a user may switch off in their settings (a grouped mail follows the kinds it gathers).
OPTIONAL = [kind for kind in Kind if kind not in REQUIRED and kind not in (Kind.DIGEST, Kind.GROUPED)]
# Kinds that arrive by the dozen when a round moves: held for a short while, then sent as one
# grouped mail per person ("13 dossiers of BVĐK Thống Nhất are waiting for you").
GROUPABLE = frozenset({Kind.TASK_WAITING, Kind.TASK_ASSIGNED})
