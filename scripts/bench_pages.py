#!/usr/bin/env python
"""Benchmark: the pages of issue 14 on the demo (~65 dossiers) against a province's worth of
data (100,000 dossiers, 1,000,000 audit events by default), server time through Django's test
client, 20 repeats each, p50 and p95; the ratio is big p95 / demo p95 (goal ≤ 2×, and p95 ≤
100 ms on PostgreSQL).

    .venv/bin/python scripts/bench_pages.py                       # SQLite under var/bench/
    BENCH_QUICK=1 .venv/bin/python scripts/bench_pages.py         # 5,000 dossiers / 50,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14p_big \\
    DEMO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14p_demo .venv/bin/python scripts/bench_pages.py
    BENCH_PAGES="decisions,home (office" ...                     # only the pages so labelled

Two databases: the demo one (migrated and ``seed_demo``) and the big one (the same, then
``scripts/generate_province.py``). Each is built when it is empty (PostgreSQL databases are
created if missing; ``DEMO_DATABASE_URL`` defaults to DATABASE_URL's name with ``_demo``); a
database that already holds the data is reused, so the long generation runs once (SQLite
files are kept in var/bench/ for that; delete them to start afresh). Each
database is measured in its own process, and the two alternate (demo, big, demo, big), so that
the machine's load falls on both alike.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

QUICK = os.environ.get("BENCH_QUICK") == "1"
DOSSIERS = int(os.environ.get("BENCH_DOSSIERS", "5000" if QUICK else "100000"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "50000" if QUICK else "1000000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "10" if QUICK else "20"))
ROUNDS = 2  # alternations of demo and big; REPEATS are split between them
NO_MATCH = "khongcoaitenthenay"
QUICK_UNITS = ["bvtn", "bvdq", "cdc", "vp"]

# (label, user, path) — {code}, {task}, {events_code} are filled in per database.
PAGES = [
    ("audit log, a search that matches nothing", "thanhtra", f"/audit/?query={NO_MATCH}"),
    ("audit log, first page", "thanhtra", "/audit/"),
    ("dossier's audit timeline", "thanhtra", "/audit/dossiers/{events_code}/"),
    ("tasks done (office reviewer)", "vanphong", "/tasks/done/"),
    ("tasks done (head of office)", "chanhvanphong", "/tasks/done/"),
    ("decisions list", "vanphong", "/decisions/"),
    ("dossiers list (office, no filter)", "vanphong", "/dossiers/"),
    ("dossiers list (unit officer)", "bvtn.canbo", "/dossiers/"),
    ("dossiers list (office, a search)", "vanphong", "/dossiers/?query=nguyen+van"),
    ("dossiers list (unit officer, a search)", "bvtn.canbo", "/dossiers/?query=nguyen+thi"),
    ("home (unit officer)", "bvtn.canbo", "/"),
    ("home (office reviewer)", "vanphong", "/"),
    ("home (director)", "giamdoc", "/"),
    ("home (inspector)", "thanhtra", "/"),
    ("inbox (office reviewer)", "vanphong", "/tasks/"),
    ("queue (office reviewer)", "vanphong", "/tasks/queue/"),
    ("task detail", "vanphong", "/tasks/{task}/"),
    ("dossier detail", "vanphong", "/dossiers/{code}/"),
    ("flow chart", "vanphong", "/dossiers/{code}/chart.svg"),
]
# BENCH_PAGES="decisions,home (office" measures only the pages whose label contains one of these.
ONLY = [part.strip() for part in os.environ.get("BENCH_PAGES", "").split(",") if part.strip()]
if ONLY:
    PAGES = [page for page in PAGES if any(part in page[0] for part in ONLY)]


def _with_name(url: str, suffix: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


def _ensure_database(url: str, template: str | None = None) -> None:
    """Create the database if missing, as a copy of ``template`` when given (the demo, so that
    the big one need not seed it again)."""
    if url.startswith("sqlite"):
        path, source = Path(urlsplit(url).path), template and Path(urlsplit(template).path)
        if not path.exists() and source and source.exists():
            shutil.copyfile(source, path)
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            copy = f' TEMPLATE "{urlsplit(template).path.lstrip("/")}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')


def _run(args: list, url: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(  # noqa: S603 — this very script, with our own arguments
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"{' '.join(args)} on {url} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


# --- Child: build or measure the configured database -------------------------------------------


def child_build(kind: str) -> None:
    from generate_province import generate, setup_django

    setup_django()
    from django.core.management import call_command

    from nominations.models import Nomination

    call_command("migrate", verbosity=0)
    have = Nomination.objects.count()
    if kind == "demo":
        if not have:
            call_command("seed_demo", verbosity=0)
    elif have < DOSSIERS:
        # The quick run drives templates in four units only (each takes a few seconds).
        generate(DOSSIERS, EVENTS, verbose=False, unit_codes=QUICK_UNITS if QUICK else None)
    print(json.dumps({"dossiers": Nomination.objects.count()}))


def _targets() -> dict:
    """The newest decided dossier that has audit events (its timeline then holds its decision's
    events too); an open task the office reviewer holds."""
    from viewflow.workflow.models import Task

    from audit.models import AuditEvent
    from nominations.models import Nomination

    decided = Nomination.objects.filter(status="decided")
    with_events = AuditEvent.objects.filter(event_type="approved", nomination_id__in=decided.values("pk"))
    code = with_events.order_by("-id").values_list("nomination_code", flat=True).first()
    task = (
        Task.objects.filter(owner__username="vanphong", status="ASSIGNED")
        .order_by("-id")
        .values_list("pk", flat=True)
        .first()
    )
    return {"code": code, "events_code": code, "task": task}


def child_measure(repeats: int) -> None:
    from generate_province import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    import config.wsgi  # noqa: F401 - the process as gunicorn serves it (its gc.freeze())

    settings.ALLOWED_HOSTS = ["*"]
    targets = _targets()
    clients = {}
    results = {}
    for label, username, path in PAGES:
        if username not in clients:
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            clients[username] = client
        client = clients[username]
        url = path.format(**targets)
        client.get(url)  # warm: content types, templates, the connection
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results[label] = {"times": times, "url": url}
    print(json.dumps({"vendor": connection.vendor, "pages": results}))


# --- Parent ---------------------------------------------------------------------------------


def _last_json(output: str) -> dict:
    """The child's answer: its last line (seeding prints a line of its own before it)."""
    return json.loads(output.strip().splitlines()[-1])


def _p(values: list, q: float) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        return child_build(sys.argv[2])
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        return child_measure(int(sys.argv[2]))
    big = os.environ.get("DATABASE_URL")
    if big:
        demo = os.environ.get("DEMO_DATABASE_URL") or _with_name(big, "_demo")
    else:
        # Kept under var/ and reused: the generation runs once, later runs only measure.
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        demo = f"sqlite:///{folder}/pages-demo.sqlite3"
        big = f"sqlite:///{folder}/pages-{DOSSIERS}-{EVENTS}.sqlite3"
    started = time.perf_counter()
    _ensure_database(demo)
    sizes = {"demo": _last_json(_run(["--build", "demo"], demo))}
    _ensure_database(big, template=demo)
    sizes["big"] = _last_json(_run(["--build", "big"], big))
    say = print if not QUICK else (lambda *a, **k: None)
    say(
        f"demo: {sizes['demo']['dossiers']:,} dossiers; big: {sizes['big']['dossiers']:,} dossiers "
        f"(ready in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    times = {"demo": {}, "big": {}}
    vendor = "sqlite"
    per_round = max(REPEATS // ROUNDS, 1)
    for _round in range(ROUNDS):
        for name, url in (("demo", demo), ("big", big)):
            out = _last_json(_run(["--measure", str(per_round)], url))
            vendor = out["vendor"]
            for label, page in out["pages"].items():
                times[name].setdefault(label, []).extend(page["times"])
    db = "postgresql" if vendor == "postgresql" else "sqlite"
    table = not QUICK  # the quick run (make bench) prints only the BENCH lines
    if table:
        print(f"\n{'page':<42} {'demo p50':>9} {'demo p95':>9} {'big p50':>9} {'big p95':>9} {'ratio':>6}")
    lines = []
    for label, _user, _path in PAGES:
        demo_times, big_times = times["demo"][label], times["big"][label]
        d50, d95, b50, b95 = _p(demo_times, 50), _p(demo_times, 95), _p(big_times, 50), _p(big_times, 95)
        ratio = b95 / d95 if d95 else None
        if table:
            print(f"{label:<42} {d50:>9.1f} {d95:>9.1f} {b50:>9.1f} {b95:>9.1f} {ratio:>5.2f}×")
        lines.append(
            {
                "name": f"page p95 at {sizes['big']['dossiers']:,} dossiers vs demo: {label}",
                "db": db,
                "ours": round(b95, 1),
                "baseline": round(d95, 1),
                "unit": "ms",
                "ratio": round(ratio, 2) if ratio else None,
                "goal": "≤ 2× demo, p95 ≤ 100 ms on PostgreSQL",
            }
        )
    print()
    for line in lines:
        print("BENCH " + json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
