"""The award catalogue and the emulation campaigns (phong trào thi đua)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class AwardAuthority(models.TextChoices):
    """Who confers the award; only the first is within the Director's own authority."""

    DIRECTOR = "director", _("Director of the Department of Health")
    PROVINCE = "province", _("Chairman of the Provincial People's Committee")
    MINISTER = "minister", _("Minister of Health")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    PRESIDENT = "president", _("State President")


class AwardType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    applies_to = models.CharField(_("applies to"), max_length=20, choices=NomineeKind.choices)
    authority = models.CharField(_("conferring authority"), max_length=20, choices=AwardAuthority.choices)
    needs_council_vote = models.BooleanField(_("needs a council vote"), default=False)
    description = models.TextField(_("description"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def within_director_authority(self) -> bool:
        return self.authority == AwardAuthority.DIRECTOR


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=500)
    plan_number = models.CharField(_("plan number"), max_length=50, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    themes = models.TextField(
        _("themes"), blank=True, help_text=_("One focal theme (nội dung trọng tâm) per line.")
    )
    content = models.TextField(_("content and criteria"), blank=True)
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Collectives and individuals taking part (thành phần).")
    )
    criteria_collective = models.TextField(_("criteria for collectives"), blank=True)
    criteria_individual = models.TextField(_("criteria for individuals"), blank=True)
    registration_deadline = models.DateField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Units register their theme, programme or model before this date."),
    )
    report_deadline = models.DateField(_("results report deadline"), null=True, blank=True)
    is_open = models.BooleanField(_("open for nominations"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_period_ordered",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def theme_list(self) -> list[str]:
        return [line.strip() for line in self.themes.splitlines() if line.strip()]
