"""The province's own regulation on emulation and commendation (quy chế / quy định TĐKT of
the UBND tỉnh): what national texts leave to each province (NĐ 152/2025 Điều 6 khoản 2)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

STEP_NAMES = (
    "unit_signoff",
    "revise",
    "office_review",
    "union_consultation",
    "council_vote",
    "director_signoff",
    "record_higher_result",
)


class RegulationProfile(models.Model):
    """One deployment's provincial settings. Council thresholds and quorum per award type are
    the council's ``CouncilPolicy`` rows; Giấy khen criteria and caps are rules of the rule
    sets marked "province". This profile holds the rest: the regulation it comes from and
    the Department's time limit for each step, in working days."""

    name = models.CharField(_("name"), max_length=255)
    province = models.CharField(_("province"), max_length=100)
    reference = models.CharField(
        _("regulation"),
        max_length=255,
        blank=True,
        help_text=_("Number and date of the province's regulation."),
    )
    is_example = models.BooleanField(
        _("example data"),
        default=True,
        help_text=_("Seeded as an example: replace the figures with the province's own before use."),
    )
    is_active = models.BooleanField(_("in use"), default=False)
    step_working_days = models.JSONField(
        _("time limit of each step (working days)"),
        default=dict,
        blank=True,
        help_text=_("Step name → working days; a step left out keeps the STEP_DAYS_* setting."),
    )
    giay_khen_criteria = models.TextField(_("Giấy khen criteria (as written)"), blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("provincial regulation profile")
        verbose_name_plural = _("provincial regulation profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_regulation_profile"
            )
        ]

    def __str__(self):
        label = f"{self.name} ({self.province})"
        return f"{label} — {_('example')}" if self.is_example else label

    def clean(self):
        days = self.step_working_days
        if not isinstance(days, dict):
            raise ValidationError({"step_working_days": _("Give an object: step name → working days.")})
        for step, value in days.items():
            if step not in STEP_NAMES:
                raise ValidationError({"step_working_days": _("Unknown step: %(step)s.") % {"step": step}})
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 365:
                raise ValidationError(
                    {
                        "step_working_days": _("%(step)s: a whole number of days from 1 to 365.")
                        % {"step": step}
                    }
                )
