"""Award decisions (Quyết định khen thưởng, the document): the office prepares one from approved
dossiers, the Director (or a deputy on the Director's behalf) signs it and so issues it.
Not to be confused with a step's decision (``steps.Decision``), the choice made at a step."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.acting import acting
from nominations.models import Nomination, NominationStatus
from nominations.services import record_award
from permissions import policy

from . import events
from .flows import NominationFlow
from .models import AwardDecision, DecisionStatus
from .services import WorkflowError


def decidable_nominations():
    """Approved dossiers within the Director's authority not yet in an open or issued decision."""
    return (
        Nomination.objects.filter(status=NominationStatus.APPROVED)
        .exclude(decisions__isnull=False)
        .select_related("unit", "staff", "award_type")
        .order_by("nominee_kind", "unit__name", "id")
    )


@transaction.atomic
def prepare_decision(*, by, number: str, decision_date, title: str, nominations) -> AwardDecision:
    if not policy.can_prepare_decisions(by):
        raise WorkflowError(_("Only the Department office prepares decisions."))
    nominations = list(nominations)
    if not nominations:
        raise WorkflowError(_("Choose at least one approved dossier."))
    available = set(
        decidable_nominations().filter(pk__in=[n.pk for n in nominations]).values_list("pk", flat=True)
    )
    for nomination in nominations:
        if nomination.pk not in available:
            raise WorkflowError(
                _("Dossier %(code)s is not approved or is already in a decision.")
                % {"code": nomination.code},
                nomination,
            )
    if AwardDecision.objects.filter(number=number).exists():
        raise WorkflowError(_("A decision numbered %(number)s already exists.") % {"number": number})
    decision = AwardDecision(number=number, decision_date=decision_date, title=title, prepared_by=by)
    decision._history_user = by
    decision.save()
    decision.nominations.set(nominations)
    events.emit(events.Event.DECISION_PREPARED, nomination=None, actor=by, task=None, decision=decision)
    return decision


@transaction.atomic
def submit_decision(decision: AwardDecision, *, by) -> AwardDecision:
    if not policy.can_prepare_decisions(by):
        raise WorkflowError(_("Only the Department office submits decisions."))
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise WorkflowError(_("Decision %(number)s was already submitted.") % {"number": decision.number})
    decision.status = DecisionStatus.SUBMITTED
    decision._history_user = by
    decision.save()
    events.emit(events.Event.DECISION_SUBMITTED, nomination=None, actor=by, task=None, decision=decision)
    return decision


@transaction.atomic
def return_decision(decision: AwardDecision, *, by, comment: str) -> AwardDecision:
    if not policy.can_sign_decisions(by):
        raise WorkflowError(_("Only the Director or a deputy signs decisions."))
    if not comment.strip():
        raise WorkflowError(_("Say why the decision is returned."))
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.SUBMITTED:
        raise WorkflowError(
            _("Decision %(number)s is not awaiting a signature.") % {"number": decision.number}
        )
    decision.status = DecisionStatus.DRAFT
    decision.return_comment = comment.strip()
    decision._history_user = by
    decision.save()
    events.emit(events.Event.DECISION_RETURNED, nomination=None, actor=by, task=None, decision=decision)
    return decision


@transaction.atomic
def issue_decision(decision: AwardDecision, *, by, signer=None) -> AwardDecision:
    """Sign and issue: every dossier in it becomes DECIDED and enters the award history.

    ``signer`` is the Director or deputy who signed with their own token when the office
    (``by``) uploads the signed file on their behalf; by default ``by`` signs."""
    signer = signer or by
    if not policy.can_sign_decisions(signer):
        raise WorkflowError(_("Only the Director or a deputy signs decisions."))
    if signer != by and not policy.can_upload_signed_decisions(by):
        raise WorkflowError(_("Only the Department office uploads a decision signed by the director."))
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.SUBMITTED:
        raise WorkflowError(
            _("Decision %(number)s is not awaiting a signature.") % {"number": decision.number}
        )
    reason = f"Quyết định khen thưởng số {decision.number}"
    with acting(by, reason):
        for nomination in decision.nominations.select_related("process", "award_type", "staff", "unit"):
            waiting = nomination.process.task_set.get(flow_task=NominationFlow.await_decision)
            NominationFlow.await_decision.run(waiting)
            record_award(nomination, decision_number=decision.number, decision_date=decision.decision_date)
    decision.status = DecisionStatus.ISSUED
    decision.signer = signer
    decision.issued_at = timezone.now()
    decision._history_user = by
    decision.save()
    events.emit(events.Event.DECISION_ISSUED, nomination=None, actor=by, task=None, decision=decision)
    return decision


def awardees_by_kind(decision: AwardDecision) -> list[tuple[str, list]]:
    """Awardees grouped as the decision's annex lists them: collectives, then individuals."""
    nominations = list(
        decision.nominations.select_related("unit", "staff", "award_type").order_by("unit__name", "id")
    )
    return [
        (gettext_lazy("Collectives"), [n for n in nominations if n.nominee_kind == "collective"]),
        (gettext_lazy("Individuals"), [n for n in nominations if n.nominee_kind == "individual"]),
    ]
