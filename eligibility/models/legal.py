"""The law as dated data: legal texts with their periods, the rule sets that implement them,
and the record of which rule set judged which dossier."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nominations.models import Nomination


class Confidence(models.TextChoices):
    """How sure we are that a text says what a rule applies (the legal notes' last column)."""

    HIGH = "high", _("High")
    MEDIUM_HIGH = "medium_high", _("Medium-high")
    MEDIUM = "medium", _("Medium: check against the text")
    LOW = "low", _("Low: check against the text")
    INFERRED = "inferred", _("Our reading (inferred)")
    PROVINCE = "province", _("Province's regulation (example, to be replaced)")

    @classmethod
    def uncertain(cls) -> set[str]:
        return {cls.MEDIUM, cls.LOW, cls.INFERRED, cls.PROVINCE}


class LegalTextKind(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    PROVINCE = "province", _("Provincial regulation")
    OTHER = "other", _("Other")


class LegalText(models.Model):
    """A legal text (văn bản quy phạm pháp luật) and the period it is in force."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=LegalTextKind.choices)
    number = models.CharField(_("number"), max_length=60, help_text=_("e.g. 152/2025/NĐ-CP"))
    title = models.CharField(_("title"), max_length=500)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Last day in force; empty while in force.")
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    citation = models.CharField(
        _("citation (căn cứ)"),
        max_length=500,
        blank=True,
        help_text=_("How documents cite it after “Căn cứ”, without the final semicolon."),
    )
    cited_in_documents = models.BooleanField(
        _("cited in documents"),
        default=False,
        help_text=_("Decisions, submission letters and council minutes cite it while it is in force."),
    )
    citation_order = models.PositiveSmallIntegerField(_("order among citations"), default=0)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.HIGH
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")
        ordering = ["citation_order", "in_force_from", "number"]
        constraints = [
            models.CheckConstraint(
                name="legal_text_period_ordered",
                condition=Q(in_force_until__isnull=True) | Q(in_force_until__gte=models.F("in_force_from")),
            )
        ]

    def __str__(self):
        return self.number

    def clean(self):
        if self.in_force_until and self.in_force_from and self.in_force_until < self.in_force_from:
            raise ValidationError({"in_force_until": _("The end of the period cannot be before its start.")})

    def in_force_on(self, day: datetime.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)


class RuleSet(models.Model):
    """The eligibility rules of every award type under one legal text, for a period.

    A dossier is judged by the published set whose period holds its submission date (so a
    dossier sent before 01/07/2025 keeps NĐ 98/2023: NĐ 152/2025 Điều 60 khoản 3). An
    administrator adds the next set by copying the current one (admin action) and editing
    the copy before publishing it."""

    legal_text = models.ForeignKey(
        LegalText, verbose_name=_("legal text"), on_delete=models.PROTECT, related_name="rule_sets"
    )
    name = models.CharField(_("name"), max_length=255)
    valid_from = models.DateField(_("applies to dossiers submitted from"))
    valid_until = models.DateField(_("until (inclusive)"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published sets judge dossiers.")
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                name="rule_set_period_ordered",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
            )
        ]

    def __str__(self):
        until = f"{self.valid_until:%d/%m/%Y}" if self.valid_until else "…"
        return f"{self.name} ({self.valid_from:%d/%m/%Y} – {until})"

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of the period cannot be before its start.")})
        if not self.is_published or not self.valid_from:
            return
        end = self.valid_until or datetime.date.max
        overlapping = RuleSet.objects.filter(is_published=True, valid_from__lte=end).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
        )
        if self.pk:
            overlapping = overlapping.exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                _("Another published rule set covers part of this period: %(sets)s. End it first.")
                % {"sets": ", ".join(str(s) for s in overlapping)}
            )

    def covers(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class JudgementTrigger(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted to the Department")
    OFFICE_REVIEW = "office_review", _("Office review decision")
    MANUAL = "manual", _("Checked by hand")


class Judgement(models.Model):
    """One evaluation of a dossier kept as it was: the set that judged it, the date that chose
    the set, and every rule's result. Later edits of the set change new evaluations only."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="judgements"
    )
    # Empty when no published set covered the date (the submission date is kept all the same).
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("rule set"),
        on_delete=models.PROTECT,
        related_name="judgements",
        null=True,
        blank=True,
    )
    judged_on = models.DateField(
        _("date that chose the rule set"), help_text=_("The submission date (or the day of the check).")
    )
    trigger = models.CharField(_("when"), max_length=20, choices=JudgementTrigger.choices)
    results = models.JSONField(_("results"), default=list)
    failures = models.PositiveSmallIntegerField(_("rules not met"), default=0)
    unknowns = models.PositiveSmallIntegerField(_("rules undecided"), default=0)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("eligibility judgement")
        verbose_name_plural = _("eligibility judgements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["nomination", "trigger"])]

    def __str__(self):
        return f"{self.nomination_id} · {self.rule_set} · {self.created_at:%d/%m/%Y}"
