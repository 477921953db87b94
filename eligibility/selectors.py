"""Reads of the eligibility app for pages of other apps."""

from .engine import FAIL, UNKNOWN, evaluate_on
from .models import Initiative, Judgement


def eligibility_of(nomination) -> dict:
    """The engine's results and their counts, with the rule set that judged, for the dossier
    and task pages."""
    evaluation = evaluate_on(nomination)
    results = evaluation.results
    return {
        "results": results,
        "failures": sum(r.status == FAIL for r in results),
        "unknowns": sum(r.status == UNKNOWN for r in results),
        "rule_set": evaluation.rule_set,
        "on": evaluation.on,
        "submitted_on": evaluation.submitted_on,
        "judgements": Judgement.objects.filter(nomination_id=nomination.pk)
        .select_related("rule_set__legal_text")
        .order_by("-created_at", "-pk")[:10]
        if nomination.pk
        else [],
    }


def initiatives_of(nomination):
    return Initiative.objects.filter(nominations=nomination).order_by("-year", "title")
