"""Importing a unit's nominee list from Excel: all or nothing, every bad row reported by number."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from campaigns.models import NominationRound
from documents import importer
from nominations.models import Nomination
from tests.factories import AwardTypeFactory, CampaignFactory, StaffFactory, make_nomination

from .conftest import COLLECTIVE_AWARD
from .readers import xlsx_rows

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list], *, header=True) -> bytes:
    wb = Workbook()
    ws = wb.active
    if header:
        ws.append([label for label, _width in importer.COLUMNS])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, content, content_type=importer.XLSX_TYPE)


@pytest.fixture
def catalogue(unit_a, unit_b, collective_award):
    class Catalogue:
        individual_award = AwardTypeFactory()
        collective = collective_award
        an = StaffFactory(unit=unit_a, staff_code="BVA-001", full_name="Nguyễn Văn An")
        ngoc = StaffFactory(unit=unit_a, staff_code="BVA-002", full_name="Trần Thị Bích Ngọc")
        other_unit = StaffFactory(unit=unit_b, staff_code="BVB-001", full_name="Lê Hoàng Đạt")
        campaign = CampaignFactory(plan_number="KH-SYT/2024")
        closed_campaign = CampaignFactory(name="Phong trào đã đóng", plan_number="KH-02/2024")

    NominationRound.objects.create(
        name="Đợt đã đóng",
        basis="campaign",
        campaign=Catalogue.closed_campaign,
        opens_at=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 3, 1),
        is_open=False,
        created_by=_office(),
    )
    return Catalogue


def _office():
    from tests.factories import UserFactory

    return UserFactory(username="vanphong", roles=["office_reviewer"])


GOOD_ROWS = [
    [
        1,
        "Cá nhân",
        "BVA-001",
        "",
        "giay-khen-ca-nhan",
        2024,
        "Tổng kết năm",
        "",
        "Hoàn thành xuất sắc nhiệm vụ.",
    ],
    [
        2,
        "Tập thể",
        "",
        "Khoa Hồi sức tích cực",
        "giay-khen-tap-the",
        2024,
        "Phong trào",
        "KH-SYT/2024",
        "Bệnh án điện tử.",
    ],
    [3, "cá nhân", "bva-002", "", "giay-khen-ca-nhan", "2024", "Đột xuất", "", "Cứu người bệnh đuối nước."],
]


def test_template_lists_the_columns_and_the_codes(catalogue):
    rows = xlsx_rows(importer.build_template())
    assert rows[0][1] == "Loại (Cá nhân / Tập thể)"
    assert rows[0][8] == "Tóm tắt thành tích"


def test_a_good_list_creates_every_dossier(catalogue, unit_a, officer_a):
    result = importer.import_nominations(upload(xlsx(GOOD_ROWS)), unit=unit_a, author=officer_a)
    assert result.ok, result.errors
    assert Nomination.objects.filter(unit=unit_a).count() == 3
    collective = Nomination.objects.get(nominee_kind="collective")
    assert collective.collective_name == "Khoa Hồi sức tích cực"
    assert collective.campaign == catalogue.campaign
    assert {n.nominee_name for n in result.created} == {
        "Nguyễn Văn An",
        "Trần Thị Bích Ngọc",
        "Khoa Hồi sức tích cực",
    }


def test_a_malformed_list_changes_nothing_and_reports_every_bad_row(catalogue, unit_a, officer_a):
    make_nomination(
        unit=unit_a, author=officer_a, staff=catalogue.ngoc, award_type=catalogue.individual_award
    )
    before = Nomination.objects.count()
    rows = GOOD_ROWS[:1] + [
        [2, "Cá nhân", "KHONG-CO", "", "giay-khen-ca-nhan", 2024, "Tổng kết năm", "", "x"],  # 3
        [3, "Cá nhân", "BVB-001", "", "giay-khen-ca-nhan", 2024, "Tổng kết năm", "", "x"],  # 4
        [4, "Cá nhân", "BVA-001", "", "khong-co-ma", 2024, "Tổng kết năm", "", "x"],  # 5
        [5, "Cá nhân", "BVA-001", "", "giay-khen-tap-the", 2024, "Tổng kết năm", "", "x"],  # 6
        [6, "Cá nhân", "BVA-001", "", "giay-khen-ca-nhan", 2023, "Tổng kết năm", "", ""],  # 7
        [7, "Tập thể", "", "", "giay-khen-tap-the", 2024, "Tổng kết năm", "", "x"],  # 8
        [8, "Cá nhân", "BVA-001", "", "giay-khen-ca-nhan", 2024, "Tổng kết năm", "", "Lặp lại."],  # 9
        [9, "Cá nhân", "BVA-002", "", "giay-khen-ca-nhan", 2024, "Tổng kết năm", "", "Đã có hồ sơ."],  # 10
        [10, "Cá nhân", "BVA-001", "", "giay-khen-ca-nhan", "năm ngoái", "Tổng kết năm", "", "x"],  # 11
        [11, "Tập thể", "", "Khoa Nội", "giay-khen-tap-the", 2024, "Phong trào", "KH-02/2024", "x"],  # 12
        [12, "Ai đó", "BVA-001", "", "giay-khen-ca-nhan", 2024, "Tổng kết năm", "", "x"],  # 13
        [13, "Tập thể", "", "Khoa Ngoại", "giay-khen-tap-the", 2024, "Phong trào", "", "x"],  # 14
    ]
    result = importer.import_nominations(upload(xlsx(rows)), unit=unit_a, author=officer_a)

    assert Nomination.objects.count() == before
    assert not result.created
    by_row = {}
    for error in result.errors:
        by_row.setdefault(error.row, []).append(error.message)
    text = {row: " ".join(messages) for row, messages in by_row.items()}
    assert 2 not in text  # the good row is not blamed, but not imported either
    assert "KHONG-CO" in text[3]  # unknown staff code
    assert "BVB-001" in text[4]  # staff of another unit
    assert "khong-co-ma" in text[5]  # unknown award code
    assert COLLECTIVE_AWARD in text[6]  # award not for individuals
    assert text[7]  # missing achievement summary
    assert text[8]  # missing collective name
    assert "2" in text[9]  # duplicate of row 2 in the file
    assert text[10]  # duplicate of an existing dossier
    assert "năm ngoái" in text[11]  # year not a number
    assert "Đợt đã đóng" in text[12]  # campaign round closed
    assert "Ai đó" in text[13]  # unknown nominee kind
    assert text[14]  # campaign missing
    assert sorted(by_row) == list(range(3, 15))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("danh-sach.csv", b"STT,Ho ten\n1,An\n", "xlsx"),
        ("danh-sach.xlsx", b"", "danh-sach.xlsx"),
        ("danh-sach.xlsx", b"MZ\x90\x00 not a workbook", "xlsx"),
        ("danh-sach.xlsx", b"PK\x03\x04broken zip", "danh-sach.xlsx"),
    ],
)
def test_wrong_empty_or_fake_files_are_refused_before_parsing(
    catalogue, unit_a, officer_a, name, content, expected
):
    result = importer.import_nominations(upload(content, name), unit=unit_a, author=officer_a)
    assert [e.row for e in result.errors] == [0]
    assert expected in result.errors[0].message
    assert not Nomination.objects.exists()


def test_a_workbook_without_rows_is_refused(catalogue, unit_a, officer_a):
    result = importer.import_nominations(upload(xlsx([])), unit=unit_a, author=officer_a)
    assert [e.row for e in result.errors] == [0]
    assert not Nomination.objects.exists()


def test_a_file_over_the_size_limit_is_refused(catalogue, unit_a, officer_a, settings):
    settings.IMPORT_MAX_BYTES = 1024
    result = importer.import_nominations(upload(xlsx(GOOD_ROWS)), unit=unit_a, author=officer_a)
    assert [e.row for e in result.errors] == [0]
    assert "1,0" in result.errors[0].message or "1.0" in result.errors[0].message
    assert not Nomination.objects.exists()


def test_import_page_reports_rows_and_creates_nothing(catalogue, unit_a, officer_a, login):
    client = login(officer_a)
    assert client.get("/documents/import/").status_code == 200
    template = client.get("/documents/import/template.xlsx")
    assert template.status_code == 200 and template["Content-Type"] == importer.XLSX_TYPE
    bad = [[1, "Cá nhân", "KHONG-CO", "", "giay-khen-ca-nhan", 2024, "Tổng kết năm", "", "x"]]
    response = client.post("/documents/import/", {"file": upload(xlsx(GOOD_ROWS + bad))})
    assert response.status_code == 400
    assert "KHONG-CO" in response.content.decode()
    assert not Nomination.objects.exists()
    response = client.post("/documents/import/", {"file": upload(xlsx(GOOD_ROWS))})
    assert response.status_code == 200
    created = Nomination.objects.filter(unit=unit_a)
    assert created.count() == 3
    # The result lists the new dossiers, with links, and offers to send them all on.
    page = response.content.decode()
    assert all(f"/dossiers/{n.code}/" in page for n in created)
    response = client.post("/dossiers/send/", {"codes": [n.code for n in created]})
    assert response.status_code == 302
    assert set(Nomination.objects.filter(unit=unit_a).values_list("status", flat=True)) == {"unit_signoff"}


def test_the_template_lists_the_units_staff_and_open_rounds(catalogue, unit_a, officer_a, login):
    NominationRound.objects.create(
        name="Đợt tổng kết năm 2024",
        basis="annual",
        year=2024,
        opens_at=datetime.date(2024, 1, 1),
        deadline=datetime.date(2099, 1, 31),
        created_by=_office(),
    )
    content = login(officer_a).get("/documents/import/template.xlsx").content
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    staff = [row for row in book["Nhân viên đơn vị"].iter_rows(values_only=True)]
    assert ("BVA-001", "Nguyễn Văn An") in [row[:2] for row in staff]
    assert all(row[0] != "BVB-001" for row in staff)  # another unit's people are not listed
    codes = [row for row in book["Danh mục"].iter_rows(values_only=True)]
    assert any(row[0] == "Đợt tổng kết năm 2024" for row in codes)


def test_only_unit_officers_import(catalogue, login, office):
    client = login(office)
    assert client.get("/documents/import/").status_code == 403
