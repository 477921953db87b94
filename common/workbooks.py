"""Reading a workbook a person uploaded, within bounds decided before any XML is parsed.

An .xlsx file is a zip of XML files: 277 KiB can hold two million empty rows, and 104 KiB a
100 MB cell. So the archive's uncompressed size, its compression ratio, and the sheet's
declared dimension are checked first (cheap: the zip directory and the first bytes of the
sheet); then rows are streamed (openpyxl's read-only mode, with defusedxml refusing DTDs and
entities) and reading stops at the row limit, whatever the file claims.
"""

import re
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

# What a broken or hostile workbook raises while being opened or read.
UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    ParseError,
    DefusedXmlException,
    EOFError,
)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')


class WorkbookRefused(Exception):
    """The file is refused as a whole; ``str(error)`` says why, for the person."""


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_uncompressed: int = 0  # 0: settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    max_ratio: int = 0  # 0: settings.IMPORT_MAX_COMPRESSION_RATIO

    @property
    def uncompressed(self) -> int:
        return self.max_uncompressed or settings.IMPORT_MAX_UNCOMPRESSED_BYTES

    @property
    def ratio(self) -> int:
        return self.max_ratio or settings.IMPORT_MAX_COMPRESSION_RATIO


def quote(value, length: int = 40) -> str:
    """A short prefix of a bad value, for an error message that must not echo a huge cell."""
    text = str(value)
    return text if len(text) <= length else text[:length] + "…"


def _first_sheet_member(archive: zipfile.ZipFile) -> str | None:
    names = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    return sorted(names)[0] if names else None


def check_archive(uploaded, limits: Limits) -> None:
    """Refuse, before parsing, a workbook too large once unpacked, too compressed to be honest,
    or whose first sheet declares more rows or columns than allowed."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            unpacked = sum(m.file_size for m in members)
            packed = max(1, sum(m.compress_size for m in members))
            if unpacked > limits.uncompressed:
                raise WorkbookRefused(
                    _("Unpacked, the workbook would be %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(unpacked), "limit": filesizeformat(limits.uncompressed)}
                )
            if unpacked > 1024 * 1024 and unpacked / packed > limits.ratio:
                raise WorkbookRefused(_("The workbook is compressed suspiciously tightly; it is refused."))
            sheet = _first_sheet_member(archive)
            if sheet is None:
                raise WorkbookRefused(_("The workbook has no sheet."))
            with archive.open(sheet) as stream:
                head = stream.read(4096)
    except UNREADABLE as exc:
        raise WorkbookRefused(_("The file cannot be read as an Excel workbook.")) from exc
    finally:
        uploaded.seek(0)
    match = _DIMENSION.search(head)
    if match:
        ref = match.group(1).decode()
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        if max_row > limits.max_rows or max_col > limits.max_columns * 4:
            raise WorkbookRefused(
                _("The sheet holds %(rows)s rows; at most %(limit)s are read.")
                % {"rows": max_row, "limit": limits.max_rows}
            )


def iter_rows(uploaded, limits: Limits, *, first_row: int = 2):
    """``(row number, values)`` of the first sheet from ``first_row``, at most ``limits.max_rows``
    rows scanned (empty ones included) and ``limits.max_columns`` values a row. Raises
    ``WorkbookRefused`` for a file that cannot be read or holds more rows or longer cells."""
    check_archive(uploaded, limits)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except UNREADABLE as exc:
        raise WorkbookRefused(_("The file cannot be read as an Excel workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(min_row=first_row, max_col=limits.max_columns, values_only=True)
        for number, values in enumerate(rows, first_row):
            if number > limits.max_rows:
                raise WorkbookRefused(
                    _("The sheet holds more than %(limit)s rows; it is refused.") % {"limit": limits.max_rows}
                )
            for value in values:
                if isinstance(value, str) and len(value) > limits.max_cell_chars:
                    raise WorkbookRefused(
                        _(
                            "Row %(row)s holds a cell of %(length)s characters; the limit is %(limit)s (“%(start)s”)."
                        )
                        % {
                            "row": number,
                            "length": len(value),
                            "limit": limits.max_cell_chars,
                            "start": quote(value),
                        }
                    )
            yield number, values
    except UNREADABLE as exc:
        raise WorkbookRefused(_("The file cannot be read as an Excel workbook.")) from exc
    finally:
        workbook.close()
