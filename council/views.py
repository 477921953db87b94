"""The office's pages for the council: sessions, dossiers to vote on, tallies, closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from permissions import policy

from . import services
from .forms import AddNominationsForm, CouncilSessionForm
from .models import CouncilSession, SessionStatus


def _office(request):
    # Other people do not learn that the council's pages exist.
    if not policy.can_run_council(request.user):
        raise Http404
    return request.user


@login_required
def sessions(request):
    user = _office(request)
    form = CouncilSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = services.create_session(by=user, **form.cleaned_data)
        return redirect("council:session", pk=session.pk)
    return render(
        request,
        "council/sessions.html",
        {"sessions": CouncilSession.objects.all(), "form": form, "waiting": services.waiting_nominations()},
    )


def _tallies(request, session):
    for ballot in session.ballots.select_related("nomination"):
        try:
            values = {
                k: int(request.POST.get(f"{k}-{ballot.pk}", "0") or 0)
                for k in ("votes_for", "votes_against", "invalid")
            }
        except ValueError as exc:
            raise services.CouncilError(_("Enter whole numbers of votes.")) from exc
        services.record_tally(ballot, **values)


@login_required
def session_detail(request, pk):
    user = _office(request)
    session = get_object_or_404(CouncilSession, pk=pk)
    add_form = AddNominationsForm(
        request.POST if request.POST.get("action") == "add" else None,
        candidates=services.waiting_nominations(),
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add" and add_form.is_valid():
                for nomination in add_form.cleaned_data["nominations"]:
                    services.add_nomination(session, nomination)
            elif action in ("tally", "close"):
                _tallies(request, session)
                if action == "close":
                    services.close_session(session, by=user)
                    messages.success(request, _("The session is closed and the dossiers moved on."))
        except services.WorkflowError as exc:
            messages.error(request, exc.message)
        return redirect("council:session", pk=session.pk)
    return render(
        request,
        "council/session_detail.html",
        {
            "session": session,
            "results": services.results(session),
            "add_form": add_form if session.status == SessionStatus.OPEN else None,
        },
    )
