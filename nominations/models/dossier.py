"""The nomination dossier (hồ sơ đề nghị khen thưởng) and its evidence files."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from common.models import StoredUpload
from common.text import fold

from .catalogue import AwardType, Campaign, NomineeKind
from .organisation import Staff, Unit


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNIT_SIGNOFF = "unit_signoff", _("Awaiting unit head")
    RETURNED = "returned", _("Returned for revision")
    OFFICE_REVIEW = "office_review", _("Office review")
    UNION_CONSULTATION = "union_consultation", _("Trade-union consultation")
    COUNCIL_VOTE = "council_vote", _("Awaiting the council's vote")
    DIRECTOR_SIGNOFF = "director_signoff", _("Awaiting director")
    APPROVED = "approved", _("Approved")
    DECIDED = "decided", _("Decision issued")
    FORWARDED = "forwarded", _("Forwarded to higher authority")
    AWARDED = "awarded", _("Awarded by higher authority")
    NOT_AWARDED = "not_awarded", _("Not awarded by higher authority")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def editable(cls) -> set[str]:
        """Statuses in which the unit may still change the dossier."""
        return {cls.DRAFT, cls.RETURNED}


class NominationBasis(models.TextChoices):
    CAMPAIGN = "campaign", _("Campaign (by round or theme)")
    ANNUAL = "annual", _("Annual review")
    AD_HOC = "ad_hoc", _("Ad hoc (outstanding act)")


class NominationSequence(models.Model):
    """Last number used for dossier codes of one year (KT-2024-000123)."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dossier code counter")
        verbose_name_plural = _("dossier code counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Nomination(models.Model):
    code = models.CharField(_("dossier code"), max_length=20, unique=True, editable=False)
    year = models.PositiveIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("nominating unit"), on_delete=models.PROTECT, related_name="nominations"
    )
    basis = models.CharField(
        _("basis"), max_length=20, choices=NominationBasis.choices, default=NominationBasis.CAMPAIGN
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    nominee_kind = models.CharField(_("nominee kind"), max_length=20, choices=NomineeKind.choices)
    staff = models.ForeignKey(
        Staff,
        verbose_name=_("nominated individual"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    collective_name = models.CharField(
        _("nominated collective"),
        max_length=255,
        blank=True,
        help_text=_("For a collective, e.g. “Khoa Hồi sức tích cực”."),
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("proposed award"), on_delete=models.PROTECT, related_name="+"
    )
    achievement_summary = models.TextField(_("achievement summary"))
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_key = models.CharField(max_length=300, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_key", "updated_at"])

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="nomination_nominee_matches_kind",
                condition=(
                    models.Q(nominee_kind=NomineeKind.INDIVIDUAL, staff__isnull=False, collective_name="")
                    | models.Q(nominee_kind=NomineeKind.COLLECTIVE, staff__isnull=True)
                    & ~models.Q(collective_name="")
                ),
            ),
            models.CheckConstraint(
                name="nomination_campaign_matches_basis",
                condition=(
                    models.Q(basis=NominationBasis.CAMPAIGN, campaign__isnull=False)
                    | ~models.Q(basis=NominationBasis.CAMPAIGN)
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            # The dossier list, newest first, one page at a time at any size.
            models.Index(fields=["-created_at", "-id"], name="nomination_created_id"),
            # Counting the dossiers of one status (those waiting for a decision) from the index alone.
            models.Index(fields=["status", "id"], name="nomination_status_id"),
        ]

    def __str__(self):
        return f"{self.code} – {self.nominee_name}"

    def save(self, *args, **kwargs):
        # Folding can lengthen a name (Hangul syllables decompose): cut to the column.
        self.search_key = fold(f"{self.code} {self.nominee_name}")[
            : self._meta.get_field("search_key").max_length
        ]
        super().save(*args, **kwargs)

    @property
    def nominee_name(self) -> str:
        if self.nominee_kind == NomineeKind.INDIVIDUAL and self.staff_id:
            return self.staff.full_name
        return self.collective_name

    @property
    def is_editable(self) -> bool:
        return self.status in NominationStatus.editable()

    def clean(self):
        errors = {}
        if self.basis == NominationBasis.CAMPAIGN and not self.campaign_id:
            errors["campaign"] = _("Choose the campaign this nomination belongs to.")
        if self.nominee_kind == NomineeKind.INDIVIDUAL:
            if not self.staff_id:
                errors["staff"] = _("Choose the person you nominate.")
            elif self.unit_id and self.staff.unit_id != self.unit_id:
                errors["staff"] = _("This person does not belong to the nominating unit.")
            self.collective_name = ""
        elif self.nominee_kind == NomineeKind.COLLECTIVE:
            if not self.collective_name.strip():
                errors["collective_name"] = _("Enter the name of the collective you nominate.")
            self.staff = None
        if self.award_type_id and self.nominee_kind and self.award_type.applies_to != self.nominee_kind:
            errors["award_type"] = _("“%(award)s” is not awarded to this kind of nominee.") % {
                "award": self.award_type.name
            }
        if errors:
            raise ValidationError(errors)


# Direct-foreign-key object permission tables: guardian's fast path for our busiest model.
class NominationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Nomination, on_delete=models.CASCADE)


class NominationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Nomination, on_delete=models.CASCADE)


def evidence_upload_path(instance: "Attachment", filename: str) -> str:
    # Stored under a random name: the Vietnamese original is kept in original_name and
    # given back on download, so no file system ever has to cope with it.
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{instance.nomination.year}/{uuid.uuid4().hex}{suffix}"


class Attachment(StoredUpload):
    """An evidence file (minh chứng) of a dossier."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_path, max_length=255)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
