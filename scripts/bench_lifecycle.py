#!/usr/bin/env python
"""Benchmark: the whole life of one dossier driven through our services (create, submit,
unit head, office review, trade union, director) against a bare viewflow 2 flow with the
same four human steps, driven by the same users with the same viewflow calls, in the same
database and run, interleaved. Prints dossiers per second for each, their ratio, and the
SQL statements of each step attributed to their source.

    .venv/bin/python scripts/bench_lifecycle.py                 # throw-away SQLite
    BENCH_QUICK=1 .venv/bin/python scripts/bench_lifecycle.py   # small, for `make bench`
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14s_bench .venv/bin/python scripts/bench_lifecycle.py

``DATABASE_URL`` must name a PostgreSQL database you may throw away (it is created if
missing, and migrated). The bare flow uses viewflow's own ``Process`` and ``Task`` tables
(no table of its own) and the same row lock as ours (``SelectForUpdateLock``), so the ratio
is the price of what we add to each step: the dossier's status and history, the audit
trail, the outbox, object permissions, due dates and eligibility judgements. Celery's
broker is the in-memory one: handing mails to the broker is the sending side's cost,
measured by ``bench_notifications.py``.
"""

import os
import sys
import tempfile
import time
import types
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUICK = os.environ.get("BENCH_QUICK") == "1"
ROUNDS = int(os.environ.get("BENCH_COUNT", "15" if QUICK else "60"))
WARMUP = 3
BARE_MODULE = "workflows.bench_bare_flow"  # lives only in this process's sys.modules


def setup_django() -> str:
    if "DATABASE_URL" not in os.environ:
        workdir = Path(tempfile.mkdtemp(prefix="bench-lifecycle-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        _create_postgres_database(os.environ["DATABASE_URL"])
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def _create_postgres_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bare_flow_class():
    """A viewflow flow with our four human steps and nothing else, on viewflow's own models.

    viewflow stores a flow by the dotted path of its class inside an installed app, so the
    class is registered under a module of the ``workflows`` app that exists only here."""
    from viewflow import this
    from viewflow.workflow import flow
    from viewflow.workflow.flow.views import UpdateProcessView
    from viewflow.workflow.lock import SelectForUpdateLock

    no_view = UpdateProcessView.as_view(fields=[])

    class BareFlow(flow.Flow):
        """Bare flow (benchmark baseline)"""

        __module__ = BARE_MODULE
        lock_impl = SelectForUpdateLock(nowait=False, attempts=1)

        start = flow.StartHandle().Next(this.unit_signoff)
        unit_signoff = flow.View(no_view).Next(this.office_review)
        office_review = flow.View(no_view).Next(this.union_consultation)
        union_consultation = flow.View(no_view).Next(this.director_signoff)
        director_signoff = flow.View(no_view).Next(this.end)
        end = flow.End()

    module = types.ModuleType(BARE_MODULE)
    module.BareFlow = BareFlow
    sys.modules[BARE_MODULE] = module
    return BareFlow


class World:
    """The people of one unit and of the Department, as a request would load them."""

    def __init__(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from nominations.models import AwardType, Staff, Unit
        from permissions.grants import sync_user_unit_group

        User = get_user_model()
        self.unit, _ = Unit.objects.get_or_create(
            code="bench-bv", defaults={"name": "Bệnh viện thử", "short_name": "BV thử", "kind": "attached"}
        )
        self.award, _ = AwardType.objects.get_or_create(
            code="bench-giay-khen",
            defaults={"name": "Giấy khen (thử)", "applies_to": "individual", "authority": "director"},
        )
        self.staff, _ = Staff.objects.get_or_create(
            staff_code="BENCH-1",
            defaults={"full_name": "Nguyễn Văn An", "gender": "male", "unit": self.unit},
        )
        people = {
            "officer": ("unit_officer", self.unit),
            "head": ("unit_head", self.unit),
            "reviewer": ("office_reviewer", None),
            "reviewer2": ("office_reviewer", None),
            "office_head": ("office_head", None),
            "union": ("trade_union", None),
            "director": ("director", None),
            "deputy": ("deputy_director", None),
        }
        self.pks = {}
        for key, (role, unit) in people.items():
            user, created = User.objects.get_or_create(
                username=f"bench.{key}",
                defaults={"full_name": f"Người thử {key}", "email": f"{key}@bench.example", "unit": unit},
            )
            if created:
                user.groups.add(Group.objects.get(name=role))
                sync_user_unit_group(user)
            self.pks[key] = user.pk
        self.User = User

    def user(self, key):
        """A fresh user object, as the authentication middleware gives each request."""
        return self.User.objects.get(pk=self.pks[key])


STEPS = [  # (label, who, decision) at the four human steps
    ("unit head", "head", "submit"),
    ("office", "reviewer", "forward"),
    ("union", "union", "agree"),
    ("director", "director", "approve"),
]
TRACE = os.environ.get("BENCH_TRACE", "")  # a step's label: print its statements with their source


def ours_lifecycle(world, run):
    """One dossier through our services; ``run(label, fn)`` runs (and measures) each step."""
    from workflows import drafting, services

    officer = world.user("officer")
    nomination = run(
        "create",
        lambda: drafting.create_nomination(
            author=officer,
            unit=world.unit,
            year=2024,
            basis="annual",
            nominee_kind="individual",
            staff=world.staff,
            award_type=world.award,
            achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        ),
    )
    process = run("submit", lambda: services.submit_for_signoff(nomination, officer))
    for label, who, decision in STEPS:
        user = world.user(who)
        run(label, lambda u=user, d=decision: services.complete_task(open_task(process), u, d))
    return nomination


def open_task(process):
    """What a task page reads before acting (the same query for both flows)."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    return Task.objects.filter(
        process=process, flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).first()


def bare_lifecycle(world, run, BareFlow):
    def act(process, user, decision):
        task = open_task(process)
        with task.activation() as activation:
            activation.assign(user)
            activation.start(None)
            task.data = {"decision": decision}
            activation.execute()

    run("create", lambda: None)
    process = run("submit", lambda: BareFlow.start.run())
    for label, who, decision in STEPS:
        user = world.user(who)
        run(label, lambda u=user, d=decision: act(process, u, d))
    return process


def timed(totals):
    def run(label, fn):
        started = time.perf_counter()
        result = fn()
        totals[label] = totals.get(label, 0.0) + time.perf_counter() - started
        return result

    return run


# --- Attributing statements to their source -------------------------------------------

# The innermost frame outside Django and the standard library says who issued a statement.
SOURCES = [
    ("audit.", "audit trail"),
    ("notifications.", "outbox"),
    ("permissions.grants", "permissions (guardian grants)"),
    ("guardian.", "permissions (guardian grants)"),
    ("permissions.", "permissions (roles, policy)"),
    ("eligibility.calendar", "dossier status, due date"),
    ("eligibility.profile", "dossier status, due date"),
    ("eligibility.", "eligibility"),
    ("simple_history.", "history (simple-history)"),
    ("viewflow.", "viewflow engine"),
    ("workflows.hooks", "dossier status, due date"),
    ("workflows.selectors", "driver (request's task lookup)"),
    ("workflows.", "workflow services"),
    ("nominations.models", "dossier status, due date"),
    ("nominations.", "dossier (create)"),
    ("campaigns.", "dossier (create)"),
    ("common.", "dossier (create)"),
    ("__main__", "driver (request's task lookup)"),
]
# viewflow's managers and fields build the querysets that others run.
SKIPPED = (
    "django.",
    "contextlib",
    "functools",
    "threading",
    "importlib",
    "viewflow.workflow.managers",
    "viewflow.workflow.fields",
)


def _source(stack) -> str:
    for frame in reversed(stack):
        module = frame.f_globals.get("__name__", "")
        if module.startswith(SKIPPED):
            continue
        for prefix, source in SOURCES:
            if module == prefix.rstrip(".") or module.startswith(prefix):
                return source
        return f"other ({module})"
    return "other"


def _stack():
    frames, frame = [], sys._getframe(2)
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back
    frames.reverse()
    return frames


def attributed(label_counts, viewflow_gateway_counts):
    """A ``run`` that counts each statement of each step by its source."""
    from django.db import connection

    def run(label, fn):
        seen = label_counts.setdefault(label, Counter())

        def wrapper(execute, sql, params, many, context):
            source = _source(_stack())
            seen[source] += 1
            if TRACE == label:
                print(f"  [{source}] {sql[:160]}")
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            return fn()

    return run


def main() -> None:
    vendor = setup_django()
    from django.db import connection, reset_queries

    BareFlow = bare_flow_class()
    world = World()
    print(f"database: {vendor} ({connection.settings_dict['NAME']}), rounds: {ROUNDS}")

    # Statements per step, by source (one dossier each, after a warm-up).
    for _ in range(WARMUP):
        ours_lifecycle(world, timed({}))
        bare_lifecycle(world, timed({}), BareFlow)
    ours_counts, bare_counts = {}, {}
    ours_lifecycle(world, attributed(ours_counts, None))
    bare_lifecycle(world, attributed(bare_counts, None), BareFlow)

    # Throughput, interleaved: bare, ours, ours, bare, …
    ours_time, bare_time = {}, {}
    for index in range(ROUNDS):
        pair = [
            lambda: ours_lifecycle(world, timed(ours_time)),
            lambda: bare_lifecycle(world, timed(bare_time), BareFlow),
        ]
        for go in pair if index % 2 else reversed(pair):
            go()
        reset_queries()
    ours_rate = ROUNDS / sum(ours_time.values())
    bare_rate = ROUNDS / sum(bare_time.values())

    labels = ["create", "submit"] + [label for label, _, _ in STEPS]
    print()
    print(f"{'step':<10} {'ours ms':>8} {'bare ms':>8} {'ours SQL':>9} {'bare SQL':>9}")
    for label in labels:
        print(
            f"{label:<10} {1000 * ours_time[label] / ROUNDS:>8.1f} {1000 * bare_time[label] / ROUNDS:>8.1f}"
            f" {sum(ours_counts[label].values()):>9} {sum(bare_counts[label].values()):>9}"
        )
    print()
    sources = sorted(
        {s for c in ours_counts.values() for s in c} | {s for c in bare_counts.values() for s in c}
    )
    print("statements by source (ours / bare), per step:")
    header = f"{'source':<32}" + "".join(f"{label:>12}" for label in labels) + f"{'lifecycle':>12}"
    print(header)
    for source in sources:
        cells = [f"{ours_counts[l][source]}/{bare_counts[l][source]}" for l in labels]  # noqa: E741
        total_ours = sum(ours_counts[l][source] for l in labels)  # noqa: E741
        total_bare = sum(bare_counts[l][source] for l in labels)  # noqa: E741
        print(f"{source:<32}" + "".join(f"{c:>12}" for c in cells) + f"{f'{total_ours}/{total_bare}':>12}")
    total_ours = sum(sum(c.values()) for c in ours_counts.values())
    total_bare = sum(sum(c.values()) for c in bare_counts.values())
    print(f"{'total':<32}" + " " * 12 * len(labels) + f"{f'{total_ours}/{total_bare}':>12}")
    human = labels[2:]
    per_step_ours = sum(sum(ours_counts[l].values()) for l in human) / len(human)  # noqa: E741
    per_step_bare = sum(sum(bare_counts[l].values()) for l in human) / len(human)  # noqa: E741
    print()
    print(f"ours: {ours_rate:.1f} dossiers/s, bare viewflow: {bare_rate:.1f} dossiers/s")
    print(f"ratio: {ours_rate / bare_rate:.2f}× (goal ≥ 0.6×)")
    print(f"statements per human step: ours {per_step_ours:.1f}, bare {per_step_bare:.1f}")
    import json

    for line in (
        {
            "name": "lifecycle: dossiers/s, ours vs bare viewflow",
            "db": vendor,
            "ours": round(ours_rate, 2),
            "baseline": round(bare_rate, 2),
            "unit": "per s",
            "ratio": round(ours_rate / bare_rate, 3),
            "goal": "≥ 0.6× bare viewflow",
        },
        {
            "name": "lifecycle: SQL statements per human step, ours vs bare viewflow",
            "db": vendor,
            "ours": per_step_ours,
            "baseline": per_step_bare,
            "unit": "statements",
            "ratio": round(per_step_ours / per_step_bare, 3),
            "goal": None,
        },
    ):
        print("BENCH " + json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
