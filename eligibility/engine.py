"""Evaluate a nomination against the rule set in force for it. Never raises: a rule that
breaks (bad parameters, unexpected data) is reported as "cannot tell" and logged.

Which set: the published rule set whose period holds the dossier's submission date to the
Department (NĐ 152/2025 Điều 60 khoản 3: a dossier sent before 01/07/2025 keeps NĐ 98/2023);
a dossier not yet submitted is judged by today's set."""

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from common.reference_cache import ProcessCached

from .facts import Facts, facts_for
from .models import AwardRule, Confidence, Judgement, JudgementTrigger, RuleSet
from .rules import FAIL, PASS, RULES, UNKNOWN, Outcome, validate_params

logger = logging.getLogger(__name__)

STATUS_LABELS = {PASS: "Đạt", FAIL: "Không đạt", UNKNOWN: "Chưa xác định được"}
CONFIDENCE_LABELS = {
    Confidence.HIGH: "cao",
    Confidence.MEDIUM_HIGH: "khá cao",
    Confidence.MEDIUM: "trung bình — cần đối chiếu văn bản",
    Confidence.LOW: "thấp — cần đối chiếu văn bản",
    Confidence.INFERRED: "suy ra, không phải câu chữ của văn bản",
    Confidence.PROVINCE: "quy định của tỉnh — số liệu ví dụ",
}


@dataclass(frozen=True)
class RuleResult:
    rule: str
    label: str
    status: str
    message: str
    source: str
    confidence: str = Confidence.HIGH

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def confidence_label(self) -> str:
        return CONFIDENCE_LABELS.get(self.confidence, self.confidence)

    @property
    def is_uncertain(self) -> bool:
        return self.confidence in Confidence.uncertain()

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "label": self.label,
            "status": self.status,
            "message": self.message,
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Evaluation:
    """A judgement: the set that judged, the date that chose it, and the rules' results."""

    rule_set: RuleSet | None
    on: datetime.date
    submitted_on: datetime.date | None
    results: list = field(default_factory=list)

    @property
    def failures(self) -> int:
        return sum(r.status == FAIL for r in self.results)

    @property
    def unknowns(self) -> int:
        return sum(r.status == UNKNOWN for r in self.results)


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
        results.append(
            RuleResult(
                award_rule.rule,
                label,
                outcome.status,
                outcome.message,
                award_rule.source,
                getattr(award_rule, "confidence", Confidence.HIGH),
            )
        )
    return results


def _load_published() -> tuple[RuleSet, ...]:
    return tuple(
        RuleSet.objects.filter(is_published=True).select_related("legal_text").order_by("-valid_from", "-pk")
    )


# Read at two steps of every dossier: the published sets (a handful) are kept in the process,
# dropped when a set or a legal text is saved or deleted; other processes see a change within
# ``REFERENCE_CACHE_SECONDS`` (``common.reference_cache``). The sets given are read-only.
published_rule_sets = ProcessCached(_load_published)


def rule_set_for(day: datetime.date) -> RuleSet | None:
    """The published rule set that judges dossiers submitted on ``day``: the latest to start
    on or before it that has not ended."""
    for rule_set in published_rule_sets.get():
        if rule_set.valid_from <= day and (rule_set.valid_until is None or rule_set.valid_until >= day):
            return rule_set
    return None


def submission_date(nomination) -> datetime.date | None:
    """When the unit first sent the dossier to the Department (recorded at that moment)."""
    if not nomination.pk:
        return None
    return (
        Judgement.objects.filter(nomination_id=nomination.pk, trigger=JudgementTrigger.SUBMITTED)
        .order_by("judged_on", "pk")
        .values_list("judged_on", flat=True)
        .first()
    )


_NOT_READ = object()


def evaluate_on(nomination, on: datetime.date | None = None, *, submitted=_NOT_READ) -> Evaluation:
    """Judge ``nomination`` by the set in force on ``on`` (default: its submission date, else
    today). ``submitted``: its submission date when the caller has just read it."""
    day = on
    try:
        if submitted is _NOT_READ:
            submitted = None
            submitted = submission_date(nomination)
        day = on or submitted or timezone.localdate()
        rule_set = rule_set_for(day)
    except Exception:
        logger.exception("choosing the rule set of %s failed", getattr(nomination, "code", nomination))
        day = day or timezone.localdate()
        return Evaluation(None, day, submitted, [_engine_failure()])
    if rule_set is None:
        return Evaluation(None, day, submitted, [])
    try:
        rules = list(
            AwardRule.objects.filter(
                rule_set=rule_set, award_type_id=nomination.award_type_id, is_active=True
            )
        )
        results = evaluate_facts(facts_for(nomination), rules) if rules else []
    except Exception:
        logger.exception("eligibility evaluation of %s failed", getattr(nomination, "code", nomination))
        results = [_engine_failure()]
    return Evaluation(rule_set, day, submitted, results)


def _engine_failure() -> RuleResult:
    return RuleResult("engine", "Kiểm tra điều kiện", UNKNOWN, "Không đánh giá được hồ sơ này.", "")


def evaluate(nomination) -> list[RuleResult]:
    """Each active rule of the set in force for the nomination, with its outcome, in order."""
    return evaluate_on(nomination).results


def has_failures(results) -> bool:
    return any(r.status == FAIL for r in results)
