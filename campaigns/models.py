"""Around a campaign (phong trào thi đua): its phases, the units' registrations and results
reports, and the nomination rounds the office opens and closes."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import StoredUpload
from nominations.models import Campaign, NominationBasis, Unit


class CampaignPhase(models.Model):
    """A phase of a campaign (đợt), e.g. April–October 2024."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("campaign phase")
        verbose_name_plural = _("campaign phases")
        ordering = ["start_date", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class UnitRegistration(models.Model):
    """A unit's registration to a campaign (đăng ký thi đua): the theme, programme, model
    or project it chose."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="registrations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="campaign_registrations"
    )
    theme = models.CharField(_("theme, programme, model or project"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("unit registration")
        verbose_name_plural = _("unit registrations")
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_registration_per_unit")]

    def __str__(self):
        return f"{self.unit} – {self.theme}"


def report_upload_path(instance: "ResultsReport", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"campaign-reports/{instance.campaign_id}/{uuid.uuid4().hex}{suffix}"


class ResultsReport(StoredUpload):
    """The unit's end-of-campaign results report (báo cáo kết quả); a new upload replaces it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="results_reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="campaign_reports"
    )
    file = models.FileField(_("file"), upload_to=report_upload_path, max_length=255)

    class Meta:
        verbose_name = _("results report")
        verbose_name_plural = _("results reports")
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_report_per_unit")]

    def __str__(self):
        return f"{self.unit} – {self.original_name}"


class NominationRound(models.Model):
    """A nomination round (đợt xét khen thưởng) the office opens: for a campaign, or for
    the annual review of a year. While a round exists, dossiers for that campaign or year
    are accepted only while it is open and before its deadline."""

    name = models.CharField(_("name"), max_length=255)
    basis = models.CharField(_("basis"), max_length=20, choices=NominationBasis.choices)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
    )
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    opens_at = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    is_open = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination round")
        verbose_name_plural = _("nomination rounds")
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                name="round_deadline_after_opening", condition=models.Q(deadline__gte=models.F("opens_at"))
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.basis == NominationBasis.CAMPAIGN and not self.campaign_id:
            errors["campaign"] = _("Choose the campaign of this round.")
        if self.basis == NominationBasis.ANNUAL and not self.year:
            errors["year"] = _("Enter the year this round reviews.")
        if self.opens_at and self.deadline and self.deadline < self.opens_at:
            errors["deadline"] = _("The deadline cannot be before the opening date.")
        if errors:
            raise ValidationError(errors)

    def accepts_on(self, day) -> bool:
        return self.is_open and self.opens_at <= day <= self.deadline
