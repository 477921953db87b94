"""Reads of the eligibility app for pages of other apps."""

from .engine import FAIL, UNKNOWN, evaluate
from .models import Initiative


def eligibility_of(nomination) -> dict:
    """The engine's results and their counts, for the dossier and task pages."""
    results = evaluate(nomination)
    return {
        "results": results,
        "failures": sum(r.status == FAIL for r in results),
        "unknowns": sum(r.status == UNKNOWN for r in results),
    }


def initiatives_of(nomination):
    return Initiative.objects.filter(nominations=nomination).order_by("-year", "title")
