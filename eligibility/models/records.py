"""Initiatives, performance ratings and the eligibility rules of each award type."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nominations.models import AwardType, Nomination, Staff

from ..rules import RULES, validate_params
from ..scales import InitiativeLevel, Rating
from .legal import Confidence, RuleSet


class Initiative(models.Model):
    """Sáng kiến: recognised by a decision of some level; used for one award only."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("author"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=500)
    level = models.CharField(_("recognised at"), max_length=20, choices=InitiativeLevel.choices)
    year = models.PositiveIntegerField(_("year recognised"))
    decision_number = models.CharField(_("recognising decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("recognising decision date"), null=True, blank=True)
    nominations = models.ManyToManyField(
        Nomination, verbose_name=_("used in nominations"), related_name="initiatives", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[nominations])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"


class PerformanceRating(models.Model):
    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        ordering = ["staff", "-year"]
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="one_rating_per_staff_year")]

    def __str__(self):
        return f"{self.staff.full_name} {self.year}: {self.get_rating_display()}"


class AwardRule(models.Model):
    """One eligibility criterion of an award type: a rule of ``eligibility.rules.RULES`` with
    its figures, and the article it comes from. Edited in the admin."""

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="rules"
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="rules"
    )
    rule = models.CharField(_("rule"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=500, help_text=_("The article the rule comes from."))
    confidence = models.CharField(
        _("confidence"),
        max_length=20,
        choices=Confidence.choices,
        default=Confidence.HIGH,
        help_text=_("How sure we are that the text says this (see the legal notes)."),
    )
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["rule_set", "award_type", "sort_order", "id"]

    def __str__(self):
        return f"{self.award_type.code}: {self.rule}"

    @property
    def is_uncertain(self) -> bool:
        return self.confidence in Confidence.uncertain()

    def clean(self):
        if self.rule not in RULES:
            raise ValidationError({"rule": _("Unknown rule.")})
        try:
            self.params = validate_params(self.rule, self.params or {})
        except ValueError as exc:
            raise ValidationError({"params": str(exc)}) from exc
