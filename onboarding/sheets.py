"""Reading an uploaded sheet (.xlsx or .csv) safely: bounded in bytes, uncompressed size and
rows; no formulas; headers matched by name (accents and case ignored). And writing the blank
templates with Vietnamese headers."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

from common.text import fold
from common.uploads import extension_of

FORMULA_STARTS = ("=", "+", "@", "\t", "\r")
# An .xlsx is a zip: refuse one that would inflate past this many times the byte limit.
MAX_INFLATION = 20


class SheetError(Exception):
    """The file as a whole cannot be read; the message says why, for a clerk."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    width: int = 18
    example: str = ""


@dataclass
class Sheet:
    columns: list[Column]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, cells)
    problems: list[tuple[int, str]]  # cells refused while reading (formulas)


def max_bytes() -> int:
    return settings.MASTER_DATA_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.MASTER_DATA_IMPORT_MAX_ROWS


def check_upload(name: str, data: bytes) -> str:
    """The format ("xlsx" or "csv") of an acceptable file; raise ``SheetError`` otherwise."""
    ext = extension_of(name)
    if ext not in ("xlsx", "csv"):
        raise SheetError(
            _("Upload an Excel .xlsx or a .csv file (the template); “%(name)s” is neither.") % {"name": name}
        )
    if not data:
        raise SheetError(_("The file “%(name)s” is empty.") % {"name": name})
    if len(data) > max_bytes():
        raise SheetError(
            _("The file “%(name)s” is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes())}
        )
    if ext == "xlsx" and not data.startswith(b"PK\x03\x04"):
        raise SheetError(_("The file “%(name)s” is not a real xlsx file.") % {"name": name})
    if ext == "csv" and b"\x00" in data[:4096]:
        raise SheetError(_("The file “%(name)s” is not a text (CSV) file.") % {"name": name})
    return ext


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _looks_like_formula(raw: str) -> bool:
    if not raw:
        return False
    if raw.startswith(FORMULA_STARTS):
        return True
    # "-5" is a number, "-cmd|..." is a formula for a spreadsheet program.
    return (
        raw.startswith("-") and len(raw) > 1 and not raw[1:].replace(".", "", 1).replace(",", "", 1).isdigit()
    )


def _match_headers(headers: list[str], columns: list[Column]) -> dict[int, Column]:
    wanted = {fold(c.header): c for c in columns} | {fold(c.key): c for c in columns}
    positions: dict[int, Column] = {}
    for index, header in enumerate(headers):
        column = wanted.get(fold(header.rstrip("*").strip()))
        if column is not None and column not in positions.values():
            positions[index] = column
    missing = [c.header for c in columns if c.required and c not in positions.values()]
    if missing:
        raise SheetError(
            _("The first row lacks the required column(s): %(names)s.") % {"names": ", ".join(missing)}
        )
    return positions


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)([0-9]+)"')
_FIRST_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"')


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The part holding the workbook's first sheet (workbook.xml, then its relationships)."""
    match = _FIRST_SHEET.search(archive.read("xl/workbook.xml"))
    rels = archive.read("xl/_rels/workbook.xml.rels")
    if match:
        rel = re.search(
            rb'<Relationship\b[^>]*?Id="' + re.escape(match.group(1)) + rb'"[^>]*?Target="([^"]+)"', rels
        )
        rel = rel or re.search(
            rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="' + re.escape(match.group(1)) + rb'"', rels
        )
        if rel:
            target = rel.group(1).decode()
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return "xl/worksheets/sheet1.xml"


def _formula_cells(archive: zipfile.ZipFile) -> set[tuple[int, int]]:
    """(row number, column index) of every formula cell of the first sheet. The cells are read
    for their values (as a spreadsheet last computed them); the formulas themselves are found
    in the sheet's XML, so that none slips in as a value."""
    try:
        xml = archive.read(_first_sheet_path(archive))
    except KeyError:
        return set()
    found = set()
    for match in _FORMULA.finditer(xml):
        cell = _CELL.match(xml, xml.rfind(b"<c ", 0, match.start()))
        if cell is None:
            cell = _CELL.search(xml, max(0, xml.rfind(b":c ", 0, match.start()) - 1))
        if cell is not None:
            found.add((int(cell.group(2)), _column_index(cell.group(1))))
    return found


def _raw_rows_xlsx(data: bytes):
    """Rows of the first sheet and its formula cells by row. python-calamine reads 150,000 rows
    about four times faster than openpyxl's read-only mode."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
            if inflated > MAX_INFLATION * max_bytes():
                raise SheetError(
                    _("The workbook inflates to more than %(limit)s.")
                    % {"limit": filesizeformat(MAX_INFLATION * max_bytes())}
                )
            formulas = _formula_cells(archive)
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = sheet.iter_rows()
        # calamine 0.9 yields rows from the sheet's first row but cells from its first used
        # column: pad them back so that positions are the spreadsheet's own.
        first_col = (sheet.start or (0, 0))[1]
    except SheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile and calamine raise many kinds on a damaged workbook
        raise SheetError(_("The file cannot be read as an Excel workbook.")) from exc
    by_row: dict[int, list[int]] = {}
    for row, column in formulas:
        by_row.setdefault(row, []).append(column)
    pad = [""] * first_col
    return (pad + [_text(v) for v in values] for values in rows), by_row


def _raw_rows_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(_("The CSV file must be saved as UTF-8 (Excel: “CSV UTF-8”).")) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    yield from ([cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter))


def read_sheet(name: str, data: bytes, columns: list[Column]) -> Sheet:
    """The data rows of the first sheet, keyed by column; raise ``SheetError`` for the file."""
    ext = check_upload(name, data)
    raw, formulas = _raw_rows_xlsx(data) if ext == "xlsx" else (_raw_rows_csv(data), {})
    numbered = enumerate(raw, start=1)
    # The header row is the first row with something in it.
    headers = next((values for _number, values in numbered if any(values)), None)
    if headers is None:
        raise SheetError(_("The file “%(name)s” has no header row.") % {"name": name})
    positions = _match_headers(headers, columns)
    rows, problems = [], []
    limit = max_rows()
    try:
        for number, values in numbered:
            cells = {column.key: "" for column in columns}
            for index, column in positions.items():
                if index < len(values):
                    cells[column.key] = values[index]
            if not any(cells.values()):
                continue
            for index in formulas.get(number, ()):
                if index in positions:
                    problems.append(
                        (
                            number,
                            _(
                                "column “%(column)s” holds a formula or starts with “%(char)s”: type the value itself"
                            )
                            % {"column": positions[index].header, "char": "="},
                        )
                    )
            for column in columns:
                if _looks_like_formula(cells[column.key]):
                    problems.append(
                        (
                            number,
                            _(
                                "column “%(column)s” holds a formula or starts with “%(char)s”: type the value itself"
                            )
                            % {"column": column.header, "char": cells[column.key][0]},
                        )
                    )
            rows.append((number, cells))
            if len(rows) > limit:
                raise SheetError(
                    _("A file may hold at most %(count)s rows.") % {"count": f"{limit:,}".replace(",", ".")}
                )
    except csv.Error as exc:
        raise SheetError(_("The CSV file cannot be read: %(error)s.") % {"error": exc}) from exc
    if not rows:
        raise SheetError(_("The file “%(name)s” has no data rows.") % {"name": name})
    return Sheet(columns=columns, rows=rows, problems=problems)


def template_xlsx(columns: list[Column], title: str, notes: list[str]) -> bytes:
    """A blank workbook: the headers (required ones marked *), and a sheet of notes with an example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header + (" *" if column.required else ""))
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = column.width
        # Text cells: a code such as 001 keeps its zeros.
        for row in range(2, 200):
            sheet.cell(row=row, column=index).number_format = "@"
    guide = workbook.create_sheet("Hướng dẫn")
    for line in notes:
        guide.append([line])
    guide.append([])
    guide.append([_("Example row:")])
    guide.append([c.header for c in columns])
    guide.append([c.example for c in columns])
    guide.column_dimensions["A"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(columns: list[Column]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header + (" *" if c.required else "") for c in columns])
    return buffer.getvalue().encode("utf-8-sig")
