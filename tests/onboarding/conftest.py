import csv
import io

import pytest
from openpyxl import Workbook

from nominations.models import Unit
from onboarding import services
from onboarding.kinds import KINDS
from tests.factories import UserFactory
from tests.workflows.conftest import people  # noqa: F401 - the workflow's cast, as a fixture here too


def csv_bytes(kind: str, rows: list[dict]) -> bytes:
    """A CSV with the kind's Vietnamese headers and ``rows`` (dicts by column key)."""
    columns = KINDS[kind].columns
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(kind: str, rows: list[dict]) -> bytes:
    columns = KINDS[kind].columns
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in columns])
    for row in rows:
        sheet.append([row.get(c.key, None) for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def eager():
    """Celery tasks run inline when queued (the worker's code, in the test's process)."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", roles=["administrator"])


@pytest.fixture
def run_import(admin_user):
    """Submit and run an import at once (as the worker would), returning the finished run."""

    def _run(kind, data, *, name=None, dry_run=False, actor=None, scope_unit=None):
        run = services.submit_import(
            kind=kind,
            name=name or f"{kind}.csv",
            data=data,
            actor=actor or admin_user,
            dry_run=dry_run,
            scope_unit=scope_unit,
            queue=False,
        )
        services.execute_run(run.pk)
        run.refresh_from_db()
        return run

    return _run


@pytest.fixture
def province(db, run_import):
    """Two units with a department each, imported through the importer itself."""
    run_import(
        "units",
        csv_bytes(
            "units",
            [
                {"code": "syt", "name": "Sở Y tế tỉnh Thử", "kind": "Sở Y tế"},
                {"code": "bva", "name": "Bệnh viện A", "kind": "Đơn vị trực thuộc", "parent": "syt"},
                {"code": "bvb", "name": "Bệnh viện B", "kind": "Trực thuộc", "parent": "syt"},
            ],
        ),
    )
    run_import(
        "collectives",
        csv_bytes(
            "collectives",
            [
                {"unit": "bva", "code": "khoa-noi", "name": "Khoa Nội"},
                {"unit": "bvb", "code": "khoa-ngoai", "name": "Khoa Ngoại"},
            ],
        ),
    )
    return {u.code: u for u in Unit.objects.all()}
