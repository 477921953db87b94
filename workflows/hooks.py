"""What happens to the dossier when the flow reaches a node: its status, its due date,
and which object permissions its unit holds. Called by viewflow, inside the step's
transaction, with the actor from ``context``."""

from django.utils import timezone

from common import snapshots
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
    nomination.save(update_fields=_changed_fields(nomination))


def _changed_fields(nomination) -> list[str] | None:
    """The fields that differ from the dossier as read under the step's lock (``snapshots``),
    with the two the save itself sets; ``None`` (every field) when it was not read so. The
    history row keeps every value: the others are the database's, as read."""
    as_read = snapshots.as_read(nomination)
    if as_read is None:
        return None
    changed = [
        f.name
        for f in nomination._meta.concrete_fields
        if getattr(nomination, f.attname) != as_read[f.attname]
    ]
    return [*changed, "updated_at", "search_key"]


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
