"""The office downloads the package for the higher authority from the batch form of the step
"higher authority's result" (the dossiers forwarded up and waiting for that authority)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.events import file_downloaded
from permissions import policy
from workflows import selectors

from .higher_package import build_package

STEP = "record_higher_result"


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("workflows:inbox")


@login_required
@require_POST
def higher_package(request):
    ids = {int(value) for value in request.POST.getlist("tasks") if value.isdigit() and len(value) < 19}
    if not ids:
        messages.error(request, _("Choose the dossiers to put in the package."))
        return _back(request)
    tasks = selectors.human_tasks().filter(
        pk__in=ids, flow_task=selectors.HUMAN_NODES[STEP], finished__isnull=True
    )
    nominations = [
        task.process.nominationprocess.nomination
        for task in tasks
        if policy.may_work_on_step(
            request.user, STEP, unit_id=task.process.nominationprocess.nomination.unit_id
        )
    ]
    if len(nominations) != len(ids):
        messages.error(request, _("Some selected dossiers are no longer at this step; reload the page."))
        return _back(request)
    content = build_package(nominations, by=request.user)
    for nomination in nominations:  # the evidence leaves the system: each file is recorded
        for attachment in nomination.attachments.all():
            file_downloaded.send(sender=type(attachment), upload=attachment, request=request)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"ho-so-trinh-cap-tren-{timezone.localdate():%Y%m%d}.zip"
    )
    return response
