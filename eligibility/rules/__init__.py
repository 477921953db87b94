"""Eligibility rule functions and their registry.

Each rule is small and pure: ``rule(facts, **params) -> Outcome``. It answers PASS, FAIL or
UNKNOWN ("cannot tell from the data") with an explanation in plain Vietnamese. Which rules
apply to an award type, with which figures, is data (``AwardRule``, edited in the admin);
``RULES`` declares each rule's parameters so the admin can check them. Importing this package
registers every rule (``individual``, ``collective``).
"""

from . import collective, individual  # noqa: F401 (registers the rules)
from .individual import LEVEL_NAMES, RATING_NAMES
from .registry import FAIL, PASS, RULES, UNKNOWN, Outcome, Param, RuleSpec, rule, validate_params

__all__ = [
    "FAIL",
    "LEVEL_NAMES",
    "PASS",
    "RATING_NAMES",
    "RULES",
    "UNKNOWN",
    "Outcome",
    "Param",
    "RuleSpec",
    "rule",
    "validate_params",
]
