"""Import runs: one uploaded sheet checked (dry run) or applied, with its progress and report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    UNITS = "units", _("Units")
    COLLECTIVES = "collectives", _("Collectives (departments of a unit)")
    STAFF = "staff", _("Staff")
    AWARDS = "awards", _("Award history")
    RATINGS = "ratings", _("Yearly ratings")
    DISCIPLINE = "discipline", _("Discipline records")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    CHECKING = "checking", _("Checking rows")
    WRITING = "writing", _("Writing")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused: nothing written")
    FAILED = "failed", _("Failed: nothing written")


class ImportRun(models.Model):
    """A sheet submitted for import. A dry run only reports; an applied run writes every row
    or none. The file is kept with its SHA-256, which the audit trail records too."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    dry_run = models.BooleanField(_("dry run"), default=True)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    unit = models.ForeignKey(
        "nominations.Unit",
        verbose_name=_("limited to unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when a unit's officer imports their own unit's records."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    # [[row, action, label, [messages]]]: every refused row, the first others (see services).
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.original_name}"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.REFUSED, RunStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def can_be_applied(self) -> bool:
        return self.dry_run and self.status == RunStatus.DONE and not self.counts.get("refuse")
