"""Business actions of the approval workflow. Pages, batch actions, the demo seed and
tests all go through these functions; none of them trusts the caller's permissions."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from common import batching, snapshots
from common.acting import acting
from nominations.models import NominationStatus
from nominations.services import record_award
from permissions import policy
from permissions.selectors import can_edit_nomination

from . import events, selectors
from .flows import NominationFlow
from .hooks import set_status
from .models import NominationProcess
from .steps import DECISION_LABELS, Decision, step_of


class WorkflowError(Exception):
    """A refusal to show the user as it is (already translated)."""

    def __init__(self, message: str, nomination=None):
        super().__init__(message)
        self.message = message
        self.nomination = nomination


class AlreadyHandled(WorkflowError):
    pass


def _reason(step_label, decision: str, comment: str) -> str:
    """The change reason kept in history, in the site's language whatever the actor's."""
    with translation.override("vi"):
        text = f"{step_label}: {DECISION_LABELS.get(decision, decision)}"
    return f"{text} – {comment}" if comment else text


SUBMITTED_REASON = "Trình thủ trưởng đơn vị"


def submit_for_signoff(nomination, user):
    """The unit officer sends a draft to the unit head: the approval process starts."""
    if (
        nomination.status != NominationStatus.DRAFT
        or NominationProcess.objects.filter(nomination=nomination).exists()
    ):
        raise AlreadyHandled(
            _("Dossier %(code)s was already submitted.") % {"code": nomination.code}, nomination
        )
    if not can_edit_nomination(user, nomination):
        raise WorkflowError(_("You may not submit dossier %(code)s.") % {"code": nomination.code}, nomination)
    with transaction.atomic(), acting(user, SUBMITTED_REASON), batching.unit_of_work():
        events.emit(events.Event.SUBMITTED, nomination=nomination, actor=user, task=None)
        return NominationFlow.start.run(nomination=nomination)


# What a step reads of its dossier: the unit (audit, grants, notices), the nominee (the
# dossier's search key, saved with its status) and the award (gateways, notices). Not the
# task's owner (only a refusal names them): on PostgreSQL each table joined here costs more
# to plan than to read (this read took 3.9 ms with the owner, 2.5 ms without).
_LOCKED_RELATED = (
    "process__nominationprocess__nomination__unit",
    "process__nominationprocess__nomination__staff",
    "process__nominationprocess__nomination__award_type",
)


@contextmanager
def activated(task):
    """``task.activation()`` with the task, its process and its dossier read in one query,
    as one unit of work (its audit events are chained in one append as it ends).

    Under the flow's lock (the process row), like viewflow's own ``Task.activation``, which
    would re-read the task, then the process, its ``NominationProcess`` and the dossier,
    and leave the unit, nominee and award to be loaded lazily by each listener."""
    with NominationFlow.lock(task.process_id), batching.unit_of_work():
        fresh = Task.objects.select_related(*_LOCKED_RELATED).get(pk=task.pk)
        activation = fresh.flow_task.activation_class(fresh)
        # Read under the lock: its next save is diffed against these values, not re-read.
        snapshots.remember(activation.process.nomination)
        yield activation


def _locked_open_task(activation, nomination):
    task = activation.task
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise AlreadyHandled(
            _("Dossier %(code)s has already been handled at this step.") % {"code": nomination.code},
            nomination,
        )
    return task


def submit_many(nominations, user) -> int:
    """Send many drafts to the unit head at once: all of them, or — at the first refusal — none."""
    nominations = list(nominations)
    try:
        with transaction.atomic():
            for nomination in nominations:
                submit_for_signoff(nomination, user)
    except (WorkflowError, TransitionNotAllowed) as exc:
        raise BatchStopped(
            _("Nothing was done: %(reason)s") % {"reason": getattr(exc, "message", str(exc))},
            getattr(exc, "nomination", None),
        ) from exc
    return len(nominations)


def claim_task(task, user):
    """Take a task from a shared queue into one's own inbox."""
    with activated(task) as activation:
        nomination = activation.process.nomination
        task = _locked_open_task(activation, nomination)
        if task.status == STATUS.ASSIGNED:
            raise AlreadyHandled(
                _("Dossier %(code)s is already being handled by %(name)s.")
                % {"code": nomination.code, "name": task.owner.get_full_name()},
                nomination,
            )
        if not task.flow_task.can_assign(user, task):
            raise WorkflowError(
                _("You may not take dossier %(code)s.") % {"code": nomination.code}, nomination
            )
        activation.assign(user)
        events.emit(events.Event.CLAIMED, nomination=nomination, actor=user, task=task)
    return task


def release_task(task, user):
    """Give a claimed task back to its queue."""
    with activated(task) as activation:
        nomination = activation.process.nomination
        task = _locked_open_task(activation, nomination)
        if task.owner_id != user.pk:
            raise WorkflowError(_("Only the person holding a task can release it."), nomination)
        activation.unassign()
        events.emit(events.Event.RELEASED, nomination=nomination, actor=user, task=task)
    return task


def reassign_task(task, by, to):
    """The head of the office (or the director, to a deputy) hands a task to someone else."""
    step = step_of(task)
    nomination = task.process.coerced.nomination
    if step is None or not policy.may_dispatch_step(by, step.name):
        raise WorkflowError(_("You may not reassign this task."), nomination)
    if not selectors.eligible_workers(step, nomination).filter(pk=to.pk).exists():
        raise WorkflowError(
            _("%(name)s cannot work on this step.") % {"name": to.get_full_name()}, nomination
        )
    with activated(task) as activation:
        nomination = activation.process.nomination
        task = _locked_open_task(activation, nomination)
        previous = task.owner
        if task.status == STATUS.NEW:
            activation.assign(to)
        else:
            activation.reassign(to)
        events.emit(
            events.Event.REASSIGNED,
            nomination=nomination,
            actor=by,
            task=task,
            previous_owner=previous,
            new_owner=to,
        )
    return task


def _validate_decision(step, decision: str, comment: str, extra: dict, nomination):
    if decision not in step.decisions:
        raise WorkflowError(_("That decision is not possible at this step."), nomination)
    if decision in step.comment_required and not comment.strip():
        raise WorkflowError(
            _("Dossier %(code)s: a comment is required to %(decision)s.")
            % {"code": nomination.code, "decision": str(DECISION_LABELS[decision]).lower()},
            nomination,
        )
    if decision == Decision.AWARDED and not (extra.get("decision_number") and extra.get("decision_date")):
        raise WorkflowError(
            _("Dossier %(code)s: give the number and date of the higher authority's decision.")
            % {"code": nomination.code},
            nomination,
        )


def _record_higher_result(nomination, decision: str, extra: dict):
    """The office records what the higher authority decided (trình cấp trên)."""
    if decision == Decision.AWARDED:
        record_award(
            nomination, decision_number=extra["decision_number"], decision_date=extra["decision_date"]
        )
        return NominationStatus.AWARDED
    return NominationStatus.NOT_AWARDED


def _judge_forwarding(step, decision: str, justification: str, nomination):
    """Forwarding a dossier that fails an eligibility rule needs a written justification.

    Returns the evaluation made for the check (the office review keeps it as its judgement),
    or ``None`` when the step needs none."""
    if step.name != "office_review":
        return None
    from eligibility.engine import evaluate_on, has_failures

    evaluation = evaluate_on(nomination)
    if decision == Decision.FORWARD and not justification and has_failures(evaluation.results):
        raise WorkflowError(
            _("Dossier %(code)s fails an eligibility rule: write a justification to forward it anyway.")
            % {"code": nomination.code},
            nomination,
        )
    return evaluation


def complete_task(
    task,
    user,
    decision: str,
    comment: str = "",
    *,
    justification: str = "",
    automatic: bool = False,
    **extra,
):
    """Record ``user``'s decision at a human step and move the dossier on.

    A task still in a queue is claimed on the way. Raises ``AlreadyHandled`` when someone
    else got there first, ``WorkflowError`` for anything else the user cannot do.
    ``justification`` is required to forward from the office review a dossier that fails an
    eligibility rule; ``automatic`` is for services that take a step's automatic decisions
    (the council's result), never for a person's choice.
    """
    comment = comment.strip()
    justification = (justification or "").strip()
    step = step_of(task)
    if step is None:
        raise WorkflowError(_("This task is not a step anyone works on."), task.process.coerced.nomination)
    reason = _reason(step.label, decision, comment)
    if justification:
        with translation.override("vi"):
            reason = f"{reason} – {_('Justification')}: {justification}"
    # Everything is checked under the lock, on the dossier read with it: a refusal writes nothing.
    with acting(user, reason), activated(task) as activation:
        nomination = activation.process.nomination
        if (decision in step.automatic) != automatic:
            raise WorkflowError(_("That decision is not possible at this step."), nomination)
        _validate_decision(step, decision, comment, extra, nomination)
        task = _locked_open_task(activation, nomination)
        if task.status == STATUS.NEW:
            if not task.flow_task.can_assign(user, task):
                raise WorkflowError(
                    _("You may not act on dossier %(code)s.") % {"code": nomination.code}, nomination
                )
            activation.assign(user)
        elif task.owner_id != user.pk and not automatic:
            raise AlreadyHandled(
                _("Dossier %(code)s is being handled by %(name)s.")
                % {"code": nomination.code, "name": task.owner.get_full_name()},
                nomination,
            )
        if not policy.may_work_on_step(user, step.name, unit_id=nomination.unit_id):
            raise WorkflowError(
                _("You may not act on dossier %(code)s.") % {"code": nomination.code}, nomination
            )
        # Judged under the lock, once: the check and the recorded judgement are the same.
        evaluation = _judge_forwarding(step, decision, justification, nomination)
        activation.start(None)
        task.data = {
            "decision": decision,
            "comment": comment,
            **{k: str(v) for k, v in extra.items() if v not in (None, "")},
        }
        if justification:
            task.data["justification"] = justification
        activation.process.last_decision = decision
        activation.process.save(update_fields=["last_decision"])
        if step.name == "record_higher_result":
            set_status(nomination, _record_higher_result(nomination, decision, extra))
            events.emit(
                events.Event.HIGHER_RESULT, nomination=nomination, actor=user, task=task, decision=decision
            )
        events.emit(
            events.Event.COMPLETED,
            nomination=nomination,
            actor=user,
            task=task,
            step=step.name,
            decision=decision,
            comment=comment,
            justification=justification,
        )
        _record_judgement(step.name, decision, nomination, user, evaluation)
        activation.execute()
    return task


def _record_judgement(step_name: str, decision: str, nomination, user, evaluation) -> None:
    """Keep the eligibility judgement when the dossier reaches the Department (its submission
    date then chooses its rule set) and at the office's review decision."""
    from eligibility.models import JudgementTrigger
    from eligibility.services import record_judgement, record_submission

    if step_name == "unit_signoff" and decision == Decision.SUBMIT:
        record_submission(nomination, by=user)
    elif step_name == "office_review":
        record_judgement(nomination, JudgementTrigger.OFFICE_REVIEW, by=user, evaluation=evaluation)


class BatchStopped(WorkflowError):
    pass


def complete_tasks(tasks, user, decision: str, comment: str = ""):
    """Act on many dossiers at once: all of them, or — at the first refusal — none."""
    done = []
    try:
        with transaction.atomic():
            for task in tasks:
                done.append(complete_task(task, user, decision, comment))
    except (WorkflowError, TransitionNotAllowed) as exc:
        message = getattr(exc, "message", str(exc))
        raise BatchStopped(
            _("Nothing was done: %(reason)s") % {"reason": message}, getattr(exc, "nomination", None)
        ) from exc
    return done
