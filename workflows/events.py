"""One signal for everything that happens in the workflow, sent inside the transaction of
the change that causes it, so that receivers (audit trail, notification outbox) commit or
roll back with it.

``workflow_event.send(sender=<Event>, nomination=…, actor=…, task=…, **detail)``

``Event`` is the one list of these names and their labels: the audit trail takes its
workflow event types from it.
"""

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

workflow_event = Signal()


class Event(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted to the unit head")  # the officer sent a draft
    TASK_CREATED = "task_created", _("Task created")  # a dossier arrived at a human step (detail: step)
    CLAIMED = "claimed", _("Task taken")
    RELEASED = "released", _("Task released")
    REASSIGNED = "reassigned", _("Task reassigned")  # detail: previous_owner, new_owner
    COMPLETED = "completed", _("Step completed")  # detail: step, decision, comment
    REJECTED = "rejected", _("Dossier rejected")
    APPROVED = "approved", _("Dossier approved")  # within the Director's authority: waits for a decision
    FORWARDED = "forwarded", _("Forwarded to the higher authority")
    HIGHER_RESULT = "higher_result", _("Higher authority's result recorded")  # detail: decision
    # Award decisions (Quyết định khen thưởng)
    DECISION_PREPARED = "decision_prepared", _("Decision prepared")
    DECISION_SUBMITTED = "decision_submitted", _("Decision sent for signature")
    DECISION_RETURNED = "decision_returned", _("Decision returned to the office")
    DECISION_ISSUED = (
        "decision_issued",
        _("Decision signed and issued"),
    )  # once per decision; detail: decision


def emit(event: Event, **kwargs) -> None:
    workflow_event.send(sender=event, **kwargs)
