"""The workflow's own tables: the process of one dossier, step due dates, and decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process, Task

from nominations.models import Nomination


class NominationProcess(Process):
    """One run of the approval flow for one dossier (a returned dossier stays in the same run)."""

    nomination = models.OneToOneField(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="process"
    )
    # The decision taken at the last human step; the flow's gateways branch on it.
    last_decision = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("approval process")
        verbose_name_plural = _("approval processes")


class StepDeadline(models.Model):
    """Due date (hạn xử lý) of one human task, fixed when the task is created."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, primary_key=True, related_name="deadline")
    due_at = models.DateTimeField(_("due date"), db_index=True)

    class Meta:
        verbose_name = _("step due date")
        verbose_name_plural = _("step due dates")

    def __str__(self):
        return f"{self.task_id}: {self.due_at:%d/%m/%Y}"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared by the office")
    SUBMITTED = "submitted", _("Awaiting the director's signature")
    ISSUED = "issued", _("Issued")

    @classmethod
    def open(cls) -> list[str]:
        """Decisions not yet issued: their dossiers are still APPROVED (issuing makes them DECIDED)."""
        return [cls.DRAFT, cls.SUBMITTED]


class AwardDecision(models.Model):
    """Quyết định khen thưởng: one decision of the Director covering many approved dossiers."""

    number = models.CharField(_("decision number"), max_length=50, unique=True)
    decision_date = models.DateField(_("decision date"))
    title = models.CharField(_("title"), max_length=500)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The director, or the deputy director signing on the director's behalf."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    nominations = models.ManyToManyField(Nomination, verbose_name=_("awardees"), related_name="decisions")
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(_("prepared at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    return_comment = models.TextField(_("director's comment"), blank=True)

    history = HistoricalRecords(m2m_fields=[nominations])

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-decision_date", "-id"]
        indexes = [
            models.Index(fields=["-decision_date", "-id"], name="award_decision_date_id"),
            # The few open decisions among years of issued ones (what is still decidable).
            models.Index(fields=["status"], name="award_decision_status"),
        ]

    def __str__(self):
        return f"{self.number} ({self.decision_date:%d/%m/%Y})"
