#!/usr/bin/env python
"""Benchmark: onboard a province. Import 100 units with 6 departments each, 26,000 staff,
150,000 award records and 100,000 yearly ratings through the real import service (the same
code the Celery task and the command run: check every row, bulk writes, one history row per
record, one audit event per file), then import the same files again (idempotent: nothing
written). Prints the time of each step and the total.

    createdb -h 127.0.0.1 -U postgres h18_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h18_bench .venv/bin/python scripts/bench_master_import.py

The database is migrated and its master data deleted first: give it a database you can throw
away. Sizes: BENCH_STAFF, BENCH_AWARDS, BENCH_RATINGS (defaults 26000, 150000, 100000);
BENCH_FORMAT=xlsx times .xlsx files instead of .csv.
"""

import csv
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STAFF = int(os.environ.get("BENCH_STAFF", "26000"))
AWARDS = int(os.environ.get("BENCH_AWARDS", "150000"))
RATINGS = int(os.environ.get("BENCH_RATINGS", "100000"))
FORMAT = os.environ.get("BENCH_FORMAT", "csv")
UNITS = 100
DEPARTMENTS = 6

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hương", "Khoa", "Lan", "Long", "Mai", "Nam", "Phúc"]
RATING_WORDS = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def sheet(kind: str, rows: list[dict]) -> bytes:
    from onboarding.kinds import KINDS

    columns = KINDS[kind].columns
    if FORMAT == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        ws = workbook.create_sheet()
        ws.append([c.header for c in columns])
        for row in rows:
            ws.append([row.get(c.key, "") for c in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def files() -> dict[str, bytes]:
    rng = random.Random(18)
    units = [{"code": "syt-bench", "name": "Sở Y tế (benchmark)", "kind": "Sở Y tế"}]
    units += [
        {
            "code": f"dv{u:03d}",
            "name": f"Đơn vị y tế số {u}",
            "kind": "Đơn vị trực thuộc",
            "parent": "syt-bench",
        }
        for u in range(1, UNITS + 1)
    ]
    collectives = [
        {"unit": f"dv{u:03d}", "code": f"khoa{d}", "name": f"Khoa số {d}"}
        for u in range(1, UNITS + 1)
        for d in range(1, DEPARTMENTS + 1)
    ]
    staff = []
    for n in range(1, STAFF + 1):
        unit = 1 + n % UNITS
        staff.append(
            {
                "code": f"NV{n:06d}",
                "name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                "gender": rng.choice(["Nam", "Nữ"]),
                "birth": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1965, 2000)}",
                "title": "Bác sĩ",
                "unit": f"dv{unit:03d}",
                "collective": f"khoa{1 + n % DEPARTMENTS}",
            }
        )
    awards, seen = [], set()
    while len(awards) < AWARDS:
        n = rng.randint(1, STAFF)
        year = rng.randint(2005, 2024)
        code = rng.choice(["ldtt", "cstdcs", "gk-ca-nhan"])
        if (n, year, code) in seen:
            continue
        seen.add((n, year, code))
        awards.append(
            {
                "staff": f"NV{n:06d}",
                "award": code,
                "year": str(year),
                "decision_number": f"{rng.randint(1, 999)}/QĐ-SYT",
                "decision_date": f"15/12/{year}",
                "issuing_body": "Sở Y tế",
            }
        )
    ratings = []
    for index in range(RATINGS):
        n, year = 1 + index % STAFF, 2024 - index // STAFF
        ratings.append({"staff": f"NV{n:06d}", "year": str(year), "rating": rng.choice(RATING_WORDS)})
    return {
        "units": sheet("units", units),
        "collectives": sheet("collectives", collectives),
        "staff": sheet("staff", staff),
        "awards": sheet("awards", awards),
        "ratings": sheet("ratings", ratings),
    }


def reset() -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    tables = [
        "eligibility_historicalperformancerating",
        "eligibility_performancerating",
        "nominations_historicalawardrecord",
        "nominations_awardrecord",
        "nominations_historicalstaff",
        "nominations_staff",
        "nominations_historicalcollective",
        "nominations_collective",
        "onboarding_importrun",
        "nominations_historicalunit",
        "nominations_unit",  # CASCADE: the users, dossiers and audit rows of this throw-away database too
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")  # noqa: S608
        else:
            for table in tables[:-2]:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names above


def main() -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from nominations.models import AwardType
    from onboarding import services

    reset()
    admin, _ = get_user_model().objects.get_or_create(username="bench.admin", defaults={"is_superuser": True})
    for code, name in [
        ("ldtt", "Lao động tiên tiến"),
        ("cstdcs", "Chiến sĩ thi đua cơ sở"),
        ("gk-ca-nhan", "Giấy khen"),
    ]:
        AwardType.objects.get_or_create(
            code=code, defaults={"name": name, "applies_to": "individual", "authority": "director"}
        )
    made = time.perf_counter()
    data = files()
    print(
        f"{connection.vendor}, {FORMAT}: files generated in {time.perf_counter() - made:.1f} s "
        + ", ".join(f"{k} {len(v) / 1e6:.1f} MB" for k, v in data.items())
    )

    def run(kind: str) -> tuple[float, dict]:
        started = time.perf_counter()
        job = services.submit_import(
            kind=kind, name=f"{kind}.{FORMAT}", data=data[kind], actor=admin, dry_run=False, queue=False
        )
        status = services.execute_run(job.pk)
        job.refresh_from_db()
        elapsed = time.perf_counter() - started
        if status != "done":
            raise SystemExit(f"{kind}: {status} {job.error} {job.report[:5]}")
        return elapsed, job.counts

    for label in ("first import", "second identical import"):
        total = 0.0
        for kind in ("units", "collectives", "staff", "awards", "ratings"):
            elapsed, counts = run(kind)
            total += elapsed
            print(f"  {label:24} {kind:12} {elapsed:6.1f} s  {counts}")
        print(f"{label}: {total:.1f} s in all")


if __name__ == "__main__":
    main()
