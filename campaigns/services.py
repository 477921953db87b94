"""Business actions around campaigns: the office's management, the units' registrations and
reports, nomination rounds. Views, the seed command and tests all call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.uploads import validate_evidence_file
from permissions import policy

from .models import NominationRound, ResultsReport, UnitRegistration


def require_office(user) -> None:
    if not policy.can_manage_campaigns(user):
        raise PermissionDenied(_("Only the Department office manages campaigns and rounds."))


def require_unit_member(user, unit) -> None:
    """Unit isolation: only the unit's own officers and heads act for it."""
    if unit is None or user.unit_id != unit.pk or not policy.is_unit_member(user):
        raise PermissionDenied(_("Only the unit's own officers and heads act for it."))


@transaction.atomic
def register_unit(*, campaign, unit, by, theme: str, description: str = "", day=None) -> UnitRegistration:
    """Register (or change) the unit's chosen theme, programme, model or project."""
    require_unit_member(by, unit)
    day = day or timezone.localdate()
    if campaign.registration_deadline and day > campaign.registration_deadline:
        raise ValidationError(
            _("Registration for this campaign closed on %(date)s.")
            % {"date": campaign.registration_deadline.strftime("%d/%m/%Y")}
        )
    if not theme.strip():
        raise ValidationError(
            {"theme": _("Enter the theme, programme, model or project your unit registers.")}
        )
    registration, _created = UnitRegistration.objects.update_or_create(
        campaign=campaign,
        unit=unit,
        defaults={
            "theme": theme.strip(),
            "description": description.strip(),
            "registered_by": by,
            "registered_at": timezone.now(),
        },
    )
    return registration


@transaction.atomic
def upload_results_report(*, campaign, unit, by, uploaded_file) -> ResultsReport:
    """Store the unit's results report after the evidence-file checks; replaces an earlier one."""
    require_unit_member(by, unit)
    content_type = validate_evidence_file(uploaded_file)
    report = ResultsReport.objects.filter(campaign=campaign, unit=unit).first() or ResultsReport(
        campaign=campaign, unit=unit
    )
    report.store(uploaded_file, content_type=content_type, by=by)
    report.uploaded_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def open_round(*, by, **fields) -> NominationRound:
    require_office(by)
    nomination_round = NominationRound(created_by=by, **fields)
    nomination_round.full_clean()
    nomination_round.save()
    return nomination_round


@transaction.atomic
def set_round_open(nomination_round: NominationRound, *, by, is_open: bool) -> NominationRound:
    require_office(by)
    nomination_round.is_open = is_open
    nomination_round.save(update_fields=["is_open"])
    return nomination_round
