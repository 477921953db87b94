"""Pages of the workflow: inbox, queue, archive, dispatch, a task, batch actions.

Thin: they read through ``selectors``, act through ``services`` and turn refusals into
messages. Nothing here decides who may do what.
"""

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.pagination import BoundedPaginator
from eligibility.selectors import eligibility_of, initiatives_of
from permissions import policy
from permissions.selectors import get_visible_nomination

from . import revisions, selectors, services
from .filters import TaskFilter
from .forms import BatchForm, ReassignForm, StepDecisionForm
from .steps import STEPS

PAGE_SIZE = 50
# The lists a batch may cover "every matching task" of: the same source as the page showed.
BATCH_SOURCES = {"inbox": selectors.inbox, "queue": selectors.queue}


def _back(request, default: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(default)


def _task_list(request, *, title, source, template, kind):
    filters = TaskFilter(request.GET or None, source(request.user), user=request.user)
    # The archive shows no per-step totals (it has no batch actions): not counted there.
    # Elsewhere they count every matching task, which is the pages' count too.
    totals = selectors.step_totals(filters.results) if kind != "archive" else {}
    page = BoundedPaginator(
        filters.results, PAGE_SIZE, known_count=sum(totals.values()) if kind != "archive" else None
    ).get_page(request.GET.get("page"))
    # Open-task lists sort thousands of rows: their page is chosen narrow, then joined.
    task_rows = selectors.rows(
        page.object_list if kind == "archive" else selectors.narrowed(page.object_list)
    )
    return render(
        request,
        template,
        {
            "title": title,
            "kind": kind,
            "filters": filters,
            "page": page,
            "groups": [
                (step, rows, totals.get(step.name, len(rows)))
                for step, rows in selectors.group_by_step(task_rows)
            ],
            "total": sum(totals.values()),
            "rows": task_rows,
            "query_string": filters.query_string_without_page(),
        },
    )


@login_required
def inbox(request):
    return _task_list(
        request,
        title=_("My tasks"),
        source=selectors.inbox,
        template="workflows/task_list.html",
        kind="inbox",
    )


@login_required
def queue(request):
    return _task_list(
        request, title=_("Queue"), source=selectors.queue, template="workflows/task_list.html", kind="queue"
    )


@login_required
def archive(request):
    return _task_list(
        request, title=_("Done"), source=selectors.archive, template="workflows/archive.html", kind="archive"
    )


@login_required
def dispatch(request):
    return _task_list(
        request,
        title=_("Assign work"),
        source=selectors.dispatchable,
        template="workflows/dispatch.html",
        kind="dispatch",
    )


@login_required
def task_detail(request, task_id):
    task = selectors.task_for(request.user, task_id)
    row = selectors.rows([task])[0]
    step = row.step
    form = StepDecisionForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_task(
                task,
                request.user,
                form.cleaned_data["decision"],
                form.cleaned_data["comment"],
                **form.extra(),
            )
        except services.WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect("workflows:task", task_id=task.pk)
        messages.success(
            request, _("Dossier %(code)s: %(step)s done.") % {"code": row.nomination.code, "step": step.label}
        )
        return redirect("workflows:inbox")
    nomination = row.nomination
    return render(
        request,
        "workflows/task_detail.html",
        {
            "row": row,
            "task": task,
            "nomination": nomination,
            "form": form,
            "is_mine": task.owner_id == request.user.pk and task.status == "ASSIGNED",
            "can_claim": task.status == "NEW"
            and policy.may_work_on_step(request.user, step.name, unit_id=nomination.unit_id),
            "reassign_form": ReassignForm(workers=selectors.eligible_workers(step, nomination))
            if policy.may_dispatch_step(request.user, step.name) and task.status in ("NEW", "ASSIGNED")
            else None,
            "tracking": selectors.tracking(nomination),
            # The unit revising sees the comment on its dossier page; the steps after it see the diff.
            "revision": revisions.changes_since_return(nomination, before=task.created)
            if step.name != "revise"
            else None,
            "attachments": nomination.attachments.select_related("uploaded_by"),
            "eligibility": eligibility_of(nomination),
            "initiatives": initiatives_of(nomination),
        },
    )


@login_required
@require_POST
def task_claim(request, task_id):
    task = selectors.task_for(request.user, task_id)
    try:
        services.claim_task(task, request.user)
    except services.WorkflowError as exc:
        messages.error(request, exc.message)
        return _back(request, reverse("workflows:queue"))
    messages.success(request, _("The task is now in your inbox."))
    return redirect("workflows:task", task_id=task.pk)


@login_required
@require_POST
def task_release(request, task_id):
    task = selectors.task_for(request.user, task_id)
    try:
        services.release_task(task, request.user)
    except services.WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The task went back to the queue."))
    return redirect("workflows:inbox")


@login_required
@require_POST
def task_reassign(request, task_id):
    task = selectors.task_for(request.user, task_id)
    step = STEPS[task.flow_task.name]
    nomination = task.process.nominationprocess.nomination
    form = ReassignForm(request.POST, workers=selectors.eligible_workers(step, nomination))
    if not form.is_valid():
        messages.error(request, _("Choose who should take the task."))
    else:
        try:
            services.reassign_task(task, request.user, form.cleaned_data["user"])
        except services.WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Dossier %(code)s was handed to %(name)s.")
                % {"code": nomination.code, "name": form.cleaned_data["user"].get_full_name()},
            )
    return _back(request, reverse("workflows:dispatch"))


@login_required
@require_POST
def batch(request):
    """One decision on many dossiers of the same step: all of them or none."""
    form = BatchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, reverse("workflows:inbox"))
    step = STEPS[form.cleaned_data["step"]]
    if request.POST.get("all") == "1" and request.POST.get("scope") in BATCH_SOURCES:
        # Every task of this step the list matched, on every page: the count shown is confirmed.
        source = BATCH_SOURCES[request.POST["scope"]](request.user)
        filters = TaskFilter(QueryDict(request.POST.get("filters", "")) or None, source, user=request.user)
        tasks = list(filters.results.filter(flow_task=selectors.HUMAN_NODES[step.name]))
        if str(len(tasks)) != request.POST.get("expected"):
            messages.error(request, _("The list changed meanwhile; check it and try again."))
            return _back(request, reverse("workflows:inbox"))
        ids = [task.pk for task in tasks]
    else:
        ids = form.cleaned_data["tasks"]
        tasks = list(selectors.human_tasks().filter(pk__in=ids, flow_task=selectors.HUMAN_NODES[step.name]))
    # A task the user may not see counts as gone: the refusal names no other unit's dossier
    # and no holder.
    tasks = [task for task in tasks if selectors.may_open(request.user, task)]
    if len(tasks) != len(set(ids)):
        messages.error(request, _("Some selected dossiers are no longer at this step; reload the page."))
        return _back(request, reverse("workflows:inbox"))
    try:
        services.complete_tasks(
            tasks, request.user, form.cleaned_data["decision"], form.cleaned_data["comment"]
        )
    except services.WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext("%(count)d dossier handled.", "%(count)d dossiers handled.", len(tasks))
            % {"count": len(tasks)},
        )
    return _back(request, reverse("workflows:inbox"))


@login_required
@require_POST
def submit_nomination(request, code):
    nomination = get_visible_nomination(request.user, code=code)
    try:
        services.submit_for_signoff(nomination, request.user)
    except services.WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Dossier %(code)s was sent to the unit head.") % {"code": nomination.code}
        )
    return redirect("dossiers:detail", code=nomination.code)


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the SVG document styles itself; it runs no script
def chart(request, code):
    nomination = get_visible_nomination(request.user, code=code)
    return HttpResponse(selectors.flow_chart_svg(nomination), content_type="image/svg+xml")
