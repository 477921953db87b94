"""Award history (quá trình khen thưởng): what a person or collective already received."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import AwardType
from .organisation import Staff, Unit


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
    collective_name = models.CharField(_("collective"), max_length=255, blank=True)
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="records"
    )
    year = models.PositiveIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
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
            )
        ]

    def __str__(self):
        recipient = self.staff.full_name if self.staff_id else self.collective_name
        return f"{self.award_type} {self.year} – {recipient}"

    def clean(self):
        if bool(self.staff_id) == bool(self.collective_name):
            raise ValidationError(_("Give either an individual or a collective, not both."))
        if self.staff_id and self.unit_id and self.staff.unit_id != self.unit_id:
            raise ValidationError({"staff": _("This person does not belong to the chosen unit.")})
