"""The audit trail: one row per event an inspector may want to see, appended, never edited.

Rows are chained by hash (see ``chain``): each one records the hash of the one before, so
an edit, a deletion or an insertion made behind the application's back shows up in
``manage.py verify_audit``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.events import Event as WorkflowEvent


def _choices(members) -> list[tuple[str, tuple[str, str]]]:
    return [(member.name, (member.value, member.label)) for member in members]


class _OwnEvent(models.TextChoices):
    """Events the trail sees itself; the workflow's own come from ``workflows.events.Event``."""

    # Access
    LOGIN = "login", _("Signed in")
    LOGOUT = "logout", _("Signed out")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    ACCOUNT_LOCKED = "account_locked", _("Sign-in locked after failures")
    ACCOUNT_UNLOCKED = "account_unlocked", _("Sign-in unlocked")
    # Changes of domain objects (from django-simple-history)
    CREATED = "created", _("Record created")
    CHANGED = "changed", _("Record changed")
    DELETED = "deleted", _("Record deleted")
    # viewflow tasks cancelled or undone, and workflow events of a kind not listed
    TASK_CANCELLED = "task_cancelled", _("Task cancelled")
    TASK_UNDONE = "task_undone", _("Step undone")
    WORKFLOW = "workflow", _("Other workflow event")
    # Permissions
    PERMISSION_GRANTED = "permission_granted", _("Permission granted")
    PERMISSION_REVOKED = "permission_revoked", _("Permission revoked")
    # Reading out
    EXPORT = "export", _("Audit trail exported")
    EVIDENCE_DOWNLOAD = "evidence_download", _("Evidence file downloaded")
    # Onboarding: master data imported from a sheet, accounts invited
    MASTER_DATA_IMPORT = "master_data_import", _("Master data imported")
    ACCOUNT_INVITED = "account_invited", _("Account invitation sent")
    # The public lookup of a dossier's progress (no sign-in): every attempt, found or not
    PUBLIC_LOOKUP = "public_lookup", _("Public lookup of a dossier")
    # Signed decisions and certificates (documents.signatures, documents.verification).
    SIGNED_UPLOAD_ACCEPTED = "signed_upload_accepted", _("Token-signed decision accepted")
    SIGNED_UPLOAD_REFUSED = "signed_upload_refused", _("Token-signed decision refused")
    CERTIFICATE_LOOKUP = "certificate_lookup", _("Certificate verified on the public page")
    API_WRITE = "api_write", _("Written through the REST API")


# Every event type of the trail: its own, then the workflow's, written once in each place.
EventType = models.TextChoices("EventType", _choices(_OwnEvent) + _choices(WorkflowEvent))


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are appended one by one through audit.chain.append.")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    # Position in the hash chain: which chain (partition) and 1, 2, 3… in it with no gap (see ``chain``).
    chain = models.PositiveSmallIntegerField(default=1, editable=False)
    sequence = models.PositiveBigIntegerField(_("number"), editable=False)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too: the trail must still read right after a user is renamed.
    actor_username = models.CharField(_("user name"), max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # The dossier and unit the event concerns: ids for filtering (no database constraint,
    # so that the trail never blocks nor follows a deletion) and text that outlives them.
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("dossier"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    nomination_code = models.CharField(_("dossier code"), max_length=20, blank=True, db_index=True)
    unit = models.ForeignKey(
        "nominations.Unit",
        verbose_name=_("unit"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_code = models.CharField(_("unit code"), max_length=30, blank=True)
    # What was acted on: "app_label.Model", its primary key and how it read at the time.
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    # [{"field": name, "old": value, "new": value}, …] for changes of records.
    changes = models.JSONField(_("changes"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    # Accent-folded text for search ("nguyen van an" finds "Nguyễn Văn An").
    search_key = models.TextField(editable=False, default="")
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "sequence"], name="audit_event_chain_sequence_unique")
        ]

    def __str__(self):
        return f"#{self.position} {self.occurred_at:%d/%m/%Y %H:%M} {self.get_event_type_display()} {self.actor_username}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self.hash:
            raise AppendOnlyError("Audit events are appended through audit.chain.append and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def position(self) -> str:
        """Where the event sits in the trail, as people read it: "1042" in chain 1 (the only
        chain on SQLite, and the whole trail before chains existed), "3·1042" in chain 3."""
        return str(self.sequence) if self.chain == 1 else f"{self.chain}·{self.sequence}"


class ChainHead(models.Model):
    """Where one chain ends (its id is the chain's number). Appending locks the row, so the
    events of a chain are numbered one at a time, and ``verify_audit`` compares each chain's
    last event with its head (which reveals a deleted last event)."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self):
        return f"{self.pk}·{self.last_sequence} {self.last_hash[:12]}"
