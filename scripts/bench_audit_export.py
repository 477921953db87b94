#!/usr/bin/env python
"""Benchmark: export N audit events (default 100,000) as CSV and as Excel, from the command
(``export_audit``) and from the browser's streamed CSV response, each in a fresh process, and
print the time and the peak memory of each; then the time of ``verify_audit`` and of log pages.

    .venv/bin/python scripts/bench_audit_export.py
    BENCH_COUNT=20000 .venv/bin/python scripts/bench_audit_export.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_audit .venv/bin/python scripts/bench_audit_export.py

Uses a throw-away SQLite database unless DATABASE_URL is set (give it a database you can
throw away: the events are appended to it). Memory is shown two ways: the process's peak
resident size (ru_maxrss, Django included) and the peak of Python allocations during the
export alone (tracemalloc). Bounded memory shows as the same peak for 10,000 and N events.
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

COUNT = int(os.environ.get("BENCH_COUNT", "100000"))
SMALL = min(10_000, COUNT)
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


def child(mode: str, limit: int, output: str) -> None:
    """One measurement in this fresh process; prints a JSON line."""
    from django.core.management import call_command

    from audit import exports
    from audit.models import AuditEvent

    traced = os.environ.get("BENCH_TRACE") == "1"
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    if mode == "web-csv":
        from django.contrib.auth import get_user_model
        from django.test import RequestFactory

        from audit.views import audit_export

        request = RequestFactory().get("/audit/export/csv/")
        request.user = get_user_model().objects.get(username=READER)
        response = audit_export(request, "csv")
        with open(output, "wb") as stream:
            for piece in response.streaming_content:
                stream.write(piece)
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
    events = limit if limit < COUNT and mode != "web-csv" else AuditEvent.objects.count()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "traced_peak": peak,
                "max_rss_kb": rss_kb,
                "bytes": os.path.getsize(output),
                "events": events,
            }
        )
    )


def measure(mode: str, limit: int, workdir: Path) -> dict:
    suffix = "csv" if "csv" in mode else "xlsx"
    output = workdir / f"export-{mode}-{limit}.{suffix}"
    result = {}
    for traced in ("0", "1"):
        env = {**os.environ, "BENCH_TRACE": traced}
        done = subprocess.run(  # noqa: S603 - this script, run again as a child
            [sys.executable, __file__, "--child", mode, str(limit), str(output)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        values = json.loads(done.stdout.strip().splitlines()[-1])
        if traced == "0":
            result.update(
                seconds=values["seconds"],
                max_rss_kb=values["max_rss_kb"],
                bytes=values["bytes"],
                events=values["events"],
            )
        else:
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


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        setup_django(os.environ["DATABASE_URL"])
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    setup_django(os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}")
    from django.core.management import call_command

    from audit import chain

    call_command("migrate", verbosity=0)
    seed_seconds = seed(COUNT)

    started = time.perf_counter()
    report = chain.verify()
    verify_seconds = time.perf_counter() - started

    runs = [
        ("export_audit --format csv", "csv", SMALL),
        ("export_audit --format csv", "csv", COUNT),
        ("export_audit --format xlsx", "xlsx", SMALL),
        ("export_audit --format xlsx", "xlsx", COUNT),
        ("browser CSV (StreamingHttpResponse)", "web-csv", COUNT),
    ]
    results = [(label, limit, measure(mode, limit, workdir)) for label, mode, limit in runs]

    print(
        f"database: {os.environ['DATABASE_URL'].split(':')[0]}, events: {COUNT}, Python {sys.version.split()[0]}"
    )
    print(
        f"append {COUNT} events through the hash chain: {seed_seconds:.1f} s ({COUNT / max(seed_seconds, 1e-9):.0f}/s)"
    )
    print(f"verify_audit over {report.count} events: {verify_seconds:.1f} s, intact: {report.intact}")
    print()
    print(f"{'export':40} {'events':>8} {'time':>8} {'size':>9} {'peak RSS':>9} {'Python peak':>12}")
    for label, _limit, r in results:
        print(
            f"{label:40} {r['events']:>8} {r['seconds']:>7.1f}s {r['bytes'] / 1e6:>7.1f}MB "
            f"{r['max_rss_kb'] / 1024:>7.0f}MB {r['traced_peak'] / 1e6:>10.1f}MB"
        )
    print()
    for label, ms in page_timings():
        print(f"log page, {label:35} {ms:>7.1f} ms")


if __name__ == "__main__":
    main()
