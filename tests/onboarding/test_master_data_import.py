"""Bulk import of master data: row errors with their numbers, idempotent keyed re-import,
dry runs that write nothing, all-or-nothing, audit with the file's checksum."""

import hashlib

import pytest
from django.utils.translation import gettext

from audit.models import AuditEvent, EventType
from eligibility.models import PerformanceRating
from nominations.models import AwardRecord, Collective, DisciplineRecord, Staff, Unit
from onboarding.models import RunStatus
from tests.factories import AwardTypeFactory, UserFactory

from .conftest import csv_bytes, xlsx_bytes

STAFF = [
    {
        "code": "NV-1",
        "name": "Nguyễn Văn An",
        "gender": "Nam",
        "birth": "17/05/1985",
        "unit": "bva",
        "collective": "khoa-noi",
    },
    {
        "code": "NV-2",
        "name": "Trần Thị Bình",
        "gender": "Nữ",
        "birth": "1990-01-02",
        "unit": "bva",
        "email": "binh@example.vn",
    },
    {"code": "NV-3", "name": "Lê Văn Cường", "gender": "nam", "unit": "bvb", "title": "Điều dưỡng"},
]


def refused(run) -> dict[int, str]:
    return {row: " ".join(messages) for row, action, _label, messages in run.report if action == "refuse"}


def test_units_with_parents_in_the_same_file(province):
    assert province["bva"].parent == province["syt"]
    assert province["bva"].kind == "attached"
    assert Collective.objects.get(unit=province["bva"], code="khoa-noi").name == "Khoa Nội"


def test_parent_created_later_in_the_file_is_written_first(run_import):
    data = csv_bytes(
        "units",
        [
            {"code": "con", "name": "Đơn vị con", "kind": "Trực thuộc", "parent": "me"},
            {"code": "me", "name": "Đơn vị mẹ", "kind": "Sở Y tế"},
        ],
    )
    assert run_import("units", data).status == RunStatus.DONE
    assert Unit.objects.get(code="con").parent.code == "me"


def test_staff_import_creates_then_a_second_identical_import_changes_nothing(province, run_import):
    data = csv_bytes("staff", STAFF)
    first = run_import("staff", data)
    assert first.status == RunStatus.DONE
    assert first.counts == {"create": 3, "update": 0, "unchanged": 0, "refuse": 0}
    an = Staff.objects.get(staff_code="NV-1")
    assert an.collective.code == "khoa-noi" and an.gender == "male" and an.date_of_birth.year == 1985
    assert an.search_key == "nguyen van an nv-1"
    history_rows = Staff.history.count()
    assert history_rows == 3
    assert an.history.get().history_user.username == "quantri"

    second = run_import("staff", data)
    assert second.counts == {"create": 0, "update": 0, "unchanged": 3, "refuse": 0}
    assert Staff.objects.count() == 3
    assert Staff.history.count() == history_rows


def test_reimport_updates_by_code_and_keeps_history(province, run_import):
    run_import("staff", csv_bytes("staff", STAFF))
    changed = [dict(STAFF[0], name="Nguyễn Văn Ân", collective="")] + STAFF[1:]
    run = run_import("staff", csv_bytes("staff", changed))
    assert run.counts["update"] == 1 and run.counts["unchanged"] == 2
    an = Staff.objects.get(staff_code="NV-1")
    assert an.full_name == "Nguyễn Văn Ân" and an.collective is None
    assert [h.full_name for h in an.history.order_by("history_id")] == ["Nguyễn Văn An", "Nguyễn Văn Ân"]
    assert an.history.latest().history_type == "~"
    assert ["NV-1"] == [label for _row, action, label, _m in run.report if action == "update"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "Không mã", "gender": "Nam", "unit": "bva"}, "the staff code is missing"),
        ({"code": "NV-9", "gender": "Nam", "unit": "bva"}, "the full name is missing"),
        ({"code": "NV-9", "name": "X", "gender": "Khác", "unit": "bva"}, "Khác"),
        ({"code": "NV-9", "name": "X", "gender": "Nam", "unit": "zzz"}, "zzz"),
        ({"code": "NV-9", "name": "X", "gender": "Nam", "unit": "bva", "birth": "31/02/1990"}, "31/02/1990"),
        (
            {"code": "NV-9", "name": "X", "gender": "Nam", "unit": "bva", "collective": "khoa-ngoai"},
            "khoa-ngoai",
        ),
        (
            {"code": "NV-9", "name": "X", "gender": "Nam", "unit": "bva", "email": "not-an-address"},
            "not-an-address",
        ),
        ({"code": "NV-9", "name": '=HYPERLINK("http://x")', "gender": "Nam", "unit": "bva"}, "“Họ và tên”"),
        ({"code": "NV-9", "name": "@SUM(A1)", "gender": "Nam", "unit": "bva"}, "“Họ và tên”"),
    ],
)
def test_each_bad_staff_row_is_refused_with_its_row_number_and_nothing_is_written(
    province, run_import, row, message
):
    data = csv_bytes("staff", [STAFF[0], row, STAFF[2]])
    run = run_import("staff", data)
    assert run.status == RunStatus.REFUSED
    problems = refused(run)
    assert list(problems) == [3]  # the header is row 1
    assert gettext(message).lower() in problems[3].lower()
    assert Staff.objects.count() == 0
    assert run.counts["create"] == 2 and run.counts["refuse"] == 1


def test_duplicate_key_inside_the_file_is_refused(province, run_import):
    run = run_import("staff", csv_bytes("staff", [STAFF[0], STAFF[1], dict(STAFF[0], name="Khác")]))
    assert gettext("same record as row %(row)s of this file") % {"row": 2} in refused(run)[4]


def test_dry_run_reports_row_by_row_and_writes_nothing(province, run_import):
    run_import("staff", csv_bytes("staff", STAFF[:1]))
    events = AuditEvent.objects.count()
    data = csv_bytes("staff", [dict(STAFF[0], title="Bác sĩ"), STAFF[1], dict(STAFF[2], unit="nowhere")])
    run = run_import("staff", data, dry_run=True)
    assert run.status == RunStatus.DONE
    assert [(row, action) for row, action, _l, _m in run.report] == [
        (2, "update"),
        (3, "create"),
        (4, "refuse"),
    ]
    assert run.report[0][3] == ["professional_title"]
    assert Staff.objects.count() == 1 and Staff.history.count() == 1
    # Only the dry run's own audit event.
    assert AuditEvent.objects.count() == events + 1
    assert not run.can_be_applied


def test_a_checked_dry_run_is_applied_from_the_same_file(province, run_import, admin_user):
    from onboarding import services

    run = run_import("staff", csv_bytes("staff", STAFF), dry_run=True)
    assert run.can_be_applied and Staff.objects.count() == 0
    applied = services.apply_checked_run(run, actor=admin_user, queue=False)
    services.execute_run(applied.pk)
    applied.refresh_from_db()
    assert applied.sha256 == run.sha256 and not applied.dry_run
    assert Staff.objects.count() == 3


def test_every_import_is_audited_with_the_files_checksum(province, run_import):
    data = csv_bytes("staff", STAFF)
    run = run_import("staff", data, name="nhan-su.csv")
    event = AuditEvent.objects.filter(event_type=EventType.MASTER_DATA_IMPORT).latest("sequence")
    assert event.detail["sha256"] == hashlib.sha256(data).hexdigest() == run.sha256
    assert event.detail["file"] == "nhan-su.csv"
    assert event.detail["counts"]["create"] == 3
    assert event.detail["dry_run"] is False
    assert event.actor.username == "quantri"
    # No audit event per record: history rows carry each one, the event carries the file.
    assert not AuditEvent.objects.filter(
        event_type=EventType.CREATED, object_type="nominations.Staff"
    ).exists()


def test_xlsx_import_and_formula_cells_are_refused(province, run_import):
    rows = [dict(STAFF[0]), dict(STAFF[1], position="=1+1")]
    run = run_import("staff", xlsx_bytes("staff", rows), name="nhan-su.xlsx")
    assert run.status == RunStatus.REFUSED
    assert "Chức vụ" in refused(run)[3]
    ok = run_import("staff", xlsx_bytes("staff", STAFF[:2]), name="nhan-su.xlsx")
    assert ok.status == RunStatus.DONE and Staff.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"x", "a.txt"),
        ("a.csv", b"", "The file “%(name)s” is empty."),
        ("a.xlsx", b"not a zip", "The file “%(name)s” is not a real xlsx file."),
        ("a.csv", "Mã nhân viên,Họ và tên\nNV-1,An\n".encode(), "Giới tính"),
        (
            "a.csv",
            "Mã nhân viên;Họ và tên;Giới tính;Mã đơn vị\n".encode(),
            "The file “%(name)s” has no data rows.",
        ),
        (
            "a.csv",
            "Mã nhân viên,Họ và tên\n".encode("utf-16"),
            "The file “%(name)s” is not a text (CSV) file.",
        ),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(province, run_import, name, data, message):
    run = run_import("staff", data, name=name)
    assert run.status == RunStatus.REFUSED
    assert (gettext(message) % {"name": name}).lower() in run.error.lower()


def test_size_and_row_bounds(province, run_import, settings):
    settings.MASTER_DATA_IMPORT_MAX_ROWS = 2
    run = run_import("staff", csv_bytes("staff", STAFF))
    assert run.status == RunStatus.REFUSED and "2" in run.error
    settings.MASTER_DATA_IMPORT_MAX_BYTES = 10
    run = run_import("staff", csv_bytes("staff", STAFF[:1]))
    assert run.status == RunStatus.REFUSED and "10" in run.error


def test_award_history_ratings_and_discipline(province, run_import):
    run_import("staff", csv_bytes("staff", STAFF))
    AwardTypeFactory(code="ldtt", name="Lao động tiên tiến", applies_to="individual")
    AwardTypeFactory(code="ttldtt", name="Tập thể lao động tiên tiến", applies_to="collective")
    awards = [
        {
            "staff": "NV-1",
            "award": "ldtt",
            "year": "2023",
            "decision_number": "125/QĐ-SYT",
            "decision_date": "20/12/2023",
        },
        {
            "staff": "NV-1",
            "award_name": "Kỷ niệm chương Vì sức khỏe nhân dân",
            "year": "2019",
            "issuing_body": "Bộ Y tế",
        },
        {
            "unit": "bva",
            "collective": "khoa-noi",
            "award": "ttldtt",
            "year": "2023",
            "decision_number": "126/QĐ-SYT",
        },
        {"unit": "bvb", "collective_name": "Bệnh viện B", "award": "ttldtt", "year": "2022"},
        {"staff": "NV-2", "award": "ldtt", "year": "2023", "period_start": "2021", "period_end": "2023"},
    ]
    run = run_import("awards", csv_bytes("awards", awards))
    assert run.status == RunStatus.DONE, run.report
    assert AwardRecord.objects.count() == 5
    kyniem = AwardRecord.objects.get(award_name__startswith="Kỷ niệm")
    assert kyniem.award_type is None and kyniem.unit.code == "bva" and kyniem.issuing_body == "Bộ Y tế"
    khoa = AwardRecord.objects.get(collective__code="khoa-noi")
    assert khoa.collective_name == "Khoa Nội" and khoa.staff is None
    again = run_import("awards", csv_bytes("awards", awards))
    assert again.counts["unchanged"] == 5 and AwardRecord.history.count() == 5

    ratings = [
        {"staff": "NV-1", "year": "2022", "rating": "HTXSNV"},
        {"staff": "NV-1", "year": "2023", "rating": "Hoàn thành tốt nhiệm vụ"},
        {"staff": "NV-2", "year": "2023", "rating": "htnv"},
    ]
    assert run_import("ratings", csv_bytes("ratings", ratings)).status == RunStatus.DONE
    assert dict(PerformanceRating.objects.filter(staff__staff_code="NV-1").values_list("year", "rating")) == {
        2022: "htxs",
        2023: "htt",
    }
    discipline = [
        {
            "staff": "NV-3",
            "level": "Cảnh cáo",
            "decision_number": "7/QĐ-BVB",
            "decision_date": "01/03/2024",
            "end": "28/02/2025",
        }
    ]
    assert run_import("discipline", csv_bytes("discipline", discipline)).status == RunStatus.DONE
    record = DisciplineRecord.objects.get()
    assert record.level == "canh_cao" and record.start_date == record.decision_date


@pytest.mark.parametrize(
    ("kind", "row", "message"),
    [
        (
            "awards",
            {"award": "ldtt", "year": "2023"},
            "give a staff code (individual) or a unit code (collective)",
        ),
        (
            "awards",
            {"staff": "NV-1", "year": "2023"},
            "give the award code or, for an award outside the catalogue, its name",
        ),
        ("awards", {"staff": "NV-1", "award": "ttldtt", "year": "2023"}, "ttldtt"),
        ("awards", {"staff": "NV-1", "award": "khong-co", "year": "2023"}, "khong-co"),
        ("awards", {"staff": "NV-1", "award": "ldtt", "year": "23"}, "23"),
        (
            "awards",
            {"staff": "NV-1", "award": "ldtt", "year": "2023", "period_start": "2023", "period_end": "2021"},
            "the achievement period ends before it starts",
        ),
        (
            "awards",
            {"unit": "bva", "award": "ttldtt", "year": "2023"},
            "give the collective code or the collective name",
        ),
        ("ratings", {"staff": "NV-1", "year": "2023", "rating": "Giỏi"}, "Giỏi"),
        ("ratings", {"staff": "NV-404", "year": "2023", "rating": "HTTNV"}, "NV-404"),
        (
            "discipline",
            {"staff": "NV-1", "level": "Phạt tiền", "decision_number": "1", "decision_date": "01/01/2024"},
            "Phạt tiền",
        ),
        (
            "discipline",
            {"staff": "NV-1", "level": "Khiển trách", "decision_date": "01/01/2024"},
            "the decision number is missing",
        ),
    ],
)
def test_each_bad_history_row_is_refused_with_its_row_number(province, run_import, kind, row, message):
    run_import("staff", csv_bytes("staff", STAFF))
    AwardTypeFactory(code="ldtt", name="Lao động tiên tiến", applies_to="individual")
    AwardTypeFactory(code="ttldtt", name="Tập thể lao động tiên tiến", applies_to="collective")
    run = run_import(kind, csv_bytes(kind, [row]))
    assert run.status == RunStatus.REFUSED
    assert gettext(message).lower() in refused(run)[2].lower()


def test_a_units_officer_imports_only_their_own_units_records(province, run_import):
    officer = UserFactory(username="bva.canbo", unit=province["bva"], roles=["unit_officer"])
    run = run_import("staff", csv_bytes("staff", STAFF), actor=officer, scope_unit=province["bva"])
    assert run.status == RunStatus.REFUSED
    assert "bvb" in refused(run)[4]
    ok = run_import("staff", csv_bytes("staff", STAFF[:2]), actor=officer, scope_unit=province["bva"])
    assert ok.status == RunStatus.DONE


def test_the_officer_cannot_import_units_or_discipline(province, admin_user):
    from onboarding import services

    with pytest.raises(services.ImportNotAllowed):
        services.submit_import(
            kind="discipline",
            name="k.csv",
            data=b"x",
            actor=admin_user,
            dry_run=True,
            scope_unit=province["bva"],
            queue=False,
        )


def test_staff_cannot_join_a_dissolved_unit_but_its_past_awards_can_be_recorded(province, run_import):
    import datetime

    Unit.objects.filter(code="bvb").update(dissolved_on=datetime.date(2025, 7, 1))
    run = run_import("staff", csv_bytes("staff", [STAFF[2]]))
    assert "01/07/2025" in refused(run)[2]
    AwardTypeFactory(code="ttldtt", name="Tập thể lao động tiên tiến", applies_to="collective")
    awards = [{"unit": "bvb", "collective_name": "Bệnh viện B", "award": "ttldtt", "year": "2020"}]
    assert run_import("awards", csv_bytes("awards", awards)).status == RunStatus.DONE


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(province, run_import):
    """A sheet whose table starts lower and further right still reports the right row."""
    import io

    from openpyxl import Workbook

    from onboarding.kinds import KINDS

    workbook = Workbook()
    sheet = workbook.active
    columns = KINDS["staff"].columns
    for index, column in enumerate(columns, start=2):
        sheet.cell(row=3, column=index, value=column.header)
    for row, person in enumerate([STAFF[0], dict(STAFF[1], unit="nowhere")], start=4):
        for index, column in enumerate(columns, start=2):
            sheet.cell(row=row, column=index, value=person.get(column.key) or None)
    sheet.cell(row=4, column=3).value = '=CONCATENATE("Nguyễn ", "An")'
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = run_import("staff", buffer.getvalue(), name="lech.xlsx")
    problems = refused(run)
    assert set(problems) == {4, 5}
    assert "Họ và tên" in problems[4] and "nowhere" in problems[5]


def test_a_zip_that_is_not_a_workbook_is_refused(province, run_import):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    run = run_import("staff", buffer.getvalue(), name="gia.xlsx")
    assert (
        run.status == RunStatus.REFUSED
        and gettext("The file cannot be read as an Excel workbook.") in run.error
    )


def test_a_failure_while_writing_leaves_nothing_written(province, run_import, monkeypatch):
    """All or nothing also when the database fails half-way: creations roll back with it."""
    from onboarding import importer

    run_import("staff", csv_bytes("staff", STAFF[:1]))

    def broken_update(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_update", broken_update)
    run = run_import("staff", csv_bytes("staff", [dict(STAFF[0], name="Tên mới"), *STAFF[1:]]))
    assert run.status == RunStatus.FAILED and "disk full" in run.error
    assert list(Staff.objects.values_list("staff_code", "full_name")) == [("NV-1", "Nguyễn Văn An")]
    assert Staff.history.count() == 1
    event = AuditEvent.objects.filter(event_type=EventType.MASTER_DATA_IMPORT).latest("sequence")
    assert event.detail["status"] == RunStatus.FAILED
