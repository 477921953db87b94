"""Reading the workflow: inbox, queue, archive, a dossier's position and its timeline.

Every list is one query (plus pagination's count), whatever the number of dossiers.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow import chart
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from common.collation import vietnamese
from nominations.models import NominationStatus
from permissions import policy
from permissions.roles import roles_of

from .flows import NominationFlow
from .steps import DECISION_LABELS, STEPS, Step

SUBMITTED_LABEL = _("Submitted to the unit head")
HUMAN_NODES = {name: getattr(NominationFlow, name) for name in STEPS}

# What a list row shows (the campaign's long texts are left to the task page).
_ROW_RELATED = (
    "owner",
    "deadline",
    "process__nominationprocess__nomination__unit",
    "process__nominationprocess__nomination__staff",
    "process__nominationprocess__nomination__award_type",
)


# From a viewflow task to its dossier.
NOMINATION_PATH = "process__nominationprocess__nomination__"


def _nomination_path(field: str) -> str:
    return f"{NOMINATION_PATH}{field}"


def human_tasks() -> QuerySet:
    # The step names are the flow's own ("workflows/flows.NominationFlow.<step>"), so they
    # select its tasks without reading the process table.
    return Task.objects.filter(flow_task__in=list(HUMAN_NODES.values())).select_related(*_ROW_RELATED)


def _steps_for(user) -> list[Step]:
    mine = roles_of(user)
    return [step for step in STEPS.values() if step.roles & mine]


def _may_claim(user) -> Q:
    """Tasks of the steps the user works on; unit steps only for the user's own unit."""
    condition = Q(pk__in=[])
    for step in _steps_for(user):
        clause = Q(flow_task=HUMAN_NODES[step.name])
        if step.unit_scoped:
            clause &= Q(**{_nomination_path("unit_id"): user.unit_id})
        condition |= clause
    return condition


def inbox(user) -> QuerySet:
    """Tasks assigned to ``user`` and waiting for them, soonest due first."""
    qs = human_tasks().filter(owner=user, status=STATUS.ASSIGNED)
    return qs.order_by("deadline__due_at", "id")


def queue(user) -> QuerySet:
    """Unclaimed tasks ``user`` may take."""
    qs = human_tasks().filter(_may_claim(user), status=STATUS.NEW)
    return qs.order_by("deadline__due_at", "id")


def first(tasks: QuerySet, n: int) -> list:
    """The first ``n`` rows of a task list, for a preview (see ``narrowed``)."""
    return narrowed(tasks[:n])


def narrowed(window: QuerySet) -> list:
    """A slice of an ordered task list, chosen by a narrow query (the task and its due date,
    no joined dossier columns) so that the database sorts thousands of open tasks by ids and
    dates only, then joins the dossiers of the chosen rows. The ids are read first (one more
    query): as a subquery, PostgreSQL misjudges how many open tasks match and joins every one
    of them before keeping the slice."""
    chosen = list(window.values_list("pk", flat=True))
    if not chosen:
        return []
    found = window.model.objects.filter(pk__in=chosen).select_related(*_ROW_RELATED).in_bulk()
    return [found[pk] for pk in chosen]


def archive(user) -> QuerySet:
    """Tasks ``user`` completed, newest first."""
    qs = human_tasks().filter(owner=user, status=STATUS.DONE)
    return qs.order_by("-finished", "-id")


def dispatchable(user) -> QuerySet:
    """Open tasks of the steps ``user`` may hand on (head of the office, director)."""
    names = [step.name for step in STEPS.values() if policy.may_dispatch_step(user, step.name)]
    qs = human_tasks().filter(
        flow_task__in=[HUMAN_NODES[n] for n in names], status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    return qs.order_by("deadline__due_at", "id")


def task_for(user, task_id: int) -> Task:
    """An open or done human task the user may see (worker, holder or dispatcher); 404 otherwise."""
    task = human_tasks().select_related(_nomination_path("campaign")).filter(pk=task_id).first()
    if task is None or not may_open(user, task):
        raise Http404("No such task")
    return task


def may_open(user, task) -> bool:
    step = STEPS[task.flow_task.name]
    process = task.process.nominationprocess
    return (
        task.owner_id == user.pk
        or policy.may_work_on_step(user, step.name, unit_id=process.nomination.unit_id)
        or policy.may_dispatch_step(user, step.name)
    )


def eligible_workers(step: Step, nomination):
    """Active people who may work on ``step`` of ``nomination`` (to hand a task to)."""
    users = get_user_model().objects.filter(is_active=True, groups__name__in=step.roles).distinct()
    if step.unit_scoped:
        users = users.filter(unit_id=nomination.unit_id)
    return users.order_by(vietnamese("full_name"), "username")


def open_task_of(nomination) -> Task | None:
    """The human task the dossier waits at, if any."""
    return (
        Task.objects.filter(
            process__nominationprocess__nomination=nomination,
            flow_task__in=list(HUMAN_NODES.values()),
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        .select_related("owner", "deadline", "process__nominationprocess__nomination")
        .first()
    )


@dataclass
class TimelineEntry:
    step_label: str
    actor: object
    started: datetime
    finished: datetime | None
    decision: str
    comment: str
    due_at: datetime | None
    is_open: bool

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()


def timeline(nomination) -> list[TimelineEntry]:
    """Every human step the dossier went through, in order, with actor, decision and comment."""
    tasks = (
        Task.objects.filter(process__nominationprocess__nomination=nomination)
        .filter(Q(flow_task__in=list(HUMAN_NODES.values())) | Q(flow_task=NominationFlow.start))
        .exclude(status=STATUS.CANCELED)
        .select_related("owner", "deadline")
        .order_by("created", "id")
    )
    entries = []
    for task in tasks:
        data = task.data or {}
        is_start = task.flow_task == NominationFlow.start
        entries.append(
            TimelineEntry(
                step_label=str(SUBMITTED_LABEL) if is_start else str(STEPS[task.flow_task.name].label),
                actor=nomination.created_by if is_start else task.owner,
                started=task.created,
                finished=task.finished,
                decision="" if is_start else str(DECISION_LABELS.get(data.get("decision"), "")),
                comment=data.get("comment", ""),
                due_at=getattr(getattr(task, "deadline", None), "due_at", None),
                is_open=task.status in (STATUS.NEW, STATUS.ASSIGNED),
            )
        )
    return entries


def flow_chart_svg(nomination) -> str | None:
    """The flow chart with each node coloured by where this dossier's process stands."""
    process = getattr(nomination, "process", None)
    grid = chart.calc_layout_data(NominationFlow)
    if process is not None:
        chart.calc_cell_status(NominationFlow, grid, process.pk)
    return chart.grid_to_svg(grid)


@dataclass
class TaskRow:
    """One line of an inbox, queue or archive."""

    task: Task
    nomination: object
    step: Step
    due_at: datetime | None

    @property
    def is_overdue(self) -> bool:
        return (
            self.task.status in (STATUS.NEW, STATUS.ASSIGNED)
            and bool(self.due_at)
            and self.due_at < timezone.now()
        )

    @property
    def decision_label(self) -> str:
        return str(DECISION_LABELS.get((self.task.data or {}).get("decision"), ""))


def rows(tasks) -> list[TaskRow]:
    result = []
    for task in tasks:
        deadline = getattr(task, "deadline", None)
        result.append(
            TaskRow(
                task=task,
                nomination=task.process.nominationprocess.nomination,
                step=STEPS[task.flow_task.name],
                due_at=deadline.due_at if deadline else None,
            )
        )
    return result


def step_totals(tasks: QuerySet) -> dict[str, int]:
    """How many tasks of ``tasks`` wait at each step (all pages of a list), in one query."""
    counts = tasks.order_by().values("flow_task").annotate(total=Count("id"))
    return {row["flow_task"].name: row["total"] for row in counts}


def group_by_step(task_rows: list[TaskRow]) -> list[tuple[Step, list[TaskRow]]]:
    """Rows grouped in flow order, so that each group can get its own batch action."""
    groups: dict[str, list[TaskRow]] = {}
    for row in task_rows:
        groups.setdefault(row.step.name, []).append(row)
    return [(STEPS[name], groups[name]) for name in STEPS if name in groups]


def tracking(nomination) -> dict:
    """Where the dossier is: current step, who holds it, since when, due date, timeline."""
    task = open_task_of(nomination)
    deadline = getattr(task, "deadline", None) if task else None
    return {
        "open_task": task,
        "current_step": STEPS[task.flow_task.name] if task else None,
        "holder": task.owner if task else None,
        "since": task.created if task else None,
        "due_at": deadline.due_at if deadline else None,
        "is_overdue": bool(deadline and task and deadline.due_at < timezone.now()),
        "awaiting_decision": nomination.status == NominationStatus.APPROVED,
        "timeline": timeline(nomination),
    }
