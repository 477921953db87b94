"""Exports from the browser and from ``manage.py export_audit``: CSV that Excel reads as
Vietnamese, a real workbook, the same filters as the log, streamed in chunks."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.utils import timezone

from audit import exports
from audit.models import AuditEvent, EventType
from tests.factories import make_nomination

pytestmark = pytest.mark.django_db

# Columns of the export (see audit.exports.COLUMNS).
EVENT, USER, DOSSIER, CHANGES, REASON = 2, 3, 7, 10, 11


@pytest.fixture
def two_dossiers(unit_a, officer_a):
    return make_nomination(unit=unit_a, author=officer_a), make_nomination(unit=unit_a, author=officer_a)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


class TestFromTheBrowser:
    def test_csv_is_streamed_with_the_logs_filters_and_readable_vietnamese(
        self, login, inspector, two_dossiers
    ):
        first, second = two_dossiers
        response = login(inspector).get("/audit/export/csv/", {"dossier": first.code})
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].endswith('.csv"')
        table = read_csv(b"".join(response.streaming_content))
        header, rows = table[0], table[1:]
        assert header == exports.headers()
        assert rows and {row[DOSSIER] for row in rows} == {first.code}
        created = next(row for row in rows if row[EVENT] == EventType.CREATED.label)
        assert "Tóm tắt thành tích: – → Hoàn thành xuất sắc nhiệm vụ năm 2024." in created[CHANGES]
        assert created[REASON] == "Tạo hồ sơ"
        assert [int(row[0]) for row in rows] == sorted(int(row[0]) for row in rows)

    def test_xlsx_is_a_workbook_with_the_same_rows(self, login, inspector, two_dossiers):
        first, _second = two_dossiers
        client = login(inspector)
        response = client.get("/audit/export/xlsx/", {"dossier": first.code})
        assert response["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
        sheet = read_xlsx(b"".join(response.streaming_content))
        as_csv = read_csv(
            b"".join(client.get("/audit/export/csv/", {"dossier": first.code}).streaming_content)
        )
        assert [str(value) if value is not None else "" for value in sheet[0]] == as_csv[0]
        assert len(sheet) == len(as_csv)
        assert sheet[1][USER] == "bva.canbo"
        assert any(row[REASON] == "Tạo hồ sơ" for row in sheet[1:])

    def test_text_that_looks_like_a_formula_stays_text(self, login, inspector, officer_a):
        from audit.services import record_event

        record_event(EventType.LOGIN_FAILED, username='=HYPERLINK("http://x")')
        client = login(inspector)
        table = read_csv(
            b"".join(client.get("/audit/export/csv/", {"event_type": "login_failed"}).streaming_content)
        )
        assert table[1][USER] == '\'=HYPERLINK("http://x")'
        sheet = read_xlsx(
            b"".join(client.get("/audit/export/xlsx/", {"event_type": "login_failed"}).streaming_content)
        )
        # The one neutralising helper for every export: the same apostrophe in Excel.
        assert sheet[1][USER] == '\'=HYPERLINK("http://x")'

    def test_xlsx_is_streamed_and_every_event_is_in_the_workbook(
        self, login, inspector, two_dossiers, monkeypatch, django_assert_num_queries
    ):
        from audit.services import record_event

        record_event(EventType.LOGIN_FAILED, username="<b>&amp; \x07 ‘Nguyễn’ ]]>")
        monkeypatch.setattr(exports, "CHUNK_SIZE", 4)
        response = login(inspector).get("/audit/export/xlsx/")
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Disposition"].endswith('.xlsx"')
        pieces = iter(response.streaming_content)
        with django_assert_num_queries(0):  # the first bytes leave before any event is read
            first = next(pieces)
        assert first.startswith(b"PK")
        data = first + b"".join(pieces)
        sheet = read_xlsx(data)
        expected = list(exports.rows(AuditEvent.objects.all()))
        assert len(sheet) == AuditEvent.objects.count() + 1
        assert [row[-2] for row in sheet[1:]] == [row[-2] for row in expected]  # every hash, in order
        assert [row[0] for row in sheet[1:]] == [row[0] for row in expected]  # numbers stay numbers
        # Escaped, the control character dropped:
        assert "<b>&amp;  ‘Nguyễn’ ]]>" in {row[USER] for row in sheet[1:]}

    def test_an_unknown_format_is_a_404(self, login, inspector):
        assert login(inspector).get("/audit/export/pdf/").status_code == 404


class TestFromTheCommand:
    def test_csv_of_one_dossier(self, two_dossiers, tmp_path):
        first, second = two_dossiers
        target = tmp_path / "audit.csv"
        call_command("export_audit", "--format", "csv", "--dossier", first.code, "--output", str(target))
        rows = read_csv(target.read_bytes())[1:]
        assert rows and {row[DOSSIER] for row in rows} == {first.code}
        export = AuditEvent.objects.filter(event_type=EventType.EXPORT).get()
        assert export.detail["source"] == "command"
        assert export.detail["os_user"]  # who ran it, as the operating system knows them
        assert export.detail["filters"] == {"dossier": first.code}

    def test_xlsx_between_two_dates(self, two_dossiers, tmp_path):
        today = timezone.localtime(AuditEvent.objects.earliest("sequence").occurred_at).date()
        target = tmp_path / "audit.xlsx"
        call_command(
            "export_audit",
            "--format",
            "xlsx",
            "--since",
            today.isoformat(),
            "--until",
            today.strftime("%d/%m/%Y"),
            "-o",
            str(target),
        )
        # The header, then every event: the export's own (recorded first) included.
        assert len(read_xlsx(target.read_bytes())) == AuditEvent.objects.count() + 1
        yesterday = today - datetime.timedelta(days=1)
        call_command("export_audit", "--format", "xlsx", "--until", yesterday.isoformat(), "-o", str(target))
        assert len(read_xlsx(target.read_bytes())) == 1  # the header alone

    def test_csv_to_standard_output(self, two_dossiers, capfdbinary):
        call_command("export_audit")
        out = capfdbinary.readouterr().out
        assert len(read_csv(out)) == AuditEvent.objects.count() + 1

    def test_a_wrong_date_is_refused(self, db):
        from django.core.management import CommandError

        with pytest.raises(CommandError, match="Not a date"):
            call_command("export_audit", "--since", "31/02/2024")


def test_events_are_read_in_chunks_not_all_at_once(monkeypatch, two_dossiers):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    pieces = list(exports.csv_chunks(AuditEvent.objects.all()))
    count = AuditEvent.objects.count()
    assert len(pieces) == 1 + -(-count // 5)  # the header, then one piece per chunk
    assert sum(piece.count("\r\n") for piece in pieces) == count + 1
