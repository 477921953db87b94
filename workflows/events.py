"""One signal for everything that happens in the workflow, sent inside the transaction of
the change that causes it, so that receivers (audit trail, notification outbox) commit or
roll back with it.

``workflow_event.send(sender=<event name>, nomination=…, actor=…, task=…, **detail)``
"""

from django.dispatch import Signal

workflow_event = Signal()

SUBMITTED = "submitted"  # the officer sent a draft to the unit head
TASK_CREATED = "task_created"  # a dossier arrived at a human step (detail: step)
CLAIMED = "claimed"
RELEASED = "released"
REASSIGNED = "reassigned"  # detail: previous_owner, new_owner
COMPLETED = "completed"  # detail: step, decision, comment
REJECTED = "rejected"
APPROVED = "approved"  # within the Director's authority: waits for a decision
FORWARDED = "forwarded"  # to the higher authority
HIGHER_RESULT = "higher_result"  # detail: decision (awarded / not_awarded)
DECISION_PREPARED = "decision_prepared"
DECISION_SUBMITTED = "decision_submitted"
DECISION_RETURNED = "decision_returned"
DECISION_ISSUED = "decision_issued"  # sent once per decision; detail: decision


def emit(event: str, **kwargs) -> None:
    workflow_event.send(sender=event, **kwargs)
