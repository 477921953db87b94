"""Step analytics: how long each step of the flow takes, how often it is late, how often it
returns a dossier and why, who holds the open work, and which step is the bottleneck.

Durations are in **calendar days** (the product has no calendar of working days and public
holidays yet); the page says so. A step's time runs from the task's creation (the dossier
arrives) to its completion. Everything is read in three queries whatever the period.
"""

import math
import statistics as pystats
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, FloatField, Func, Q
from django.utils import timezone
from viewflow.workflow import chart
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.flows import NominationFlow
from workflows.selectors import HUMAN_NODES, NOMINATION_PATH
from workflows.steps import STEPS, Decision

OPEN = (STATUS.NEW, STATUS.ASSIGNED)
RECENT_REASONS = 5
TOP_HOLDERS = 10


class DaysBetween(Func):
    """Days (with their fraction) from the first datetime to the second, computed by the
    database itself: reading 100,000 timestamps into Python costs seconds on SQLite."""

    arity = 2
    output_field = FloatField()

    def __init__(self, start, end, **extra):
        super().__init__(end, start, **extra)  # written "end - start" below

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra,
        )


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` quantile (0–1) by linear interpolation, as spreadsheets compute it."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Reason:
    code: str
    comment: str
    when: datetime


@dataclass
class StepFigures:
    name: str
    label: str
    allowed_days: int
    durations: list[float] = field(default_factory=list)
    done: int = 0
    done_late: int = 0
    open: int = 0
    open_late: int = 0
    returns: int = 0
    reasons: list[Reason] = field(default_factory=list)
    is_bottleneck: bool = False

    @property
    def median(self) -> float | None:
        return round(pystats.median(self.durations), 1) if self.durations else None

    @property
    def p90(self) -> float | None:
        value = percentile(self.durations, 0.9)
        return round(value, 1) if value is not None else None

    @property
    def overdue_share(self) -> float | None:
        """Late tasks (done after their due date, or open past it) among all, in per cent."""
        counted = self.done + self.open
        return round(100 * (self.done_late + self.open_late) / counted, 1) if counted else None

    @property
    def return_share(self) -> float | None:
        return round(100 * self.returns / self.done, 1) if self.done else None

    @property
    def load(self) -> float | None:
        """The median against the step's allowed time: over 1 means usually late."""
        return (
            round(self.median / self.allowed_days, 2)
            if self.median is not None and self.allowed_days
            else None
        )


@dataclass
class Holder:
    user_id: int
    name: str
    open: int
    overdue: int


@dataclass
class Analytics:
    steps: list[StepFigures]
    holders: list[Holder]
    unclaimed: int

    @property
    def total_returns(self) -> int:
        return sum(step.returns for step in self.steps)

    @property
    def bottleneck(self) -> StepFigures | None:
        return next((s for s in self.steps if s.is_bottleneck), None)


def _name_of(flow_task) -> str:
    return getattr(flow_task, "name", None) or str(flow_task).rsplit(".", 1)[-1]


def _tasks(*, date_from=None, date_to=None, campaign=None, unit=None):
    qs = Task.objects.filter(process__flow_class=NominationFlow, flow_task__in=list(HUMAN_NODES.values()))
    qs = qs.exclude(status=STATUS.CANCELED)
    if date_from:
        qs = qs.filter(created__date__gte=date_from)
    if date_to:
        qs = qs.filter(created__date__lte=date_to)
    if campaign is not None:
        qs = qs.filter(**{f"{NOMINATION_PATH}campaign": campaign})
    if unit is not None:
        qs = qs.filter(**{f"{NOMINATION_PATH}unit": unit})
    return qs


def step_analytics(**filters) -> Analytics:
    """The figures of every human step for the tasks that started in the period."""
    now = timezone.now()
    figures = {
        name: StepFigures(name=name, label=str(step.label), allowed_days=settings.WORKFLOW_STEP_DAYS[name])
        for name, step in STEPS.items()
    }
    tasks = _tasks(**filters)
    # Counts per step in the database: finished, finished late, open, open past the due date.
    done, is_open = Q(status=STATUS.DONE, finished__isnull=False), Q(status__in=OPEN)
    counts = (
        tasks.order_by()
        .values("flow_task")
        .annotate(
            done=Count("id", filter=done),
            done_late=Count("id", filter=done & Q(finished__gt=F("deadline__due_at"))),
            open=Count("id", filter=is_open),
            open_late=Count("id", filter=is_open & Q(deadline__due_at__lt=now)),
        )
    )
    for group in counts:
        step = figures.get(_name_of(group["flow_task"]))
        if step is not None:
            step.done, step.done_late = group["done"], group["done_late"]
            step.open, step.open_late = group["open"], group["open_late"]
    # Each finished task's duration, computed by the database (one narrow column per row).
    durations = (
        tasks.filter(done)
        .annotate(took=DaysBetween(F("created"), F("finished")))
        .values_list("flow_task", "took")
        .order_by()
    )
    for flow_task, took in durations.iterator(chunk_size=10000):
        step = figures.get(_name_of(flow_task))
        if step is not None:
            step.durations.append(took)
    # Returns are few: read them apart, with their comment and dossier.
    returned = tasks.filter(status=STATUS.DONE, data__decision=Decision.RETURN).values_list(
        "flow_task", "finished", "data", f"{NOMINATION_PATH}code"
    )
    for flow_task, finished, data, code in returned.order_by("-finished", "-id").iterator(chunk_size=2000):
        step = figures.get(_name_of(flow_task))
        if step is None:
            continue
        step.returns += 1
        if len(step.reasons) < RECENT_REASONS:
            step.reasons.append(Reason(code=code, comment=(data or {}).get("comment", ""), when=finished))
    # The bottleneck: the step furthest over its allowed time (a step done within the day is none).
    loaded = [s for s in figures.values() if s.load]
    if loaded:
        max(loaded, key=lambda s: (s.load, s.p90 or 0)).is_bottleneck = True
    return Analytics(
        steps=list(figures.values()),
        holders=_holders(tasks, now),
        unclaimed=tasks.filter(status=STATUS.NEW).count(),
    )


def _holders(tasks, now) -> list[Holder]:
    """Who holds the most open work (taken and not finished), with how much of it is late."""
    grouped = (
        tasks.filter(status=STATUS.ASSIGNED, owner__isnull=False)
        .order_by()
        .values("owner_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(deadline__due_at__lt=now)))
        .order_by("-open", "owner_id")[:TOP_HOLDERS]
    )
    grouped = list(grouped)
    users = get_user_model().objects.in_bulk([g["owner_id"] for g in grouped])
    return [
        Holder(
            user_id=g["owner_id"],
            name=(users[g["owner_id"]].get_full_name() or users[g["owner_id"]].get_username()),
            open=g["open"],
            overdue=g["overdue"],
        )
        for g in grouped
    ]


# Five shades from pale to deep, by the step's load (median over allowed time).
HEAT_CLASSES = ((0.25, "heat-0"), (0.5, "heat-1"), (0.75, "heat-2"), (1.0, "heat-3"))
HEAT_STYLE = """<style type="text/css"><![CDATA[
g.heat-0 rect.task { fill:#e8f4ec; } g.heat-1 rect.task { fill:#fff4c2; }
g.heat-2 rect.task { fill:#ffd591; } g.heat-3 rect.task { fill:#ffa39e; }
g.heat-4 rect.task { fill:#f5222d; fill-opacity:.55; }
g.bottleneck rect.task { stroke:#b3261e; stroke-width:6; }
]]></style>"""


def heat_class(load: float | None) -> str | None:
    if load is None:
        return None
    return next((name for bound, name in HEAT_CLASSES if load <= bound), "heat-4")


def heatmap_svg(analytics: Analytics) -> str:
    """The flow chart with each human step shaded by its load and the bottleneck outlined."""
    grid = chart.calc_layout_data(NominationFlow)
    by_name = {step.name: step for step in analytics.steps}
    for node in grid.nodes:
        step = by_name.get(getattr(node, "name", ""))
        if step is None:
            continue
        classes = [c for c in (heat_class(step.load), "bottleneck" if step.is_bottleneck else None) if c]
        if classes:
            grid[node].status = " ".join(classes)
    svg = chart.grid_to_svg(grid)
    return svg.replace("</defs>", "</defs>" + HEAT_STYLE, 1)
