"""The records kept of each person: award history (quá trình khen thưởng), what a person or
collective already received, and discipline (kỷ luật)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import AwardType
from .organisation import Collective, Staff, Unit


class AwardRecord(models.Model):
    staff = models.ForeignKey(
        Staff,
        verbose_name=_("individual"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="award_records"
    )
    collective = models.ForeignKey(
        Collective,
        verbose_name=_("collective (department)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
        help_text=_("For an award to a department of the unit; its name is kept in “collective”."),
    )
    collective_name = models.CharField(_("collective"), max_length=255, blank=True)
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award"),
        on_delete=models.PROTECT,
        related_name="records",
        null=True,
        blank=True,
        help_text=_("Empty for an award outside the catalogue: then give its name."),
    )
    award_name = models.CharField(
        _("award (as written)"),
        max_length=255,
        blank=True,
        help_text=_(
            "An award from another authority that is not in the catalogue, as the decision names it."
        ),
    )
    year = models.PositiveIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    period_start_year = models.PositiveIntegerField(
        _("achievement period from (year)"), null=True, blank=True
    )
    period_end_year = models.PositiveIntegerField(_("achievement period to (year)"), null=True, blank=True)
    achievement = models.TextField(_("achievement"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ["-year", "award_type__sort_order"]
        constraints = [
            models.CheckConstraint(
                name="award_record_has_one_recipient",
                condition=(
                    models.Q(staff__isnull=False, collective_name="")
                    | models.Q(staff__isnull=True) & ~models.Q(collective_name="")
                ),
            ),
            models.CheckConstraint(
                name="award_record_names_its_award",
                condition=models.Q(award_type__isnull=False) | ~models.Q(award_name=""),
            ),
        ]

    def __str__(self):
        recipient = self.staff.full_name if self.staff_id else self.collective_name
        return f"{self.award_label} {self.year} – {recipient}"

    @property
    def award_label(self) -> str:
        """The catalogue's name of the award, else its name as the decision wrote it."""
        return self.award_type.name if self.award_type_id else self.award_name

    def clean(self):
        if bool(self.staff_id) == bool(self.collective_name):
            raise ValidationError(_("Give either an individual or a collective, not both."))
        if not self.award_type_id and not self.award_name:
            raise ValidationError(_("Choose an award of the catalogue or write the award's name."))
        if self.staff_id and self.unit_id and self.staff.unit_id != self.unit_id:
            raise ValidationError({"staff": _("This person does not belong to the chosen unit.")})
        if self.collective_id and self.unit_id and self.collective.unit_id != self.unit_id:
            raise ValidationError({"collective": _("This collective belongs to another unit.")})
        if self.period_start_year and self.period_end_year and self.period_start_year > self.period_end_year:
            raise ValidationError({"period_end_year": _("The period ends before it starts.")})


class DisciplineLevel(models.TextChoices):
    """Hình thức kỷ luật (Luật Cán bộ, công chức; Luật Viên chức), lightest first.
    ``DISCIPLINE_RANK`` orders them so a rule can say "cảnh cáo or above"."""

    REPRIMAND = "khien_trach", _("Reprimand (khiển trách)")
    WARNING = "canh_cao", _("Warning (cảnh cáo)")
    SALARY_DOWNGRADE = "ha_bac_luong", _("Salary grade reduction (hạ bậc lương)")
    DEMOTION = "giang_chuc", _("Demotion (giáng chức)")
    DISMISSAL_FROM_POST = "cach_chuc", _("Dismissal from post (cách chức)")
    FORCED_RESIGNATION = "buoc_thoi_viec", _("Forced resignation (buộc thôi việc)")


DISCIPLINE_RANK = {level: rank for rank, level in enumerate(DisciplineLevel, start=1)}


class DisciplineRecord(models.Model):
    """A disciplinary measure (kỷ luật) taken against a staff member by a decision.

    ``start_date`` is when it takes effect; ``end_date`` when its period of effect ends
    (empty: not ended, or not known). NĐ 152/2025 Điều 4 khoản 4: achievements count again
    from the end of the discipline; a collective with a member disciplined at "cảnh cáo" or
    above cannot be a Tập thể lao động tiên tiến / xuất sắc. Keyed by (staff, decision number)."""

    staff = models.ForeignKey(
        Staff,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    level = models.CharField(_("level"), max_length=20, choices=DisciplineLevel.choices)
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    start_date = models.DateField(_("in effect from"))
    end_date = models.DateField(_("in effect until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        ordering = ["staff", "-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "decision_number"], name="one_discipline_record_per_decision"
            ),
            models.CheckConstraint(
                name="discipline_ends_after_it_starts",
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name}: {self.get_level_display()} ({self.decision_number})"

    @property
    def rank(self) -> int:
        return DISCIPLINE_RANK[DisciplineLevel(self.level)]

    def at_least(self, level: str) -> bool:
        """True when this measure is ``level`` or heavier (e.g. ``at_least("canh_cao")``)."""
        return self.rank >= DISCIPLINE_RANK[DisciplineLevel(level)]

    def in_force_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The discipline ends before it starts.")})
