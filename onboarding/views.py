"""Pages of the import: the form with templates and past runs, a run's progress and report.
Thin: they call ``services`` and ask ``permissions.policy`` who may do what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from permissions import policy

from . import services
from .forms import ImportForm
from .kinds import KINDS
from .models import ImportRun
from .sheets import max_bytes, max_rows, template_csv, template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _allowed_kinds(user) -> dict:
    """kind name -> scope ("all" or the user's unit) for every kind ``user`` may import."""
    allowed = {}
    for name, kind in KINDS.items():
        scope = policy.master_data_import_scope(user, unit_level_kind=kind.unit_may_import)
        if scope is not None:
            allowed[name] = scope
    return allowed


def _visible_runs(user):
    runs = ImportRun.objects.select_related("created_by", "unit")
    if policy.can_import_master_data(user):
        return runs
    if policy.can_import_unit_records(user):
        return runs.filter(unit_id=user.unit_id)
    return runs.none()


@login_required
def import_page(request):
    allowed = _allowed_kinds(request.user)
    if not allowed:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, kinds=list(allowed))
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        scope = allowed[kind]
        uploaded = form.cleaned_data["file"]
        run = services.submit_import(
            kind=kind,
            name=uploaded.name,
            data=uploaded.read(),
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
            scope_unit=None if scope == "all" else scope,
        )
        return redirect("onboarding:run", pk=run.pk)
    return render(
        request,
        "onboarding/import.html",
        {
            "form": form,
            "kinds": [KINDS[name] for name in allowed],
            "runs": _visible_runs(request.user)[:20],
            "max_bytes": max_bytes(),
            "max_rows": max_rows(),
        },
    )


@login_required
def template_download(request, kind, ext):
    if kind not in _allowed_kinds(request.user) or ext not in ("xlsx", "csv"):
        raise Http404
    spec = KINDS[kind]
    filename = f"mau-nhap-{kind}.{ext}"
    if ext == "xlsx":
        body, content_type = template_xlsx(spec.columns, str(spec.label), spec.notes), XLSX
    else:
        body, content_type = template_csv(spec.columns), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def run_page(request, pk):
    run = get_object_or_404(_visible_runs(request.user), pk=pk)
    rows = [
        {"row": row, "action": action, "label": label, "messages": messages_}
        for row, action, label, messages_ in run.report
    ]
    return render(
        request,
        "onboarding/run.html",
        {"run": run, "rows": rows, "counts": services.summary(run.counts), "shown": len(rows)},
    )


@login_required
def run_progress(request, pk):
    """The run's state for the progress bar (polled by the page while it works)."""
    run = get_object_or_404(_visible_runs(request.user), pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.get_status_display(),
            "percent": run.percent,
            "finished": run.finished,
        }
    )


@login_required
@require_POST
def apply_run(request, pk):
    run = get_object_or_404(_visible_runs(request.user), pk=pk)
    if run.kind not in _allowed_kinds(request.user):
        raise Http404
    try:
        applied = services.apply_checked_run(run, actor=request.user)
    except services.ImportNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("onboarding:run", pk=run.pk)
    messages.success(request, _("The checked file is being imported."))
    return redirect("onboarding:run", pk=applied.pk)
