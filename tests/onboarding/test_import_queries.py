"""Imports write in bulk: the number of queries is pinned, and it grows with the number of
batches (of up to 2,000 rows; SQLite splits them by its limit on query parameters), never
with the number of rows."""

import math

from django.db import connection

from eligibility.models import PerformanceRating
from nominations.models import AwardRecord, Staff
from onboarding.importer import BATCH
from onboarding.models import RunStatus
from tests.factories import AwardTypeFactory

from .conftest import csv_bytes

STAFF = 2000
# Submitting and running one file, whatever its length: the run (insert, file, reads, status
# updates), look-ups of units, collectives, staff and award types, the stored records, the
# savepoint of the all-or-nothing transaction, and the audit event: once its transaction holds
# a chain head (here the test's own), one statement on PostgreSQL, two on SQLite (audit.chain).
AUDIT_EVENT = 1 if connection.vendor == "postgresql" else 2
FIXED = 15 + AUDIT_EVENT


def inserts(model, rows: int) -> int:
    """INSERT statements for ``rows`` records and their history rows, batch by batch. On
    PostgreSQL: one query reserving the ids, then COPY (two streams, which Django's query
    capture does not see: they are not per row either)."""
    if connection.vendor == "postgresql":
        return 1
    total = 0
    for start in range(0, rows, BATCH):
        chunk = min(BATCH, rows - start)
        for target in (model, model.history.model):
            fields = [f for f in target._meta.concrete_fields if not f.primary_key]
            total += math.ceil(chunk / connection.ops.bulk_batch_size(fields, [None] * chunk))
    return total


def progress_updates(rows: int) -> int:
    return math.ceil(rows / 1000)


def staff_rows(count):
    return [
        {
            "code": f"NV{n:05d}",
            "name": f"Nguyễn Văn {n}",
            "gender": "Nam",
            "unit": "bva",
            "collective": "khoa-noi",
        }
        for n in range(count)
    ]


def test_importing_2000_staff_takes_a_pinned_number_of_queries(
    province, run_import, django_assert_num_queries
):
    data = csv_bytes("staff", staff_rows(STAFF))
    with django_assert_num_queries(FIXED + progress_updates(STAFF) + inserts(Staff, STAFF)):
        run = run_import("staff", data)
    assert run.status == RunStatus.DONE and Staff.objects.count() == STAFF
    # The same file again: every row unchanged, nothing written but the run and its audit event.
    with django_assert_num_queries(FIXED + progress_updates(STAFF)):
        again = run_import("staff", data)
    assert again.counts["unchanged"] == STAFF


def test_award_history_and_ratings_of_2000_staff_in_bulk(province, run_import, django_assert_num_queries):
    run_import("staff", csv_bytes("staff", staff_rows(STAFF)))
    AwardTypeFactory(code="ldtt", name="Lao động tiên tiến", applies_to="individual")
    awards = [
        {"staff": f"NV{n:05d}", "award": "ldtt", "year": "2023", "decision_number": "1/QĐ"}
        for n in range(STAFF)
    ]
    ratings = [
        {"staff": f"NV{n:05d}", "year": str(y), "rating": "HTTNV"} for n in range(STAFF) for y in (2022, 2023)
    ]
    with django_assert_num_queries(FIXED + progress_updates(STAFF) + inserts(AwardRecord, STAFF)):
        assert run_import("awards", csv_bytes("awards", awards)).status == RunStatus.DONE
    with django_assert_num_queries(
        FIXED + progress_updates(2 * STAFF) + inserts(PerformanceRating, 2 * STAFF)
    ):
        assert run_import("ratings", csv_bytes("ratings", ratings)).status == RunStatus.DONE
    assert AwardRecord.objects.count() == STAFF and PerformanceRating.objects.count() == 2 * STAFF
    assert PerformanceRating.history.count() == 2 * STAFF
