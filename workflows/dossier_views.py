"""Pages of the dossier: list, detail, draft and edit, evidence upload and download.

Thin views: permissions come from ``permissions.selectors``, changes from ``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.pagination import BoundedPaginator
from eligibility.conflicts import conflicts_of
from eligibility.selectors import eligibility_of, initiatives_of
from nominations.models import NominationStatus
from permissions import policy
from permissions.selectors import can_edit_nomination

from . import dossier_selectors as selectors
from . import drafting
from . import selectors as workflow_selectors
from . import services as workflow_services
from .dossier_forms import AttachmentForm, NominationForm
from .drafting import NOMINATION_FIELDS
from .filters import DossierFilter

PAGE_SIZE = 25


@login_required
def nomination_list(request):
    filters = DossierFilter(request.GET or None, selectors.nomination_list(request.user), user=request.user)
    page = BoundedPaginator(filters.results, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = _sendable_drafts(request.user, filters)
    return render(
        request,
        "dossiers/nomination_list.html",
        {
            "filters": filters,
            "page": page,
            "query_string": filters.query_string_without_page(),
            # The unit officer sends drafts to the unit head many at a time.
            "draft_count": drafts.count() if drafts is not None else 0,
            "can_send_drafts": drafts is not None,
        },
    )


def _sendable_drafts(user, filters):
    """The drafts of the user's unit the list shows, if the user sends drafts (None otherwise)."""
    if not (user.unit_id and user.has_perm("nominations.add_nomination")):
        return None
    return filters.results.filter(status=NominationStatus.DRAFT, unit_id=user.unit_id)


@login_required
@require_POST
def submit_batch(request):
    """Send the ticked drafts, or every draft of the filtered list, to the unit head: all or none."""
    if request.POST.get("all") == "1":
        query = QueryDict(request.POST.get("filters", ""))
        filters = DossierFilter(query or None, selectors.nomination_list(request.user), user=request.user)
        drafts = _sendable_drafts(request.user, filters)
        chosen = list(drafts) if drafts is not None else []
        if str(len(chosen)) != request.POST.get("expected"):
            messages.error(request, _("The list changed meanwhile; check it and try again."))
            return redirect(_back_to_list(request))
    else:
        codes = set(request.POST.getlist("codes"))
        chosen = list(
            selectors.nomination_list(request.user).filter(code__in=codes, status=NominationStatus.DRAFT)
        )
        if not codes or len(chosen) != len(codes):
            messages.error(
                request, _("Select drafts of your unit; some selected dossiers can no longer be sent.")
            )
            return redirect(_back_to_list(request))
    try:
        count = workflow_services.submit_many(chosen, request.user)
    except workflow_services.WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d dossier was sent to the unit head.",
                "%(count)d dossiers were sent to the unit head.",
                count,
            )
            % {"count": count},
        )
    return redirect(_back_to_list(request))


def _back_to_list(request) -> str:
    query = request.POST.get("filters", "")
    return reverse("dossiers:list") + (f"?{query}" if query else "")


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
        # The receipt with the public-lookup secret, once the dossier has left the draft.
        "can_print_receipt": nomination.status != NominationStatus.DRAFT
        and policy.can_see_lookup_secret(request.user, nomination.unit_id),
    }


@login_required
def nomination_detail(request, code):
    nomination = selectors.nomination_detail(request.user, code)
    return render(request, "dossiers/nomination_detail.html", _detail_context(request, nomination))


def _warn_of_conflicts(request, nomination) -> None:
    """One achievement, one award: tell the unit at once when the nominee is proposed elsewhere."""
    for conflict in conflicts_of(nomination):
        others = ", ".join(n.code for n in conflict.nominations if n.pk != nomination.pk)
        messages.warning(request, f"{' '.join(conflict.reasons)} ({others})")


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
            _warn_of_conflicts(request, nomination)
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
        _warn_of_conflicts(request, nomination)
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
