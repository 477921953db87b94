"""The import page, templates, a run's report and progress, applying a dry run; who sees what."""

import io

from openpyxl import load_workbook

from nominations.models import Staff
from onboarding.kinds import KINDS
from onboarding.models import ImportRun, RunStatus
from tests.factories import UserFactory

from .conftest import csv_bytes
from .test_master_data_import import STAFF


def _upload(client, kind, data, *, dry_run, name="nhan-su.csv"):
    form = {"kind": kind, "file": io.BytesIO(data)}
    form["file"].name = name
    if dry_run:
        form["dry_run"] = "on"
    return client.post("/onboarding/import/", form)


def test_administrator_checks_then_applies_a_file_through_the_pages(
    province, admin_user, login, eager, django_capture_on_commit_callbacks
):
    client = login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(
            client, "staff", csv_bytes("staff", STAFF + [dict(STAFF[0], code="NV-4", unit="x")]), dry_run=True
        )
    run = ImportRun.objects.latest("id")
    assert response.url == f"/onboarding/import/runs/{run.pk}/"
    assert run.status == RunStatus.DONE and run.counts["refuse"] == 1
    page = client.get(response.url).content.decode()
    assert 'class="row-refuse"' in page and 'id="apply-run"' not in page
    assert Staff.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "staff", csv_bytes("staff", STAFF), dry_run=True)
    checked = ImportRun.objects.latest("id")
    page = client.get(f"/onboarding/import/runs/{checked.pk}/").content.decode()
    assert page.count('class="row-create"') == 3 and 'id="apply-run"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/onboarding/import/runs/{checked.pk}/apply/")
    applied = ImportRun.objects.latest("id")
    assert response.url == f"/onboarding/import/runs/{applied.pk}/"
    assert applied.status == RunStatus.DONE and not applied.dry_run and Staff.objects.count() == 3
    progress = client.get(f"/onboarding/import/runs/{applied.pk}/progress/").json()
    assert progress == {
        "status": "done",
        "label": applied.get_status_display(),
        "percent": 100,
        "finished": True,
    }


def test_templates_carry_the_vietnamese_headers(province, admin_user, login):
    client = login(admin_user)
    for name, kind in KINDS.items():
        response = client.get(f"/onboarding/import/templates/{name}.xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
        assert headers[0].rstrip(" *") == kind.columns[0].header
        csv_text = client.get(f"/onboarding/import/templates/{name}.csv").content.decode("utf-8-sig")
        assert csv_text.splitlines()[0].split(",")[0].rstrip(" *") == kind.columns[0].header


def test_a_filled_template_imports(province, admin_user, login, run_import):
    client = login(admin_user)
    blank = client.get("/onboarding/import/templates/staff.xlsx").content
    workbook = load_workbook(io.BytesIO(blank))
    workbook.worksheets[0].append(["NV-7", "Phạm Thị Hoa", "Nữ", "02/09/1991", "", "", "bva", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = run_import("staff", buffer.getvalue(), name="mau.xlsx")
    assert run.status == RunStatus.DONE and Staff.objects.get().full_name == "Phạm Thị Hoa"


def test_unit_officer_gets_only_unit_level_kinds_and_own_runs(province, login, run_import, admin_user):
    officer = UserFactory(username="bva.canbo", unit=province["bva"], roles=["unit_officer"])
    other = UserFactory(username="bvb.canbo", unit=province["bvb"], roles=["unit_officer"])
    client = login(officer)
    page = client.get("/onboarding/import/").content.decode()
    assert 'value="staff"' in page and 'value="awards"' in page
    assert 'value="units"' not in page and 'value="discipline"' not in page
    assert client.get("/onboarding/import/templates/discipline.xlsx").status_code == 404
    response = client.post("/onboarding/import/", {"kind": "units", "file": io.BytesIO(b"x")})
    assert response.status_code == 200 and ImportRun.objects.count() == 2  # the fixture's two
    mine = run_import("staff", csv_bytes("staff", STAFF[:2]), actor=officer, scope_unit=province["bva"])
    theirs = run_import("staff", csv_bytes("staff", STAFF[2:]), actor=other, scope_unit=province["bvb"])
    assert client.get(f"/onboarding/import/runs/{mine.pk}/").status_code == 200
    assert client.get(f"/onboarding/import/runs/{theirs.pk}/").status_code == 404


def test_people_without_the_role_get_a_404(province, login):
    reviewer = UserFactory(username="vanphong", roles=["office_reviewer"])
    client = login(reviewer)
    assert client.get("/onboarding/import/").status_code == 404
