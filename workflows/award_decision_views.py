"""Pages of award decisions (Quyết định khen thưởng): list, prepare, sign."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from permissions import policy

from . import award_decisions as decisions
from .forms import DecisionForm
from .models import AwardDecision
from .services import WorkflowError


def _require_reader(user):
    if not policy.can_read_decisions(user):
        raise PermissionDenied(
            _("Decisions are read by the Department office, the directors and inspectors.")
        )


@login_required
def decision_list(request):
    _require_reader(request.user)
    return render(
        request,
        "workflows/decision_list.html",
        {
            "decisions": AwardDecision.objects.select_related("signer", "prepared_by"),
            "can_prepare": policy.can_prepare_decisions(request.user),
            "waiting_count": decisions.decidable_nominations().count(),
        },
    )


@login_required
def decision_create(request):
    if not policy.can_prepare_decisions(request.user):
        raise PermissionDenied(_("Only the Department office prepares decisions."))
    form = DecisionForm(request.POST or None, candidates=decisions.decidable_nominations())
    if request.method == "POST" and form.is_valid():
        try:
            decision = decisions.prepare_decision(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Decision %(number)s was prepared.") % {"number": decision.number})
            return redirect("workflows:decision", pk=decision.pk)
    return render(request, "workflows/decision_form.html", {"form": form})


@login_required
def decision_detail(request, pk):
    _require_reader(request.user)
    decision = get_object_or_404(AwardDecision.objects.select_related("signer", "prepared_by"), pk=pk)
    groups, cash = decisions.awardees_with_cash(decision)
    return render(
        request,
        "workflows/decision_detail.html",
        {
            "decision": decision,
            "groups": groups,
            "cash": cash,
            "can_submit": decision.status == "draft" and policy.can_prepare_decisions(request.user),
            "can_sign": decision.status == "submitted" and policy.can_sign_decisions(request.user),
        },
    )


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
    try:
        service(decision, by=request.user, **kwargs)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done % {"number": decision.number})
    return redirect("workflows:decision", pk=decision.pk)
