"""Cash awards as dated data: the base salary (lương cơ sở) and each award's multiple of it
(NĐ 152/2025 Điều 49–55)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nominations.models import AwardType


class BaseSalary(models.Model):
    amount = models.PositiveIntegerField(_("amount (đồng per month)"))
    valid_from = models.DateField(_("from"), unique=True)
    source = models.CharField(_("source"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ ({self.valid_from:%d/%m/%Y})"


class CashAwardRate(models.Model):
    """How many base salaries one award carries, from a date, with the article that says so."""

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="cash_rates"
    )
    multiple = models.DecimalField(
        _("multiple of the base salary"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    collective_factor = models.PositiveSmallIntegerField(
        _("factor for a collective"),
        default=1,
        help_text=_("2 where the decree doubles the amount for a collective, else 1."),
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until (inclusive)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cash award rate")
        verbose_name_plural = _("cash award rates")
        ordering = ["award_type", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                name="cash_rate_period_ordered",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
            ),
            models.CheckConstraint(name="cash_rate_factor_positive", condition=Q(collective_factor__gte=1)),
        ]

    def __str__(self):
        return f"{self.award_type}: {self.multiple} × {self.collective_factor}"
