"""Pages of award decisions (Quyết định khen thưởng): list, prepare, sign."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagination import BoundedPaginator
from permissions import policy

from . import award_decisions as decisions
from .filters import DecisionCandidateFilter
from .forms import DecisionForm
from .models import AwardDecision
from .services import WorkflowError

DECISIONS_PER_PAGE = 50


def _require_reader(user):
    if not policy.can_read_decisions(user):
        raise PermissionDenied(
            _("Decisions are read by the Department office, the directors and inspectors.")
        )


@login_required
def decision_list(request):
    _require_reader(request.user)
    page = BoundedPaginator(
        AwardDecision.objects.select_related("signer", "prepared_by"), DECISIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "workflows/decision_list.html",
        {
            "page": page,
            "decisions": page.object_list,
            "can_prepare": policy.can_prepare_decisions(request.user),
            "waiting_count": decisions.decidable_nominations().count(),
        },
    )


@login_required
def decision_create(request):
    if not policy.can_prepare_decisions(request.user):
        raise PermissionDenied(_("Only the Department office prepares decisions."))
    # The decision builder: filter the approved dossiers, tick them (or all), preview Article 1.
    filters = DecisionCandidateFilter(
        request.GET or None, decisions.decidable_nominations(), user=request.user
    )
    candidates = filters.results
    form = DecisionForm(request.POST or None, candidates=candidates)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "preview":
            preview = decisions.preview_article_one(form.cleaned_data["nominations"])
        else:
            try:
                decision = decisions.prepare_decision(by=request.user, **form.cleaned_data)
            except WorkflowError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Decision %(number)s was prepared.") % {"number": decision.number}
                )
                return redirect("workflows:decision", pk=decision.pk)
    chosen = {str(pk) for pk in form.data.getlist("nominations")} if form.is_bound else set()
    return render(
        request,
        "workflows/decision_form.html",
        {
            "form": form,
            "filters": filters,
            "groups": decisions.candidates_by_kind(candidates, chosen),
            "candidate_count": len(candidates),
            "preview": preview,
        },
    )


@login_required
def decision_detail(request, pk):
    _require_reader(request.user)
    decision = get_object_or_404(AwardDecision.objects.select_related("signer", "prepared_by"), pk=pk)
    return render(request, "workflows/decision_detail.html", _detail_context(request, decision))


def _detail_context(request, decision, *, confirm_sign=False) -> dict:
    groups, cash = decisions.awardees_with_cash(decision)
    return {
        "decision": decision,
        "groups": groups,
        "cash": cash,
        "awardee_count": sum(len(awardees) for _label, awardees in groups),
        "can_submit": decision.status == "draft" and policy.can_prepare_decisions(request.user),
        "can_sign": decision.status == "submitted" and policy.can_sign_decisions(request.user),
        "confirm_sign": confirm_sign,
    }


@login_required
@require_POST
def decision_action(request, pk, action):
    decision = get_object_or_404(AwardDecision, pk=pk)
    actions = {
        "submit": (decisions.submit_decision, _("Decision %(number)s was sent to the director.")),
        "issue": (decisions.issue_decision, _("Decision %(number)s was signed and issued.")),
        "return": (decisions.return_decision, _("Decision %(number)s went back to the office.")),
    }
    if action not in actions:
        raise PermissionDenied
    service, done = actions[action]
    kwargs = {"comment": request.POST.get("comment", "")} if action == "return" else {}
    if action == "issue" and request.POST.get("awardees") != str(decision.nominations.count()):
        # Signing issues the decision to every awardee at once: say how many, and ask again.
        return render(
            request, "workflows/decision_detail.html", _detail_context(request, decision, confirm_sign=True)
        )
    try:
        service(decision, by=request.user, **kwargs)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done % {"number": decision.number})
    return redirect("workflows:decision", pk=decision.pk)
