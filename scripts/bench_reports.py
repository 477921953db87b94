#!/usr/bin/env python
"""Benchmark: the statistics page, its .xlsx downloads and the step analytics on N dossiers
(default 100,000) with one finished unit-head signoff and one office review per dossier,
counting the queries of each page and timing it.

    .venv/bin/python scripts/bench_reports.py
    BENCH_COUNT=20000 .venv/bin/python scripts/bench_reports.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h15_bench .venv/bin/python scripts/bench_reports.py

Uses a throw-away SQLite database unless DATABASE_URL is set (give it an empty database you
can throw away). Rows are written with bulk inserts, not through the workflow: the point is
the reading side. The query count of each page must be the same at 1,000 dossiers and at N.
"""

import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNT = int(os.environ.get("BENCH_COUNT", "100000"))
BATCH = 5000


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def seed(count: int) -> None:
    """``count`` dossiers spread over units, awards, years and statuses, each with a process
    and two finished human tasks (unit signoff, office review) with due dates."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone
    from viewflow.workflow.models import Process, Task

    from nominations.models import AwardType, Nomination, Staff, Unit
    from workflows.flows import NominationFlow
    from workflows.models import StepDeadline

    rng = random.Random(15)
    author, _ = get_user_model().objects.get_or_create(
        username="bench.vanphong", defaults={"full_name": "Bench"}
    )
    author.groups.add(Group.objects.get(name="office_reviewer"))
    units = [
        Unit.objects.get_or_create(
            code=f"bench{i}", defaults={"name": f"Đơn vị thử {i}", "kind": "attached"}
        )[0]
        for i in range(40)
    ]
    award, _ = AwardType.objects.get_or_create(
        code="bench-giay-khen",
        defaults={"name": "Giấy khen (thử)", "applies_to": "individual", "authority": "director"},
    )
    staff = []
    for unit in units:
        for j in range(25):
            staff.append(
                Staff(
                    staff_code=f"B{unit.code}-{j}",
                    full_name=f"Nhân viên {j}",
                    gender=rng.choice(["male", "female"]),
                    unit=unit,
                )
            )
    Staff.objects.bulk_create(staff, ignore_conflicts=True)
    staff = list(Staff.objects.filter(unit__in=units))
    statuses = ["draft", "office_review", "director_signoff", "decided", "rejected", "awarded", "approved"]
    now = timezone.now()
    start = Nomination.objects.count()
    for offset in range(start, count, BATCH):
        size = min(BATCH, count - offset)
        with transaction.atomic():
            made = Nomination.objects.bulk_create(
                [
                    Nomination(
                        code=f"KT-2099-{offset + i:07d}",
                        year=rng.choice([2023, 2024, 2025]),
                        unit=(person := rng.choice(staff)).unit,
                        basis="annual",
                        nominee_kind="individual",
                        staff=person,
                        award_type=award,
                        achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
                        status=rng.choice(statuses),
                        created_by=author,
                    )
                    for i in range(size)
                ]
            )
            if not made[0].pk:  # SQLite before RETURNING: read the ids back
                made = list(Nomination.objects.filter(code__startswith="KT-2099-").order_by("-id")[:size])
            processes = Process.objects.bulk_create(
                [Process(flow_class=NominationFlow, status="NEW") for _ in made]
            )
            if not processes[0].pk:
                processes = list(Process.objects.order_by("-id")[: len(made)])[::-1]
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO workflows_nominationprocess (process_ptr_id, nomination_id, last_decision) VALUES (%s, %s, '')",
                    [(p.pk, n.pk) for p, n in zip(processes, made, strict=True)],
                )
            tasks = []
            for process in processes:
                first = now - timedelta(days=rng.uniform(10, 300))
                took = rng.uniform(0.1, 8)
                tasks.append(
                    Task(
                        process=process,
                        flow_task=NominationFlow.unit_signoff,
                        flow_task_type="HUMAN",
                        status="DONE",
                        created=first,
                        finished=first + timedelta(days=took),
                        data={"decision": "submit"},
                    )
                )
                second = first + timedelta(days=took)
                review = rng.uniform(0.5, 12)
                decision = "return" if rng.random() < 0.1 else "forward"
                tasks.append(
                    Task(
                        process=process,
                        flow_task=NominationFlow.office_review,
                        flow_task_type="HUMAN",
                        status="DONE",
                        created=second,
                        finished=second + timedelta(days=review),
                        data={
                            "decision": decision,
                            "comment": "Bổ sung minh chứng." if decision == "return" else "",
                        },
                    )
                )
            tasks = Task.objects.bulk_create(tasks)
            if not tasks[0].pk:
                tasks = list(Task.objects.order_by("-id")[: len(tasks)])[::-1]
            StepDeadline.objects.bulk_create(
                [StepDeadline(task_id=t.pk, due_at=t.created + timedelta(days=5)) for t in tasks]
            )
        print(f"  seeded {offset + size:,} dossiers", flush=True)


def measure(label: str, client, path: str) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code)
    print(f"  {label:<34} {len(queries.captured_queries):>3} queries  {elapsed * 1000:8.0f} ms", flush=True)
    return len(queries.captured_queries), elapsed


def run_pages() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench.vanphong"))
    return {
        "statistics": measure("/reports/", client, "/reports/"),
        "statistics, one year": measure("/reports/?year=2024", client, "/reports/?year=2024"),
        "by unit .xlsx": measure("/reports/statistics/unit.xlsx", client, "/reports/statistics/unit.xlsx"),
        "step analytics": measure("/reports/steps/", client, "/reports/steps/"),
        "step analytics .xlsx": measure("/reports/steps/steps.xlsx", client, "/reports/steps/steps.xlsx"),
    }


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        folder = tempfile.mkdtemp(prefix="h15_bench_")
        url = f"sqlite:///{folder}/bench.sqlite3"
    setup_django(url)
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    print(f"Database: {settings.DATABASES['default']['ENGINE']}")
    small = min(1000, COUNT)
    seed(small)
    print(f"{small:,} dossiers:")
    at_small = run_pages()
    seed(COUNT)
    print(f"{COUNT:,} dossiers ({2 * COUNT:,} tasks):")
    at_count = run_pages()
    for name, (queries, _elapsed) in at_small.items():
        if at_count[name][0] != queries:
            sys.exit(f"{name}: {queries} queries at {small:,} dossiers but {at_count[name][0]} at {COUNT:,}")
    print("Query counts identical at both sizes.")


if __name__ == "__main__":
    main()
