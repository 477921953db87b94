"""Award decisions (Quyết định khen thưởng, the document): the office prepares one from approved
dossiers, the Director (or a deputy on the Director's behalf) signs it and so issues it.
Not to be confused with a step's decision (``steps.Decision``), the choice made at a step."""

import re

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.acting import acting
from common.collation import vietnamese, vietnamese_key
from eligibility.cash import CashTable, money
from nominations.models import Nomination, NominationStatus
from nominations.services import record_award
from permissions import policy

from . import events
from .flows import NominationFlow
from .models import AwardDecision, DecisionStatus
from .services import WorkflowError


def awaiting_signature():
    """Decisions sent to the Director, with how many awardees each names, oldest first."""
    return (
        AwardDecision.objects.filter(status=DecisionStatus.SUBMITTED)
        .annotate(awardee_count=Count("nominations"))
        .order_by("decision_date", "id")
    )


def decidable_nominations():
    """Approved dossiers within the Director's authority not yet in an open or issued decision.

    An issued decision's dossiers are DECIDED, so an APPROVED one can only sit in an open
    decision: only those few are looked at, not the links of every decision ever issued."""
    return (
        Nomination.objects.filter(status=NominationStatus.APPROVED)
        .exclude(decisions__status__in=DecisionStatus.open())
        .select_related("unit", "staff", "award_type")
        .order_by("nominee_kind", vietnamese("unit__name"), "id")
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


def candidates_by_kind(candidates, chosen: set[str]) -> list[tuple[str, list]]:
    """The decision builder's rows, grouped and ordered as the annex will list them:
    collectives, then individuals, unit by unit and name by name (Vietnamese order)."""
    rows = sorted(candidates, key=lambda n: (vietnamese_key(n.unit.name), vietnamese_key(n.nominee_name)))
    return [
        (label, [(n, str(n.pk) in chosen) for n in rows if n.nominee_kind == kind])
        for label, kind in (
            (gettext_lazy("Collectives"), "collective"),
            (gettext_lazy("Individuals"), "individual"),
        )
    ]


# The catalogue names an award per kind of nominee ("Giấy khen … (cá nhân)"); a decision names
# the award form once, whoever receives it.
_KIND_SUFFIX = re.compile(r"\s*\((cá nhân|tập thể)\)\s*$", re.IGNORECASE)


def award_form(award_name: str) -> str:
    """ "Giấy khen của Giám đốc Sở Y tế (tập thể)" → "Giấy khen của Giám đốc Sở Y tế"."""
    return _KIND_SUFFIX.sub("", award_name).strip()


def _counted(collectives: int, individuals: int) -> str:
    parts = [f"{collectives} tập thể"] * bool(collectives) + [f"{individuals} cá nhân"] * bool(individuals)
    return " và ".join(parts)


def article_one(awardees) -> str:
    """Article 1 of a decision from ``(award name, is collective)`` pairs in the annex's order:
    "Điều 1. Tặng Giấy khen của Giám đốc Sở Y tế cho 10 tập thể và 55 cá nhân (có danh sách kèm
    theo) …", each award form once with its own counts. The .docx, the PDF and the decision
    builder's preview all take it from here."""
    forms: dict[str, list[int]] = {}
    for award_name, is_collective in awardees:
        counts = forms.setdefault(award_form(award_name), [0, 0])
        counts[0 if is_collective else 1] += 1
    gifts = "; tặng ".join(f"{form} cho {_counted(*counts)}" for form, counts in forms.items())
    return f"Điều 1. Tặng {gifts} (có danh sách kèm theo) đã có thành tích xuất sắc trong thực hiện nhiệm vụ."


def preview_article_one(nominations) -> str:
    """Article 1 as the decision will read with these dossiers (nothing is saved)."""
    rows = sorted(nominations, key=lambda n: (n.nominee_kind != "collective", vietnamese_key(n.unit.name)))
    return article_one([(n.award_type.name, n.nominee_kind == "collective") for n in rows])


def awardees_by_kind(decision: AwardDecision) -> list[tuple[str, list]]:
    """Awardees grouped as the decision's annex lists them: collectives, then individuals, unit
    by unit and name by name in Vietnamese order. Each carries ``unit_name_then``, its unit's
    name in force on the decision's date."""
    nominations = list(
        decision.nominations.select_related("unit", "staff", "award_type").prefetch_related("unit__changes")
    )
    for nomination in nominations:
        nomination.unit_name_then = nomination.unit.name_on(decision.decision_date)
    nominations.sort(key=lambda n: (vietnamese_key(n.unit_name_then), vietnamese_key(n.nominee_name)))
    return [
        (gettext_lazy("Collectives"), [n for n in nominations if n.nominee_kind == "collective"]),
        (gettext_lazy("Individuals"), [n for n in nominations if n.nominee_kind == "individual"]),
    ]


def awardees_with_cash(decision: AwardDecision) -> tuple[list[tuple[str, list]], dict]:
    """The awardees by kind, each with ``cash_award`` (``eligibility.cash.CashAward`` or None)
    set from the rates in force on the decision's date, and the total with its sources."""
    table = CashTable(decision.decision_date)
    groups = awardees_by_kind(decision)
    total = 0
    sources = set()
    for _label, nominations in groups:
        for nomination in nominations:
            nomination.cash_award = table.for_award(nomination.award_type_id)
            if nomination.cash_award is not None:
                total += nomination.cash_award.amount
                sources.add(nomination.cash_award.source)
    return groups, {
        "total": total,
        "total_text": money(total),
        "sources": sorted(sources),
        "base_salary": money(table.base_salary) if table.base_salary else None,
        "base_salary_source": table.base_salary_source,
    }
