"""Campaign pages: the office manages campaigns and rounds; units register and report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.models import Campaign
from permissions import policy

from . import selectors, services
from .forms import CampaignForm, PhaseFormSet, RegistrationForm, ResultsReportForm, RoundForm
from .models import NominationRound, ResultsReport
from .rounds import nominations_of_round


def _require_reader(user):
    if not policy.can_read_campaigns(user):
        raise PermissionDenied(_("Campaigns are for the Department office and the units."))


@login_required
def campaign_list(request):
    _require_reader(request.user)
    return render(
        request,
        "campaigns/campaign_list.html",
        {"campaigns": selectors.campaign_list(), "is_office": policy.can_manage_campaigns(request.user)},
    )


@login_required
def campaign_edit(request, pk=None):
    services.require_office(request.user)
    campaign = get_object_or_404(Campaign, pk=pk) if pk else None
    form = CampaignForm(request.POST or None, instance=campaign)
    phases = PhaseFormSet(request.POST or None, instance=campaign or Campaign())
    if request.method == "POST" and form.is_valid() and phases.is_valid():
        with transaction.atomic():
            campaign = form.save()
            phases.instance = campaign
            phases.save()
        messages.success(request, _("The campaign was saved."))
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "phases": phases, "campaign": campaign}
    )


def _detail_context(request, campaign, registration_form=None, report_form=None) -> dict:
    user = request.user
    context = {
        "campaign": campaign,
        "is_office": policy.can_manage_campaigns(user),
        "phases": campaign.phases.all(),
    }
    if policy.can_oversee_campaigns(user):
        context["progress"] = selectors.progress_of(campaign)
    if policy.is_unit_member(user):
        registration = campaign.registrations.filter(unit=user.unit).first()
        context.update(
            registration=registration,
            report=campaign.results_reports.filter(unit=user.unit).first(),
            registration_form=registration_form
            or RegistrationForm(
                initial={"theme": registration.theme, "description": registration.description}
                if registration
                else None
            ),
            report_form=report_form or ResultsReportForm(),
        )
    return context


@login_required
def campaign_detail(request, pk):
    _require_reader(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    return render(request, "campaigns/campaign_detail.html", _detail_context(request, campaign))


@login_required
@require_POST
def register(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not policy.is_unit_member(request.user):
        raise PermissionDenied(_("Only the unit's own officers and heads act for it."))
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            services.register_unit(
                campaign=campaign, unit=request.user.unit, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your unit's registration was saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    context = _detail_context(request, campaign, registration_form=form)
    return render(request, "campaigns/campaign_detail.html", context, status=400)


@login_required
@require_POST
def upload_report(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not policy.is_unit_member(request.user):
        raise PermissionDenied(_("Only the unit's own officers and heads act for it."))
    form = ResultsReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_results_report(
                campaign=campaign,
                unit=request.user.unit,
                by=request.user,
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The results report was uploaded."))
            return redirect("campaigns:detail", pk=campaign.pk)
    context = _detail_context(request, campaign, report_form=form)
    return render(request, "campaigns/campaign_detail.html", context, status=400)


@login_required
def report_download(request, pk, report_pk):
    report = get_object_or_404(ResultsReport, pk=report_pk, campaign_id=pk)
    if not policy.can_oversee_campaigns(request.user):
        if request.user.unit_id != report.unit_id:
            raise Http404
    return report.download(request)


@login_required
def round_list(request):
    user = request.user
    if not (policy.can_manage_campaigns(user) or policy.is_unit_member(user)):
        raise PermissionDenied(_("Campaigns are for the Department office and the units."))
    form = RoundForm(request.POST or None) if policy.can_manage_campaigns(user) else None
    if request.method == "POST":
        services.require_office(user)
        if form.is_valid():
            try:
                services.open_round(by=user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The nomination round was opened."))
                return redirect("campaigns:rounds")
    rounds = NominationRound.objects.select_related("campaign")
    rows = []
    for nomination_round in rounds:
        dossiers = nominations_of_round(nomination_round)
        if not policy.can_manage_campaigns(user):
            dossiers = dossiers.filter(unit=user.unit)
        rows.append((nomination_round, dossiers.count()))
    return render(
        request,
        "campaigns/round_list.html",
        {
            "rows": rows,
            "form": form,
            "is_office": policy.can_manage_campaigns(user),
            "units": selectors.participating_units() if policy.can_manage_campaigns(user) else [],
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def round_toggle(request, pk):
    nomination_round = get_object_or_404(NominationRound, pk=pk)
    services.set_round_open(nomination_round, by=request.user, is_open=not nomination_round.is_open)
    messages.success(request, _("The nomination round was updated."))
    return redirect("campaigns:rounds")
