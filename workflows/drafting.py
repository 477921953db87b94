"""Drafting a dossier: create, edit, attach evidence. Pages, the Excel import, the demo
seed and tests all call these; each grants the unit its rights on the dossier."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.rounds import check_round_accepts
from common.batching import unit_of_work
from common.uploads import validate_evidence_file
from nominations.models import Attachment, Nomination, NominationStatus
from nominations.services import next_nomination_code
from permissions.grants import grant_unit_access

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


def _read_relations(nomination: Nomination) -> list[str]:
    """The foreign keys whose record the caller gave as read from the database."""
    names = []
    for field in nomination._meta.concrete_fields:
        if field.is_relation and field.is_cached(nomination):
            related = field.get_cached_value(nomination)
            if related is not None and related.pk is not None and not related._state.adding:
                names.append(field.name)
    return names


def validate_new_dossier(nomination: Nomination, *, exclude=()) -> None:
    """The one check of a new dossier, wherever it comes from (the form, the import, a
    service): the model's rules (nominee of the unit, award for this kind of nominee,
    campaign when the basis is a campaign) and the nomination round. Raises
    ``ValidationError`` with messages per field. ``exclude``: fields not filled in yet
    (a form leaves the author to the service)."""
    # The two check constraints say what ``clean`` says in the user's words (and the database
    # enforces them); a related record the caller read needs no second look-up (its foreign
    # key refuses one deleted meanwhile).
    nomination.full_clean(
        exclude=["code", *exclude, *_read_relations(nomination)], validate_constraints=False
    )
    unit = nomination.unit
    if unit is not None and unit.dissolved_by(timezone.localdate()):
        # NĐ 152/2025, TT 15/2025: no award to a unit dissolved in the reorganisation.
        raise ValidationError(
            {
                "unit": _("%(unit)s was dissolved or merged on %(date)s and can no longer be nominated.")
                % {"unit": unit.name, "date": unit.dissolved_on.strftime("%d/%m/%Y")}
            }
        )
    try:
        check_round_accepts(basis=nomination.basis, campaign=nomination.campaign, year=nomination.year)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


@transaction.atomic
def create_nomination(*, author, unit, **fields) -> Nomination:
    """Draft a new dossier for ``unit``; its people may see and edit it from now on."""
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown nomination fields: {sorted(unknown)}")
    nomination = Nomination(unit=unit, created_by=author, status=NominationStatus.DRAFT, **fields)
    validate_new_dossier(nomination)
    with unit_of_work():
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
    attachment = Attachment(nomination=nomination, description=description)
    attachment.store(uploaded_file, content_type=content_type, by=uploaded_by)
    attachment._history_user = uploaded_by
    attachment.save()
    return attachment
