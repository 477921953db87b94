"""The eligibility app's tables: legal texts and their rule sets, the rules, the recorded
judgements, initiatives and ratings, the working-day calendar's days off, cash-award rates and
the province's regulation profile."""

from .calendar import CalendarDay, CalendarDayKind
from .legal import Confidence, Judgement, JudgementTrigger, LegalText, LegalTextKind, RuleSet
from .money import BaseSalary, CashAwardRate
from .profile import RegulationProfile
from .records import AwardRule, Initiative, PerformanceRating

__all__ = [
    "AwardRule",
    "BaseSalary",
    "CalendarDay",
    "CalendarDayKind",
    "CashAwardRate",
    "Confidence",
    "Initiative",
    "Judgement",
    "JudgementTrigger",
    "LegalText",
    "LegalTextKind",
    "PerformanceRating",
    "RegulationProfile",
    "RuleSet",
]
