"""Submission dates of dossiers sent before the dates were recorded: read back from the
workflow's own history (the unit head's "submit" at the unit signoff step), so that the
transition of NĐ 152/2025 Điều 60 khoản 3 judges them by the right rule set."""

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from eligibility.models import Judgement, JudgementTrigger
from eligibility.services import record_judgement
from nominations.models import Nomination

from .selectors import HUMAN_NODES
from .steps import Decision


def backfill_submission_dates() -> int:
    """Record the first submission of every submitted dossier that has none; returns how many."""
    recorded = set(
        Judgement.objects.filter(trigger=JudgementTrigger.SUBMITTED).values_list("nomination_id", flat=True)
    )
    first: dict[int, object] = {}
    tasks = (
        Task.objects.filter(
            flow_task=HUMAN_NODES["unit_signoff"], status=STATUS.DONE, data__decision=Decision.SUBMIT
        )
        .exclude(finished__isnull=True)
        .values_list("process__nominationprocess__nomination_id", "finished")
        .order_by("finished")
    )
    for nomination_id, finished in tasks:
        if nomination_id and nomination_id not in recorded:
            first.setdefault(nomination_id, finished)
    for nomination in Nomination.objects.filter(pk__in=first):
        record_judgement(nomination, JudgementTrigger.SUBMITTED, on=timezone.localdate(first[nomination.pk]))
    return len(first)
