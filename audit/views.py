"""Pages of the audit trail: the global log (inspector, administrator, head of the office),
its exports with the same filters, and one dossier's history (whoever may see the dossier)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from permissions.policy import can_read_audit_log
from permissions.selectors import get_visible_nomination

from . import exports, selectors, services
from .filters import AuditEventFilter
from .presenters import present


def _require_log_reader(user):
    if not can_read_audit_log(user):
        raise PermissionDenied(
            _("The audit log is read by inspectors, administrators and the head of the office.")
        )


def _int_param(request, name: str) -> int | None:
    """A page boundary from the query string: an id, or None when absent or not an id."""
    try:
        value = int(request.GET[name])
    except (KeyError, ValueError):
        return None
    return value if 0 < value < 2**63 else None


@login_required
def audit_log(request):
    _require_log_reader(request.user)
    filters = AuditEventFilter(request.GET or None)
    page = selectors.log_page(
        filters.results, before=_int_param(request, "before"), after=_int_param(request, "after")
    )
    filter_query = urlencode(filters.as_params())
    return render(
        request,
        "audit/log.html",
        {
            "filters": filters,
            "page": page,
            "entries": present(page.events),
            "filter_query": filter_query,
        },
    )


@login_required
def audit_export(request, fmt):
    _require_log_reader(request.user)
    if fmt not in exports.WRITERS:
        raise Http404("No such format")
    filters = AuditEventFilter(request.GET or None)
    if filters.is_bound and not filters.is_valid():
        # Nothing is exported, so nothing is recorded as exported.
        return HttpResponseBadRequest(filters.error_text, content_type="text/plain; charset=utf-8")
    services.record_export(fmt=fmt, filters=filters.as_params(), actor=request.user, request=request)
    events = filters.qs
    filename = f"nhat-ky-kiem-tra-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"
    # Both streamed as they are written: the first bytes leave at once, memory holds one chunk.
    pieces = exports.csv_chunks(events) if fmt == "csv" else exports.xlsx_chunks(events)
    response = StreamingHttpResponse(pieces, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def dossier_timeline(request, code):
    nomination = get_visible_nomination(request.user, code=code)
    return render(
        request,
        "audit/dossier_timeline.html",
        {
            "nomination": nomination,
            "entries": present(selectors.dossier_events(nomination)),
            "can_read_log": can_read_audit_log(request.user),
        },
    )
