"""Pages: initiatives of a dossier (the unit), council sessions (the office)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.models import NomineeKind
from permissions.roles import Role, has_role
from permissions.selectors import can_edit_nomination, get_visible_nomination

from . import council, minutes
from .forms import AddNominationsForm, CouncilSessionForm, InitiativeForm
from .models import CouncilSession, Initiative, SessionStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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


def _office(request):
    if not has_role(request.user, Role.OFFICE_REVIEWER, Role.OFFICE_HEAD):
        raise Http404
    return request.user


@login_required
def sessions(request):
    user = _office(request)
    form = CouncilSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = council.create_session(by=user, **form.cleaned_data)
        return redirect("eligibility:session", pk=session.pk)
    return render(
        request,
        "eligibility/sessions.html",
        {"sessions": CouncilSession.objects.all(), "form": form, "waiting": council.waiting_nominations()},
    )


def _tallies(request, session):
    for ballot in session.ballots.select_related("nomination"):
        try:
            values = {
                k: int(request.POST.get(f"{k}-{ballot.pk}", "0") or 0)
                for k in ("votes_for", "votes_against", "invalid")
            }
        except ValueError as exc:
            raise council.CouncilError(_("Enter whole numbers of votes.")) from exc
        council.record_tally(ballot, **values)


@login_required
def session_detail(request, pk):
    user = _office(request)
    session = get_object_or_404(CouncilSession, pk=pk)
    add_form = AddNominationsForm(
        request.POST if request.POST.get("action") == "add" else None,
        candidates=council.waiting_nominations(),
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add" and add_form.is_valid():
                for nomination in add_form.cleaned_data["nominations"]:
                    council.add_nomination(session, nomination)
            elif action in ("tally", "close"):
                _tallies(request, session)
                if action == "close":
                    council.close_session(session, by=user)
                    messages.success(request, _("The session is closed and the dossiers moved on."))
        except council.WorkflowError as exc:
            messages.error(request, exc.message)
        return redirect("eligibility:session", pk=session.pk)
    return render(
        request,
        "eligibility/session_detail.html",
        {
            "session": session,
            "results": council.results(session),
            "add_form": add_form if session.status == SessionStatus.OPEN else None,
        },
    )


@login_required
def session_minutes(request, pk, kind):
    _office(request)
    session = get_object_or_404(CouncilSession, pk=pk)
    if kind == "bien-ban-hop":
        content = minutes.meeting_minutes(session)
    elif kind == "bien-ban-kiem-phieu":
        content = minutes.count_minutes(session)
    else:
        raise Http404
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{session.pk}.docx"'
    return response
