"""Turn workflow events into notifications, inside the transaction of the event."""

from django.dispatch import receiver
from viewflow.workflow.status import STATUS

from workflows import events
from workflows.events import workflow_event
from workflows.steps import STEPS

from . import messages, recipients
from .kinds import Kind
from .services import notify


def _dossier_url(nomination) -> str:
    return f"/dossiers/{nomination.code}/"


def last_comment(nomination) -> str:
    """The comment of the latest completed step (why it was returned or rejected)."""
    done = (
        nomination.process.task_set.filter(status=STATUS.DONE, flow_task_type="HUMAN")
        .order_by("-finished", "-id")
        .first()
    )
    return (done.data or {}).get("comment", "") if done else ""


def _context(nomination, **extra) -> dict:
    return {**messages.nomination_context(nomination), **extra}


@receiver(workflow_event, dispatch_uid="notifications.on_workflow_event")
def on_workflow_event(sender, nomination=None, task=None, **detail):
    handler = HANDLERS.get(sender)
    if handler is not None:
        handler(nomination=nomination, task=task, **detail)


def task_created(nomination, task, step, **detail):
    if step == "revise":
        notify(
            recipients.unit_people(nomination),
            Kind.RETURNED,
            context=_context(nomination),
            nomination=nomination,
            url=_dossier_url(nomination),
            comment=last_comment(nomination),
            dedupe=f"returned:{task.pk}",
        )
        return
    notify(
        recipients.step_workers(step, nomination),
        Kind.TASK_WAITING,
        context=_context(nomination, step=STEPS[step].label),
        nomination=nomination,
        url=f"/tasks/{task.pk}/",
        dedupe=f"waiting:{task.pk}",
    )


def forwarded(nomination, task, step, **detail):
    notify(
        recipients.unit_people(nomination),
        Kind.FORWARDED,
        context=_context(nomination),
        nomination=nomination,
        url=_dossier_url(nomination),
        dedupe=f"forwarded:{task.pk}",
    )
    task_created(nomination, task, step)


def reassigned(nomination, task, new_owner, **detail):
    notify(
        [new_owner],
        Kind.TASK_ASSIGNED,
        context=_context(nomination, step=STEPS[task.flow_task.name].label),
        nomination=nomination,
        url=f"/tasks/{task.pk}/",
    )


def outcome(kind):
    def handler(nomination, **detail):
        notify(
            recipients.unit_people(nomination),
            kind,
            context=_context(nomination),
            nomination=nomination,
            url=_dossier_url(nomination),
            comment=last_comment(nomination) if kind == Kind.REJECTED else "",
            dedupe=f"{kind}:{nomination.pk}",
        )

    return handler


def decision_issued(decision, **detail):
    for nomination in decision.nominations.select_related("unit", "staff", "award_type"):
        context = _context(
            nomination, number=decision.number, date=messages.local_date(decision.decision_date)
        )
        people = list(recipients.unit_people(nomination))
        if nomination.staff_id and nomination.staff.email:
            people.append(nomination.staff.email)  # the awardee, who may have no account
        notify(
            people,
            Kind.DECISION_ISSUED,
            context=context,
            nomination=nomination,
            url=_dossier_url(nomination),
            dedupe=f"decision:{decision.pk}:{nomination.pk}",
        )


def decision_submitted(decision, **detail):
    count = decision.nominations.count()
    notify(
        recipients.decision_signers(),
        Kind.DECISION_TO_SIGN,
        context={"number": decision.number, "count": count},
        url=f"/decisions/{decision.pk}/",
    )


HANDLERS = {
    events.Event.TASK_CREATED: task_created,
    events.Event.FORWARDED: forwarded,
    events.Event.REASSIGNED: reassigned,
    events.Event.REJECTED: outcome(Kind.REJECTED),
    events.Event.APPROVED: outcome(Kind.APPROVED),
    events.Event.DECISION_ISSUED: decision_issued,
    events.Event.DECISION_SUBMITTED: decision_submitted,
}
