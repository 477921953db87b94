"""Pages: initiatives of a dossier (the unit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.models import NomineeKind
from permissions import policy
from permissions.selectors import can_edit_nomination, get_visible_nomination

from .conflicts import conflicts
from .forms import InitiativeForm
from .models import Initiative


def _editable_individual(request, code):
    nomination = get_visible_nomination(request.user, code=code)
    if not can_edit_nomination(request.user, nomination) or nomination.nominee_kind != NomineeKind.INDIVIDUAL:
        raise PermissionDenied
    return nomination


@login_required
def initiatives(request, code):
    """Register an initiative of the nominee and attach it; attach or detach earlier ones."""
    nomination = _editable_individual(request, code)
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = form.save(commit=False)
        initiative.staff = nomination.staff
        initiative.save()
        initiative.nominations.add(nomination)
        messages.success(request, _("The initiative was registered and attached to the dossier."))
        return redirect("eligibility:initiatives", code=nomination.code)
    attached = set(nomination.initiatives.values_list("pk", flat=True))
    return render(
        request,
        "eligibility/initiatives.html",
        {
            "nomination": nomination,
            "form": form,
            "items": [(i, i.pk in attached) for i in nomination.staff.initiatives.all()],
        },
    )


@login_required
@require_POST
def initiative_toggle(request, code, pk):
    nomination = _editable_individual(request, code)
    initiative = get_object_or_404(Initiative, pk=pk, staff_id=nomination.staff_id)
    if request.POST.get("action") == "detach":
        initiative.nominations.remove(nomination)
    else:
        initiative.nominations.add(nomination)
    return redirect("eligibility:initiatives", code=nomination.code)


@login_required
def conflict_list(request):
    """The office's list of duplicate and conflicting nominations, across units."""
    if not policy.can_review_conflicts(request.user):
        raise Http404
    return render(request, "eligibility/conflicts.html", {"conflicts": conflicts()})
