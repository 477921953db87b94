"""Notices that come from the clock: reminders before a due date, escalations after it,
and the daily digest. Each is keyed so that running the job twice writes nothing new."""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.status import STATUS

from eligibility.calendar import due_after
from workflows.selectors import human_tasks, rows

from . import messages, recipients
from .kinds import Kind
from .models import EmailStatus, Notification
from .services import notify


def _open_tasks():
    return human_tasks().filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])


def _task_context(row) -> dict:
    return {
        **messages.nomination_context(row.nomination),
        "step": row.step.label,
        "due": messages.local_date(row.due_at),
        "holder": row.task.owner.get_full_name() if row.task.owner else "—",
    }


@transaction.atomic
def send_reminders(*, now) -> int:
    """Tell whoever holds (or may take) a task that its due date is within the warning window."""
    # The warning window counts working days: on a Friday, Monday's due dates are near.
    window = max(
        now + timedelta(hours=settings.REMINDER_HOURS_BEFORE_DUE),
        due_after(now, math.ceil(settings.REMINDER_HOURS_BEFORE_DUE / 24)),
    )
    written = 0
    for row in rows(_open_tasks().filter(deadline__due_at__gt=now, deadline__due_at__lte=window)):
        people = (
            [row.task.owner] if row.task.owner else recipients.step_workers(row.step.name, row.nomination)
        )
        written += len(
            notify(
                people,
                Kind.REMINDER,
                context=_task_context(row),
                nomination=row.nomination,
                url=f"/tasks/{row.task.pk}/",
                dedupe=f"reminder:{row.task.pk}",
            )
        )
    return written


@transaction.atomic
def escalate_overdue(*, now) -> int:
    """Tell the unit head (unit steps) or the head of the office that a due date has passed."""
    written = 0
    for row in rows(_open_tasks().filter(deadline__due_at__lte=now)):
        written += len(
            notify(
                recipients.escalation_targets(row.step.name, row.nomination),
                Kind.ESCALATION,
                context=_task_context(row),
                nomination=row.nomination,
                url=f"/tasks/{row.task.pk}/",
                dedupe=f"escalation:{row.task.pk}",
            )
        )
    return written


@transaction.atomic
def send_digests(*, now) -> int:
    """One mail per user gathering their notifications held for the digest."""
    today = timezone.localdate(now)
    held = Notification.objects.filter(email_status=EmailStatus.IN_DIGEST).order_by("created_at")
    users = get_user_model().objects.filter(pk__in=held.values("recipient"))
    written = 0
    for user in users:
        mine = list(held.filter(recipient=user))
        items = [f"{n.subject}" for n in mine]
        notify(
            [user],
            Kind.DIGEST,
            context={"date": messages.local_date(today)},
            url="/notifications/",
            items=items,
            dedupe=f"digest:{today.isoformat()}",
        )
        Notification.objects.filter(pk__in=[n.pk for n in mine]).update(email_status=EmailStatus.DIGESTED)
        written += 1
    return written
