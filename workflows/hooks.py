"""What happens to the dossier when the flow reaches a node: its status, its due date,
and which object permissions its unit holds. Called by viewflow, inside the step's
transaction, with the actor from ``context``."""

from django.utils import timezone

from common.acting import current
from eligibility.calendar import due_after
from eligibility.profile import step_working_days
from nominations.models import NominationStatus
from permissions.grants import grant_unit_access

from . import events
from .models import StepDeadline


def set_status(nomination, status: str) -> None:
    acting = current()
    nomination.status = status
    nomination._history_user = acting.user
    nomination._change_reason = acting.reason
    nomination.save()


def step_created(activation) -> None:
    step = activation.flow_task.step
    nomination = activation.process.nomination
    set_status(nomination, step.status)
    if step.unit_scoped:
        # The unit's rights change only as the dossier comes back into its hands (revise: it
        # may edit again) or leaves them (its head signs it off: view only). The Department's
        # steps follow the head's signoff and keep its view-only grant.
        grant_unit_access(nomination, can_edit=step.name == "revise")
    # Working days: weekends, public holidays (Tết, Giỗ Tổ…) and the administrator's days off skipped.
    due_at = due_after(timezone.now(), step_working_days(step.name))
    deadline = StepDeadline.objects.create(task=activation.task, due_at=due_at)
    events.emit(
        events.Event.FORWARDED if step.name == "record_higher_result" else events.Event.TASK_CREATED,
        nomination=nomination,
        actor=current().user,
        task=activation.task,
        step=step.name,
        due_at=deadline.due_at,
    )


def mark_approved(activation) -> None:
    nomination = activation.process.nomination
    set_status(nomination, NominationStatus.APPROVED)
    events.emit(events.Event.APPROVED, nomination=nomination, actor=current().user, task=None)


def mark_rejected(activation) -> None:
    nomination = activation.process.nomination
    set_status(nomination, NominationStatus.REJECTED)
    grant_unit_access(nomination, can_edit=False)
    events.emit(
        events.Event.REJECTED, nomination=nomination, actor=current().user, task=None, reason=current().reason
    )


def decision_issued(activation, **kwargs) -> None:
    set_status(activation.process.nomination, NominationStatus.DECIDED)
