"""Business actions on dossiers. Views, commands, tasks and tests all call these."""

from django.conf import settings
from django.db import transaction
from django.db.models import F

from permissions.grants import grant_unit_access

from .models import Attachment, AwardRecord, Nomination, NominationSequence, NominationStatus
from .validators import validate_evidence_file


def check_round_accepts(**kwargs) -> None:
    # The office's nomination rounds live in the campaigns app, which builds on this one.
    from campaigns.rounds import check_round_accepts as check

    check(**kwargs)


NOMINATION_FIELDS = (
    "year",
    "basis",
    "campaign",
    "nominee_kind",
    "staff",
    "collective_name",
    "award_type",
    "achievement_summary",
)


def next_nomination_code(year: int) -> str:
    """Reserve the next dossier code of ``year``, e.g. ``KT-2024-000123``.

    The UPDATE … SET last_number = last_number + 1 takes the row lock before reading, so
    two units saving at the same moment never get the same number (PostgreSQL or SQLite).
    """
    NominationSequence.objects.get_or_create(year=year)
    NominationSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    number = NominationSequence.objects.values_list("last_number", flat=True).get(year=year)
    return f"{settings.NOMINATION_CODE_PREFIX}-{year}-{number:06d}"


@transaction.atomic
def create_nomination(*, author, unit, **fields) -> Nomination:
    """Draft a new dossier for ``unit``; its people may see and edit it from now on."""
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown nomination fields: {sorted(unknown)}")
    nomination = Nomination(unit=unit, created_by=author, status=NominationStatus.DRAFT, **fields)
    nomination.full_clean(exclude=["code"])
    check_round_accepts(basis=nomination.basis, campaign=nomination.campaign, year=nomination.year)
    nomination.code = next_nomination_code(nomination.year)
    nomination._history_user = author
    # The reason is set before saving (not after) so that the audit event carries it too.
    nomination._change_reason = "Tạo hồ sơ"
    nomination.save()
    del nomination._change_reason
    grant_unit_access(nomination, can_edit=True)
    return nomination


@transaction.atomic
def update_nomination(nomination: Nomination, *, editor, reason: str = "", **fields) -> Nomination:
    """Change a dossier the unit may still edit (draft or returned)."""
    if not nomination.is_editable:
        raise PermissionError("This dossier is no longer editable.")
    for name, value in fields.items():
        if name not in NOMINATION_FIELDS:
            raise TypeError(f"Unknown nomination field: {name}")
        setattr(nomination, name, value)
    nomination.full_clean()
    nomination._history_user = editor
    nomination._change_reason = reason or "Cập nhật hồ sơ"
    nomination.save()
    return nomination


@transaction.atomic
def add_attachment(nomination: Nomination, *, uploaded_by, uploaded_file, description="") -> Attachment:
    """Attach an evidence file after checking its size and type; the name is kept as given."""
    if not nomination.is_editable:
        raise PermissionError("This dossier is no longer editable.")
    content_type = validate_evidence_file(uploaded_file)
    attachment = Attachment(
        nomination=nomination,
        original_name=uploaded_file.name,
        size=uploaded_file.size,
        content_type=content_type,
        description=description,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(uploaded_file.name, uploaded_file, save=False)
    attachment._history_user = uploaded_by
    attachment.save()
    return attachment


def record_award(nomination: Nomination, *, decision_number: str, decision_date) -> AwardRecord:
    """Enter an award the dossier obtained into the nominee's award history."""
    return AwardRecord.objects.create(
        staff=nomination.staff,
        unit=nomination.unit,
        collective_name=nomination.collective_name,
        award_type=nomination.award_type,
        year=nomination.year,
        decision_number=decision_number,
        decision_date=decision_date,
        achievement=nomination.achievement_summary,
    )
