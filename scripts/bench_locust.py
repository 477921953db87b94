#!/usr/bin/env python
"""Benchmark: mixed roles (scripts/locustfile.py) against gunicorn with 4 workers, production
settings, locust on the same machine: 10 people, then a saturation step.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14l_big .venv/bin/python scripts/bench_locust.py
    BENCH_QUICK=1 .venv/bin/python scripts/bench_locust.py          # throw-away SQLite, short steps

The database is migrated and, when it has no demo accounts, seeded with ``seed_demo``; fill it
beforehand for the province's scale (scripts/generate_province.py). The run changes the data
(tasks are taken and decided): use a database you may throw away.

Settings (defaults in brackets): BENCH_PORT [8870], BENCH_WORKERS [4], BENCH_STEPS
["10:5:60,50:10:60", users:spawn rate:seconds per step], BENCH_REDIS_URL
[redis://127.0.0.1:6379/14] (the broker the web processes publish to; flushed at the end),
BENCH_KEEP=1 keeps the work folder (gunicorn log, locust CSV files), BENCH_BASELINE_ENV
["", e.g. "DATABASE_CONN_MAX_AGE=0"] runs each step first with those settings, then with ours.

Prints req/s, p50 and p95 per request kind and overall for each step, the failures, what the
actions came to (done, lost a race…), the machine's load, and BENCH lines.
"""

import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
QUICK = os.environ.get("BENCH_QUICK") == "1"
PORT = int(os.environ.get("BENCH_PORT", "8870"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
STEPS = os.environ.get("BENCH_STEPS", "10:10:15,30:30:15" if QUICK else "10:5:60,50:10:60")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
# The issue's figures for the same mix on the 100k set (gunicorn 4 workers, PostgreSQL 15).
ISSUE_SATURATION_RPS = 13.0
GOAL_P95_MS = 300
# collectstatic (compressed, hashed names) takes a minute: kept between runs, redone when a file
# under static/ is newer than its manifest, or with BENCH_COLLECTSTATIC=1.
STATIC_ROOT = ROOT / "var" / "bench-static"
SQLITE_DEMO = ROOT / "var" / "bench-locust-demo.sqlite3"


def server_env(workdir: Path) -> dict:
    """Production settings, as bin/smoke-production sets them; only Secure cookies are off,
    because the benchmark speaks plain HTTP (requests would not send them back)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CELERY_TASK_ALWAYS_EAGER", "EMAIL_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_COOKIES="0",
        CELERY_BROKER_URL=REDIS_URL,
        DJANGO_STATIC_ROOT=str(STATIC_ROOT),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        KHENTHUONG_VAR_DIR=str(workdir / "var"),
        SITE_URL=f"https://127.0.0.1:{PORT}",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(env: dict, workdir: Path) -> None:
    (Path(env["KHENTHUONG_VAR_DIR"])).mkdir(parents=True, exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        # The seeded SQLite demo is built once and copied for each run (seeding takes a minute).
        if not SQLITE_DEMO.exists():
            build = {**env, "DATABASE_URL": f"sqlite:///{SQLITE_DEMO}.tmp"}
            manage(build, "migrate", "--noinput")
            manage(build, "seed_demo")
            Path(f"{SQLITE_DEMO}.tmp").rename(SQLITE_DEMO)
        shutil.copyfile(SQLITE_DEMO, workdir / "bench.sqlite3")
    manage(env, "migrate", "--noinput")
    manifest = STATIC_ROOT / "staticfiles.json"
    newest = max(path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file())
    if (
        os.environ.get("BENCH_COLLECTSTATIC") == "1"
        or not manifest.exists()
        or manifest.stat().st_mtime < newest
    ):
        manage(env, "collectstatic", "--noinput")
    has_demo = manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model as m; print(m().objects.filter(username='vanphong').exists())",
    )
    if "True" not in has_demo:
        manage(env, "seed_demo")


def wait_until_up(proc: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer within 60 s")


def data_size(env: dict) -> str:
    out = manage(
        env,
        "shell",
        "-c",
        "from nominations.models import Nomination; from audit.models import AuditEvent; "
        "print(Nomination.objects.count(), AuditEvent.objects.count())",
    )
    dossiers, events = out.split()[-2:]
    return f"{int(dossiers):,} dossiers, {int(events):,} audit events"


def run_step(env: dict, workdir: Path, users: int, rate: int, seconds: int) -> tuple[list[dict], dict]:
    prefix = workdir / f"u{users}"
    outcomes = workdir / f"u{users}-outcomes.json"
    cmd = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "scripts" / "locustfile.py"),
        "--host",
        f"http://127.0.0.1:{PORT}",
        "--headless",
        "-u",
        str(users),
        "-r",
        str(rate),
        "-t",
        f"{seconds}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    locust_env = {**env, "LOCUST_OUTCOMES": str(outcomes)}
    subprocess.run(cmd, cwd=ROOT, env=locust_env, capture_output=True, text=True, check=False)  # noqa: S603
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows, json.loads(outcomes.read_text()) if outcomes.exists() else {}


def number(row: dict, key: str) -> float:
    value = row.get(key) or "0"
    return float(value) if value != "N/A" else 0.0


def print_step(users: int, rows: list[dict], outcomes: dict, load: str) -> dict:
    print(f"\n{users} people (load average before the step: {load})")
    print(f"  {'request kind':<22} {'count':>6} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
    total = {}
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        line = (
            f"  {name:<22} {int(number(row, 'Request Count')):>6} {int(number(row, 'Failure Count')):>5} "
            f"{number(row, 'Requests/s'):>7.2f} {number(row, '50%'):>7.0f} {number(row, '95%'):>7.0f}"
        )
        print(line)
        if row["Name"] == "Aggregated":
            total = {
                "rps": number(row, "Requests/s"),
                "p50": number(row, "50%"),
                "p95": number(row, "95%"),
                "failures": int(number(row, "Failure Count")),
                "requests": int(number(row, "Request Count")),
            }
    if outcomes:
        print("  actions: " + "; ".join(f"{k} {v}" for k, v in outcomes.items()))
    return total


def start_server(env: dict, workdir: Path, label: str) -> tuple[subprocess.Popen, Path]:
    log = workdir / f"gunicorn-{label}.log"
    with open(log, "a") as out:
        server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{PORT}",
                "--access-logfile",
                str(workdir / f"access-{label}.log"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_until_up(server, log)
    return server, log


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def configurations() -> list[tuple[str, dict]]:
    """Ours, and the settings baseline of BENCH_BASELINE_ENV ("NAME=value NAME=value"), if any,
    run back to back at each step."""
    baseline = os.environ.get("BENCH_BASELINE_ENV", "").split()
    configs = [("ours", {})]
    if baseline:
        configs.insert(0, ("baseline", dict(item.split("=", 1) for item in baseline)))
    return configs


def bench_line(**fields) -> None:
    print("BENCH " + json.dumps(fields, ensure_ascii=False))


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-locust-"))
    env = server_env(workdir)
    db = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    prepare(env, workdir)
    size = data_size(env)
    configs = configurations()
    print(f"gunicorn {WORKERS} workers on {db} ({size}); locust on the same machine")
    if len(configs) > 1:
        print(f"each step runs first with the baseline settings {configs[0][1]}, then with ours")
    results: dict[str, list] = {label: [] for label, _extra in configs}
    errors = 0
    try:
        for step in STEPS.split(","):
            users, rate, seconds = (int(x) for x in step.split(":"))
            for label, extra in configs:
                server, log = start_server({**env, **extra}, workdir, label)
                try:
                    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
                    rows, outcomes = run_step(env, workdir, users, rate, seconds)
                finally:
                    stop_server(server)
                print(f"\n[{label}]", end="")
                results[label].append((users, print_step(users, rows, outcomes, load)))
                errors += log.read_text().count("Traceback")
    finally:
        try:
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
        except Exception as exc:  # noqa: BLE001 - the broker's leftovers are not the benchmark's result
            print(f"(could not flush {REDIS_URL}: {exc})")
    print(f"\nserver tracebacks in the gunicorn logs: {errors}")
    if os.environ.get("BENCH_KEEP") == "1":
        print(f"work folder kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)

    ours = results["ours"]
    (first_users, first), (last_users, last) = ours[0], ours[-1]
    bench_line(
        name=f"locust: p95 of all requests, {first_users} people ({size})",
        db=db,
        ours=first["p95"],
        baseline=None,
        unit="ms",
        ratio=None,
        goal=f"≤ {GOAL_P95_MS} ms",
    )
    bench_line(
        name=f"locust: req/s at saturation ({last_users} people) vs the issue's 13 req/s ({size})",
        db=db,
        ours=round(last["rps"], 2),
        baseline=ISSUE_SATURATION_RPS,
        unit="per s",
        ratio=round(last["rps"] / ISSUE_SATURATION_RPS, 2),
        goal="≥ 2× the issue's 13 req/s",
    )
    if "baseline" in results:
        base = results["baseline"][-1][1]
        bench_line(
            name=f"locust: req/s at saturation ({last_users} people), ours vs the settings baseline "
            f"{os.environ['BENCH_BASELINE_ENV']} in the same run",
            db=db,
            ours=round(last["rps"], 2),
            baseline=round(base["rps"], 2),
            unit="per s",
            ratio=round(last["rps"] / base["rps"], 2) if base["rps"] else None,
            goal="> 1×",
        )
    bench_line(
        name="locust: failed requests and server errors, all steps",
        db=db,
        ours=sum(total["failures"] for _users, total in ours) + errors,
        baseline=None,
        unit="requests",
        ratio=None,
        goal="0",
    )


if __name__ == "__main__":
    main()
