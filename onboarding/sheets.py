"""Reading an uploaded sheet (.xlsx or .csv) safely: bounded in bytes, uncompressed size and
rows; no formulas; headers matched by name (accents and case ignored). And writing the blank
templates with Vietnamese headers."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

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


def _raw_rows_xlsx(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SheetError(_("The file cannot be read as an Excel workbook.")) from exc
    if inflated > MAX_INFLATION * max_bytes():
        raise SheetError(
            _("The workbook inflates to more than %(limit)s.")
            % {"limit": filesizeformat(MAX_INFLATION * max_bytes())}
        )
    try:
        # data_only=False: a formula cell reads as its formula text, which is then refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise SheetError(_("The file cannot be read as an Excel workbook.")) from exc
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_text(v) for v in values]
    finally:
        workbook.close()


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
    raw = _raw_rows_xlsx(data) if ext == "xlsx" else _raw_rows_csv(data)
    try:
        headers = next(raw)
    except StopIteration:
        raise SheetError(_("The file “%(name)s” has no header row.") % {"name": name}) from None
    positions = _match_headers(headers, columns)
    rows, problems = [], []
    limit = max_rows()
    try:
        for number, values in enumerate(raw, start=2):
            cells = {column.key: "" for column in columns}
            for index, column in positions.items():
                if index < len(values):
                    cells[column.key] = values[index]
            if not any(cells.values()):
                continue
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
