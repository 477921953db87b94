"""Who is told: the people of the nominating unit, a step's workers, the heads who escalate."""

from django.contrib.auth import get_user_model

from permissions import policy
from permissions.roles import Role
from workflows.selectors import eligible_workers
from workflows.steps import STEPS

UNIT_ROLES = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


def _active_users():
    # With their settings: the outbox reads them for each recipient.
    return get_user_model().objects.filter(is_active=True).select_related("notification_settings")


def unit_people(nomination):
    """The nominating unit's officers and heads."""
    return _active_users().filter(unit_id=nomination.unit_id, groups__name__in=UNIT_ROLES).distinct()


def step_workers(step_name: str, nomination):
    # In no particular order (the list of workers is sorted for people to read).
    return eligible_workers(STEPS[step_name], nomination).order_by().select_related("notification_settings")


def decision_signers():
    """Who signs award decisions (the Director and the deputies)."""
    return _active_users().filter(groups__name__in=policy.SIGNERS).distinct()


def escalation_targets(step_name: str, nomination):
    """Unit steps escalate to the unit head; the Department's steps to the head of the office."""
    if STEPS[step_name].unit_scoped:
        return _active_users().filter(unit_id=nomination.unit_id, groups__name=Role.UNIT_HEAD).distinct()
    return _active_users().filter(groups__name=Role.OFFICE_HEAD).distinct()
