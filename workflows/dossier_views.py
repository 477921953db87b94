"""Pages of the dossier: list, detail, draft and edit, evidence upload and download.

Thin views: permissions come from ``permissions.selectors``, changes from ``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eligibility.selectors import eligibility_of, initiatives_of
from nominations.models import NominationStatus
from permissions import policy
from permissions.selectors import can_edit_nomination

from . import dossier_selectors as selectors
from . import drafting
from . import selectors as workflow_selectors
from .dossier_forms import AttachmentForm, NominationForm
from .drafting import NOMINATION_FIELDS
from .filters import DossierFilter

PAGE_SIZE = 25


@login_required
def nomination_list(request):
    filters = DossierFilter(request.GET or None, selectors.nomination_list(request.user), user=request.user)
    page = Paginator(filters.results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dossiers/nomination_list.html",
        {"filters": filters, "page": page, "query_string": filters.query_string_without_page()},
    )


def _detail_context(request, nomination, attachment_form=None) -> dict:
    can_edit = can_edit_nomination(request.user, nomination)
    tracking = workflow_selectors.tracking(nomination)
    task = tracking["open_task"]
    return {
        "nomination": nomination,
        "attachments": selectors.attachments_of(nomination),
        "can_edit": can_edit,
        "can_submit": can_edit and nomination.status == NominationStatus.DRAFT,
        "attachment_form": attachment_form or AttachmentForm(),
        # Where the dossier stands in the approval flow (the page is the unit's status tracker).
        "tracking": tracking,
        "can_open_task": task is not None and workflow_selectors.may_open(request.user, task),
        # The eligibility rules: warnings for the unit, evidence for the reviewer and director.
        "eligibility": eligibility_of(nomination),
        "initiatives": initiatives_of(nomination),
    }


@login_required
def nomination_detail(request, code):
    nomination = selectors.nomination_detail(request.user, code)
    return render(request, "dossiers/nomination_detail.html", _detail_context(request, nomination))


@login_required
def nomination_create(request):
    if not policy.can_draft_nominations(request.user):
        raise PermissionDenied(_("Only a unit's emulation officers draft dossiers."))
    unit = request.user.unit
    form = NominationForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in NOMINATION_FIELDS}
        try:
            nomination = drafting.create_nomination(author=request.user, unit=unit, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Dossier %(code)s was created.") % {"code": nomination.code})
            return redirect("dossiers:detail", code=nomination.code)
    return render(request, "dossiers/nomination_form.html", {"form": form, "nomination": None})


@login_required
def nomination_update(request, code):
    nomination = selectors.nomination_detail(request.user, code)
    if not can_edit_nomination(request.user, nomination):
        raise PermissionDenied(_("This dossier cannot be edited now."))
    form = NominationForm(request.POST or None, instance=nomination, unit=nomination.unit)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in NOMINATION_FIELDS}
        drafting.update_nomination(nomination, editor=request.user, **fields)
        messages.success(request, _("Dossier %(code)s was saved.") % {"code": nomination.code})
        return redirect("dossiers:detail", code=nomination.code)
    return render(request, "dossiers/nomination_form.html", {"form": form, "nomination": nomination})


@login_required
@require_POST
def attachment_upload(request, code):
    nomination = selectors.nomination_detail(request.user, code)
    if not can_edit_nomination(request.user, nomination):
        raise PermissionDenied(_("This dossier cannot be edited now."))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        drafting.add_attachment(
            nomination,
            uploaded_by=request.user,
            uploaded_file=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("The file was attached."))
        return redirect("dossiers:detail", code=nomination.code)
    return render(
        request, "dossiers/nomination_detail.html", _detail_context(request, nomination, form), status=400
    )


@login_required
def attachment_download(request, code, pk):
    nomination = selectors.nomination_detail(request.user, code)
    attachment = get_object_or_404(nomination.attachments, pk=pk)
    return attachment.download(request)
