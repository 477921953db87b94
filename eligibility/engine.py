"""Evaluate a nomination against the active rules of its award type. Never raises: a rule
that breaks (bad parameters, unexpected data) is reported as "cannot tell" and logged."""

import logging
from dataclasses import dataclass

from .facts import Facts, facts_for
from .models import AwardRule
from .rules import FAIL, PASS, RULES, UNKNOWN, Outcome, validate_params

logger = logging.getLogger(__name__)

STATUS_LABELS = {PASS: "Đạt", FAIL: "Không đạt", UNKNOWN: "Chưa xác định được"}


@dataclass(frozen=True)
class RuleResult:
    rule: str
    label: str
    status: str
    message: str
    source: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def run_rule(code: str, params: dict, facts: Facts) -> Outcome:
    try:
        outcome = RULES[code].fn(facts, **validate_params(code, params or {}))
        if not isinstance(outcome, Outcome) or outcome.status not in STATUS_LABELS:
            raise TypeError(f"rule {code} returned {outcome!r}")
        return outcome
    except Exception:
        logger.exception("eligibility rule %s failed", code)
        return Outcome(
            UNKNOWN,
            "Không kiểm tra được quy tắc này (lỗi cấu hình hoặc dữ liệu); Văn phòng kiểm tra thủ công.",
        )


def evaluate_facts(facts: Facts, rules) -> list[RuleResult]:
    results = []
    for award_rule in rules:
        spec = RULES.get(award_rule.rule)
        label = str(spec.label) if spec else award_rule.rule
        outcome = (
            run_rule(award_rule.rule, award_rule.params, facts)
            if spec
            else Outcome(UNKNOWN, "Quy tắc không còn trong hệ thống.")
        )
        results.append(RuleResult(award_rule.rule, label, outcome.status, outcome.message, award_rule.source))
    return results


def evaluate(nomination) -> list[RuleResult]:
    """Each active rule of the nomination's award type, with its outcome, in rule order."""
    try:
        rules = list(AwardRule.objects.filter(award_type_id=nomination.award_type_id, is_active=True))
        if not rules:
            return []
        return evaluate_facts(facts_for(nomination), rules)
    except Exception:
        logger.exception("eligibility evaluation of %s failed", getattr(nomination, "code", nomination))
        return [RuleResult("engine", "Kiểm tra điều kiện", UNKNOWN, "Không đánh giá được hồ sơ này.", "")]


def has_failures(results) -> bool:
    return any(r.status == FAIL for r in results)
