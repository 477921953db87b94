"""Who may work on, and who may hand on, a step of the flow."""

from django.contrib.auth import get_user_model

from permissions.roles import roles_of

from .steps import Step


def may_work_on(user, step: Step, process) -> bool:
    """People with one of the step's roles; for unit steps, only the nominating unit's."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not roles_of(user) & step.roles:
        return False
    return not step.unit_scoped or user.unit_id == process.nomination.unit_id


def may_dispatch(user, step: Step) -> bool:
    """The head of the office reassigns office work; the director delegates to a deputy."""
    return bool(roles_of(user) & step.dispatchers)


def eligible_workers(step: Step, nomination):
    users = get_user_model().objects.filter(is_active=True, groups__name__in=step.roles).distinct()
    if step.unit_scoped:
        users = users.filter(unit_id=nomination.unit_id)
    return users.order_by("full_name", "username")
