#!/usr/bin/env python
"""Benchmark: the documents of one award decision for the seed case (10 collectives and
55 individuals): read from the database, then the Quyết định (.docx and PDF) with its annex,
the 65 certificates (PDF) and the danh sách trích ngang (.xlsx). Prints each time and the total.

    .venv/bin/python scripts/bench_decision_documents.py
    BENCH_RUNS=5 .venv/bin/python scripts/bench_decision_documents.py

Uses a throw-away SQLite database unless DATABASE_URL is set (give it one you can throw away).
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
COLLECTIVES, INDIVIDUALS = 10, 55
NUMBER = "999/QĐ-SYT"


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bench-documents-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("MEDIA_ROOT", folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_decision():
    """The seed case made through the real service, then put in one issued decision."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from nominations.models import AwardType, Staff, Unit
    from workflows.drafting import create_nomination
    from workflows.models import AwardDecision

    existing = AwardDecision.objects.filter(number=NUMBER).first()
    if existing:
        return existing
    users = get_user_model().objects
    unit, _ = Unit.objects.get_or_create(
        code="bench-bvtn", defaults={"name": "Bệnh viện Đa khoa Thống Nhất (bench)", "kind": "attached"}
    )
    officer, _ = users.get_or_create(
        username="bench.canbo", defaults={"unit": unit, "full_name": "Cán bộ TĐKT"}
    )
    office, _ = users.get_or_create(username="bench.vanphong", defaults={"full_name": "Nguyễn Thị Ngọc Lan"})
    director, _ = users.get_or_create(username="bench.giamdoc", defaults={"full_name": "Trần Minh Khang"})
    director.groups.add(Group.objects.get(name="director"))
    individual, _ = AwardType.objects.get_or_create(
        code="bench-giay-khen-ca-nhan",
        defaults={
            "name": "Giấy khen của Giám đốc Sở Y tế (cá nhân)",
            "applies_to": "individual",
            "authority": "director",
        },
    )
    collective, _ = AwardType.objects.get_or_create(
        code="bench-giay-khen-tap-the",
        defaults={
            "name": "Giấy khen của Giám đốc Sở Y tế (tập thể)",
            "applies_to": "collective",
            "authority": "director",
        },
    )
    names = ["Nguyễn Thị Ánh Tuyết", "Trần Văn Đức", "Lê Hoàng Đạt", "Phạm Thị Hương", "Võ Minh Hiếu"]
    nominations = []
    for i in range(1, COLLECTIVES + 1):
        nominations.append(
            create_nomination(
                author=officer,
                unit=unit,
                year=2024,
                basis="ad_hoc",
                nominee_kind="collective",
                collective_name=f"Khoa Hồi sức tích cực số {i}",
                award_type=collective,
                achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2024.",
            )
        )
    for i in range(1, INDIVIDUALS + 1):
        staff = Staff.objects.create(
            staff_code=f"BENCH-{i:03d}",
            full_name=f"{names[i % 5]} {i}",
            gender="female" if i % 2 else "male",
            position="Điều dưỡng trưởng",
            unit=unit,
            date_of_birth=datetime.date(1985, 5, 17),
        )
        nominations.append(
            create_nomination(
                author=officer,
                unit=unit,
                year=2024,
                basis="ad_hoc",
                nominee_kind="individual",
                staff=staff,
                award_type=individual,
                achievement_summary="Có sáng kiến cải tiến quy trình chăm sóc người bệnh.",
            )
        )
    decision = AwardDecision.objects.create(
        number=NUMBER,
        decision_date=datetime.date(2025, 2, 5),
        title="Tặng Giấy khen cho các tập thể, cá nhân năm 2024",
        prepared_by=office,
        signer=director,
        status="issued",
    )
    decision.nominations.set(nominations)
    return decision


def run_once(decision) -> dict[str, float]:
    from documents.certificate_pdf import build_certificates_pdf
    from documents.data import decision_data
    from documents.decision_docx import build_decision_docx
    from documents.decision_pdf import build_decision_pdf
    from documents.summary_xlsx import build_summary_xlsx

    times, sizes = {}, {}
    started = time.perf_counter()
    data = decision_data(decision)
    times["read from the database"] = time.perf_counter() - started
    assert (len(data.collectives), len(data.individuals)) == (COLLECTIVES, INDIVIDUALS)
    steps = {
        "Quyết định + phụ lục (.docx)": lambda: build_decision_docx(data),
        "Quyết định + phụ lục (PDF)": lambda: build_decision_pdf(data),
        "65 Giấy khen (PDF)": lambda: build_certificates_pdf(data),
        "trích ngang (.xlsx)": lambda: build_summary_xlsx(
            title="DANH SÁCH TRÍCH NGANG", subtitle=NUMBER, nominees=data.collectives + data.individuals
        ),
    }
    for label, build in steps.items():
        t = time.perf_counter()
        sizes[label] = len(build())
        times[label] = time.perf_counter() - t
    times["total"] = time.perf_counter() - started
    return times, sizes


def main() -> None:
    setup_django()
    decision = seed_decision()
    runs = [run_once(decision) for _ in range(RUNS)]
    print(f"Decision {NUMBER}: {COLLECTIVES} collectives, {INDIVIDUALS} individuals; {RUNS} runs (median)")
    for label in runs[0][0]:
        median = statistics.median(times[label] for times, _sizes in runs)
        size = runs[0][1].get(label)
        extra = f"  {size / 1024:8.1f} KiB" if size else ""
        print(f"  {label:32s} {median * 1000:8.0f} ms{extra}")


if __name__ == "__main__":
    main()
