#!/usr/bin/env python
"""Benchmark: export N audit events (default 100,000) as CSV and as Excel, from the command
(``export_audit``) and from the browser's streamed responses, each in a fresh process, and
print the time, the time to the first byte and the peak memory of each; then the time of
``verify_audit`` and of log pages.

The browser's exports are measured at N/10 events and again at N (the same database, grown):
streamed, their first bytes leave at once and their memory is the same at both sizes. The
Excel export as it was before (openpyxl's write-only workbook into a temporary file, sent when
finished) is measured too, as the baseline of the time to the first byte.

    .venv/bin/python scripts/bench_audit_export.py
    BENCH_COUNT=20000 .venv/bin/python scripts/bench_audit_export.py
    BENCH_QUICK=1 .venv/bin/python scripts/bench_audit_export.py      # 5,000 events, browser exports only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_audit .venv/bin/python scripts/bench_audit_export.py

Uses a throw-away SQLite database unless DATABASE_URL is set (give it a database you can
throw away: the events are appended to it). Memory is shown two ways: the process's peak
resident size (ru_maxrss, Django included) and the peak of Python allocations during the
export alone (tracemalloc). Bounded memory shows as the same peak for N/10 and N events.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUICK = os.environ.get("BENCH_QUICK") == "1"
COUNT = int(os.environ.get("BENCH_COUNT", "5000" if QUICK else "100000"))
SMALL = max(COUNT // 10, 1)
# Events read (and rows written) at a time; quick runs take smaller chunks so that the small
# size still spans several (memory is bounded by the chunk, not by the number of events).
CHUNK = int(os.environ.get("BENCH_CHUNK", "100" if QUICK else "0"))
BATCH = 1000
READER = "bench.thanhtra"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def seed(count: int) -> float:
    """``count`` events of the usual kinds, appended through the real chain, 1,000 per transaction."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from audit.models import AuditEvent, EventType
    from audit.services import record_event

    reader, _ = get_user_model().objects.get_or_create(
        username=READER, defaults={"full_name": "Đỗ Thị Thanh"}
    )
    reader.groups.add(Group.objects.get(name="inspector"))
    missing = count - AuditEvent.objects.count()
    started = time.perf_counter()
    for start in range(0, max(missing, 0), BATCH):
        with transaction.atomic():
            for i in range(start, min(start + BATCH, missing)):
                code = f"KT-2024-{i % 5000:06d}"
                if i % 3 == 0:
                    record_event(
                        EventType.COMPLETED,
                        actor=reader,
                        reason="Bổ sung báo cáo thành tích, minh chứng sáng kiến cấp cơ sở",
                        detail={"step": "office_review", "decision": "return", "task": i},
                        search_extra=[code],
                    )
                elif i % 3 == 1:
                    record_event(
                        EventType.CHANGED,
                        actor=reader,
                        changes=[
                            {"field": "status", "old": "office_review", "new": "returned"},
                            {
                                "field": "achievement_summary",
                                "old": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
                                "new": "Hoàn thành xuất sắc nhiệm vụ năm 2024; có 01 sáng kiến được công nhận.",
                            },
                        ],
                        reason="Văn phòng Sở thẩm định: Trả lại để bổ sung – Thiếu minh chứng",
                        detail={"history_id": i},
                    )
                else:
                    record_event(EventType.LOGIN_FAILED, username=f"nguyễn.văn.{i}")
    return time.perf_counter() - started


def xlsx_before(events, stream) -> None:
    """The Excel export as it was before streaming: openpyxl's write-only workbook, saved whole."""
    from openpyxl import Workbook

    from audit import exports
    from common.spreadsheets import safe_row

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="Audit trail")
    sheet.append(exports.headers())
    for row in exports.rows(events):
        sheet.append(safe_row(row))
    book.save(stream)


def web_export(fmt: str, output: str) -> float:
    """The browser's export through the view; returns the seconds to its first byte."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from audit.views import audit_export

    started = time.perf_counter()
    request = RequestFactory().get(f"/audit/export/{fmt}/")
    request.user = get_user_model().objects.get(username=READER)
    response = audit_export(request, fmt)
    pieces = iter(response.streaming_content)
    first = next(pieces)
    first_byte = time.perf_counter() - started
    with open(output, "wb") as stream:
        stream.write(first)
        for piece in pieces:
            stream.write(piece)
    return first_byte


def web_xlsx_before(output: str) -> float:
    """The page as it was: the workbook written to a temporary file, then sent."""
    import tempfile

    from audit.filters import AuditEventFilter

    started = time.perf_counter()
    with tempfile.TemporaryFile() as handle, open(output, "wb") as stream:
        xlsx_before(AuditEventFilter(None).qs, handle)
        handle.seek(0)
        first = handle.read(8192)
        first_byte = time.perf_counter() - started
        stream.write(first)
        while piece := handle.read(1 << 20):
            stream.write(piece)
    return first_byte


def child(mode: str, limit: int, output: str) -> None:
    """One measurement in this fresh process; prints a JSON line."""
    from django.core.management import call_command

    from audit import exports
    from audit.models import AuditEvent

    if CHUNK:
        exports.CHUNK_SIZE = CHUNK
    traced = os.environ.get("BENCH_TRACE") == "1"
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    first_byte = None
    if mode in ("web-csv", "web-xlsx"):
        first_byte = web_export(mode.removeprefix("web-"), output)
    elif mode == "web-xlsx-before":
        first_byte = web_xlsx_before(output)
    elif limit < COUNT:
        events = AuditEvent.objects.filter(sequence__lte=limit)
        with open(output, "wb") as stream:
            exports.WRITERS[mode](events, stream)
    else:
        call_command("export_audit", "--format", mode, "--output", output)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    tracemalloc.stop()
    # The command and the page record their own export event first, and export it too.
    events = limit if limit < COUNT and not mode.startswith("web") else AuditEvent.objects.count()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "first_byte": first_byte,
                "traced_peak": peak,
                "max_rss_kb": rss_kb,
                "bytes": os.path.getsize(output),
                "events": events,
            }
        )
    )


def measure(mode: str, limit: int, workdir: Path) -> dict:
    suffix = "csv" if "csv" in mode else "xlsx"
    mode_limit = f"{mode}-{limit}"
    output = workdir / f"export-{mode_limit}.{suffix}"
    result = {}
    # Quick: one traced run (its time a little slower); else a run to time, one to trace.
    for traced in ("1",) if QUICK else ("0", "1"):
        env = {**os.environ, "BENCH_TRACE": traced}
        done = subprocess.run(  # noqa: S603 - this script, run again as a child
            [sys.executable, __file__, "--child", mode, str(limit), str(output)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        values = json.loads(done.stdout.strip().splitlines()[-1])
        if traced == "0" or QUICK:
            result.update(
                seconds=values["seconds"],
                first_byte=values["first_byte"],
                max_rss_kb=values["max_rss_kb"],
                bytes=values["bytes"],
                events=values["events"],
            )
        if traced == "1":
            result["traced_peak"] = values["traced_peak"]
    return result


def page_timings() -> list[tuple[str, float]]:
    from audit import selectors
    from audit.filters import AuditEventFilter
    from audit.models import AuditEvent
    from audit.presenters import present

    middle = AuditEvent.objects.order_by("-id").values_list("id", flat=True)[COUNT // 2]
    cases = [
        ("first page", {}, None),
        ("page in the middle (before=id)", {}, middle),
        ("event type filter", {"event_type": "login_failed"}, middle),
        ("search 'nguyen van 4999'", {"query": "nguyen van 4999"}, None),
    ]
    timings = []
    for label, filters, before in cases:
        started = time.perf_counter()
        page = selectors.log_page(AuditEventFilter(filters or None).results, before=before)
        present(page.events)
        timings.append((label, (time.perf_counter() - started) * 1000))
    return timings


def bench_line(name, db, ours, baseline, unit, ratio, goal) -> str:
    return "BENCH " + json.dumps(
        {
            "name": name,
            "db": db,
            "ours": round(ours, 3),
            "baseline": round(baseline, 3) if baseline is not None else None,
            "unit": unit,
            "ratio": round(ratio, 2) if ratio is not None else None,
            "goal": goal,
        },
        ensure_ascii=False,
    )


WEB = [
    ("browser Excel, streamed", "web-xlsx"),
    ("browser Excel, before (temporary file)", "web-xlsx-before"),
    ("browser CSV, streamed", "web-csv"),
]


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        setup_django(os.environ["DATABASE_URL"])
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    setup_django(os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}")
    from django.core.management import call_command
    from django.db import connection

    from audit import chain

    call_command("migrate", verbosity=0)
    db = connection.vendor
    at = {}  # (mode, events): measures of the browser's exports
    seed(SMALL)
    for _label, mode in WEB:
        if not (QUICK and mode == "web-xlsx-before"):  # the slow one, needed at the large size only
            at[mode, SMALL] = measure(mode, SMALL, workdir)
    seed_seconds = seed(COUNT)
    for _label, mode in WEB:
        at[mode, COUNT] = measure(mode, COUNT, workdir)
    results = [
        (label, limit, at[mode, limit])
        for limit in (SMALL, COUNT)
        for label, mode in WEB
        if (mode, limit) in at
    ]

    started = time.perf_counter()
    report = chain.verify()
    verify_seconds = time.perf_counter() - started

    if not QUICK:
        runs = [
            ("export_audit --format csv", "csv", SMALL),
            ("export_audit --format csv", "csv", COUNT),
            ("export_audit --format xlsx", "xlsx", SMALL),
            ("export_audit --format xlsx", "xlsx", COUNT),
        ]
        results += [(label, limit, measure(mode, limit, workdir)) for label, mode, limit in runs]

    print(f"database: {db}, events: {COUNT}, Python {sys.version.split()[0]}")
    print(f"append up to {COUNT} events through the hash chain: {seed_seconds:.1f} s")
    print(f"verify_audit over {report.count} events: {verify_seconds:.1f} s, intact: {report.intact}")
    print()
    print(
        f"{'export':40} {'events':>8} {'time':>8} {'1st byte':>9} {'size':>9} {'peak RSS':>9} {'Python peak':>12}"
    )
    for label, _limit, r in results:
        first = f"{r['first_byte'] * 1000:>7.0f}ms" if r["first_byte"] is not None else f"{'–':>9}"
        print(
            f"{label:40} {r['events']:>8} {r['seconds']:>7.1f}s {first} {r['bytes'] / 1e6:>7.1f}MB "
            f"{r['max_rss_kb'] / 1024:>7.0f}MB {r['traced_peak'] / 1e6:>10.1f}MB"
        )
    if not QUICK:
        print()
        for label, ms in page_timings():
            print(f"log page, {label:35} {ms:>7.1f} ms")
    print()
    big, small, before = at[("web-xlsx", COUNT)], at[("web-xlsx", SMALL)], at[("web-xlsx-before", COUNT)]
    print(
        bench_line(
            f"audit Excel export: time to first byte at {COUNT} events, streamed vs temporary file (before)",
            db,
            big["first_byte"] * 1000,
            before["first_byte"] * 1000,
            "ms",
            before["first_byte"] / big["first_byte"],
            "first bytes within 1 s",
        )
    )
    print(
        bench_line(
            f"audit Excel export: Python peak memory at {COUNT} vs {SMALL} events (streamed)",
            db,
            big["traced_peak"] / 1e6,
            small["traced_peak"] / 1e6,
            "MB",
            big["traced_peak"] / small["traced_peak"],
            "≈ 1× (bounded)",
        )
    )
    csv_big, csv_small = at[("web-csv", COUNT)], at[("web-csv", SMALL)]
    print(
        bench_line(
            f"audit CSV export: Python peak memory at {COUNT} vs {SMALL} events (streamed)",
            db,
            csv_big["traced_peak"] / 1e6,
            csv_small["traced_peak"] / 1e6,
            "MB",
            csv_big["traced_peak"] / csv_small["traced_peak"],
            "≈ 1× (bounded)",
        )
    )


if __name__ == "__main__":
    main()
