"""Writes of the eligibility app: recorded judgements and new rule sets."""

import datetime

from django.db import transaction
from django.utils import timezone

from .engine import Evaluation, evaluate_on, submission_date
from .models import AwardRule, Judgement, JudgementTrigger, RuleSet


def record_judgement(
    nomination,
    trigger: str,
    *,
    by=None,
    on: datetime.date | None = None,
    evaluation: Evaluation | None = None,
) -> Judgement:
    """Keep the dossier's judgement as it stands now, with the set that made it. At submission
    ``on`` is the submission date, which from then on chooses the dossier's set. A caller
    that has just evaluated the dossier (in the same transaction) passes its ``evaluation``."""
    if evaluation is None:
        submitted = submission_date(nomination)
        if trigger == JudgementTrigger.SUBMITTED and on is None:
            on = submitted or timezone.localdate()
        evaluation = evaluate_on(nomination, on, submitted=submitted)
    return Judgement.objects.create(
        nomination=nomination,
        rule_set=evaluation.rule_set,
        judged_on=evaluation.on,
        trigger=trigger,
        results=[r.as_dict() for r in evaluation.results],
        failures=evaluation.failures,
        unknowns=evaluation.unknowns,
        created_by=by,
    )


def record_submission(nomination, *, by=None) -> Judgement:
    """The unit sent the dossier to the Department: its first submission date is kept (a
    resubmission after a return keeps the first date) and the judgement recorded."""
    return record_judgement(nomination, JudgementTrigger.SUBMITTED, by=by)


@transaction.atomic
def copy_rule_set(
    source: RuleSet, *, name: str | None = None, valid_from: datetime.date | None = None
) -> RuleSet:
    """A draft copy of ``source`` and all its rules, to edit and publish when a new text
    takes effect. The copy is not published, so it judges nothing until an administrator
    sets its period and publishes it."""
    copy = RuleSet.objects.create(
        legal_text=source.legal_text,
        name=name or f"{source.name} (bản sao)",
        valid_from=valid_from or timezone.localdate(),
        valid_until=None,
        is_published=False,
        copied_from=source,
        note=source.note,
    )
    for r in source.rules.all():  # one by one, so each copied rule gets its history row
        AwardRule.objects.create(
            rule_set=copy,
            award_type_id=r.award_type_id,
            rule=r.rule,
            params=r.params,
            source=r.source,
            confidence=r.confidence,
            note=r.note,
            is_active=r.is_active,
            sort_order=r.sort_order,
        )
    return copy
