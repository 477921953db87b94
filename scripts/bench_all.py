#!/usr/bin/env python
"""Run the quick benchmarks and print one table with their ratios (``make bench``).

    .venv/bin/python scripts/bench_all.py                 # SQLite, and PostgreSQL if reachable
    BENCH_PG=0 .venv/bin/python scripts/bench_all.py      # SQLite only
    .venv/bin/python scripts/bench_all.py lifecycle mail  # only the scripts whose name contains these

Every ``scripts/bench_*.py`` that knows ``BENCH_QUICK`` is run with ``BENCH_QUICK=1``, once on a
throw-away SQLite database and, when PostgreSQL answers at ``BENCH_PG_URL`` (default
``postgres://postgres@127.0.0.1:5432``), once more on a database created for it and dropped after.
Each script ends with lines ``BENCH {json}`` (name, db, ours, baseline, unit, ratio, goal); this
runner gathers them. A script that fails is shown as failed and the others still run; the exit
status is 1 if any failed.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
# Long runs that are not part of the quick table (run them by hand, see the README).
EXCLUDED = {"bench_all.py", "bench_locust.py"}


def quick_scripts(only: list[str]) -> list[Path]:
    found = []
    for path in sorted(SCRIPTS.glob("bench_*.py")):
        if path.name in EXCLUDED or "BENCH_QUICK" not in path.read_text(encoding="utf-8"):
            continue
        if only and not any(word in path.stem for word in only):
            continue
        found.append(path)
    return found


def postgres_reachable() -> bool:
    if os.environ.get("BENCH_PG", "1") == "0":
        return False
    try:
        import psycopg

        with psycopg.connect(f"{PG_URL}/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def run(path: Path, database: str | None) -> tuple[list[dict], str | None, float]:
    """Run one script; return its BENCH rows, an error text (or None) and the seconds it took."""
    env = {**os.environ, "BENCH_QUICK": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    name = None
    if database == "postgresql":
        name = f"bench_quick_{path.stem.removeprefix('bench_')}"
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{PG_URL}/{name}"
        env["BENCH_PG_URL"] = PG_URL
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own scripts, with our interpreter
            [sys.executable, str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=int(os.environ.get("BENCH_TIMEOUT", "600")),
        )
    except subprocess.TimeoutExpired:
        return [], "timed out", time.perf_counter() - started
    finally:
        if name:
            # The page benchmark keeps its demo beside the big one ("…_demo").
            for database_name in (name, f"{name}_demo"):
                _admin(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
    took = time.perf_counter() - started
    rows = []
    for line in done.stdout.splitlines():
        if line.startswith("BENCH {"):
            rows.append(json.loads(line.removeprefix("BENCH ")))
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["(no output)"]
        return rows, f"exit {done.returncode}: {tail[0][:120]}", took
    return rows, None, took


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value < 10:
        return f"{value:.2f}"
    return f"{value:,.0f}" if isinstance(value, (int, float)) else str(value)


def table(rows: list[dict]) -> str:
    header = ("benchmark", "db", "ours", "baseline", "unit", "ratio", "goal")
    lines = [
        (
            row.get("name", "?"),
            row.get("db", "?"),
            _number(row.get("ours")),
            _number(row.get("baseline")),
            row.get("unit", ""),
            f"{row['ratio']:.2f}×" if isinstance(row.get("ratio"), (int, float)) else "–",
            row.get("goal", ""),
        )
        for row in rows
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=False)]
    out = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    out += [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in lines
    ]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    scripts = quick_scripts(argv)
    databases = ["sqlite"] + (["postgresql"] if postgres_reachable() else [])
    print(f"quick benchmarks: {', '.join(p.stem for p in scripts)} on {', '.join(databases)}", flush=True)
    rows, failures = [], []
    for path in scripts:
        for database in databases:
            found, error, took = run(path, database)
            # A script that only runs on one database says so with no row for the other.
            rows += [row for row in found if row.get("db", database) == database]
            # Exit 0 and no figure: the script does not apply to this database (it says why).
            status = error or (f"{len(found)} figure(s)" if found else "skipped")
            print(f"  {path.stem:<28} {database:<11} {took:6.1f} s  {status}", flush=True)
            if error:
                failures.append(f"{path.stem} on {database}: {error}")
    print()
    print(table(rows))
    machine = os.uname()
    print(f"\nmachine: {machine.nodename}, {os.cpu_count()} CPU, {machine.sysname} {machine.release}")
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
