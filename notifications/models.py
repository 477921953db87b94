"""The notification outbox: one row per message to one person, written in the same
transaction as the workflow change that causes it, then sent by a Celery worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Will be retried")
    FAILED = "failed", _("Failed")
    IN_DIGEST = "in_digest", _("Goes into the daily digest")
    DIGESTED = "digested", _("Sent in a digest")
    NOT_EMAILED = "not_emailed", _("In the app only")
    HELD = "held", _("Held to be grouped with others")
    GROUPED = "grouped", _("Sent in a grouped mail")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # The address mail goes to: the user's, or an awardee's who has no account.
    email = models.EmailField(_("email"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Makes writing the same notice twice a no-op (reminders, escalations, redelivered events).
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    email_status = models.CharField(
        _("email status"),
        max_length=20,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject


class NotificationSettings(models.Model):
    """A user's choices: which optional kinds to receive by mail, and the daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    muted_kinds = models.JSONField(_("kinds not sent by email"), default=list, blank=True)
    daily_digest = models.BooleanField(
        _("daily digest"), default=False, help_text=_("One mail a day instead of one mail per notification.")
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)
