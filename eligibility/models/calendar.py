"""Days the administrator adds to the national calendar: compensatory days off (nghỉ bù) and
Saturdays worked in exchange (làm bù). Weekends and public holidays come from
``common.workdays``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Working day")


class CalendarDay(models.Model):
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    reason = models.CharField(
        _("reason"), max_length=255, help_text=_("e.g. the decision that moves the day.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()}"
