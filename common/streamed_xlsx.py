"""An .xlsx workbook written as a stream of bytes, row by row, in bounded memory.

openpyxl (even in write-only mode) needs a seekable file to finish a workbook, so a web
response would wait for the whole file. A workbook is a zip of a few XML parts: the small
fixed ones are written first (so the first bytes leave at once), then the one sheet's XML is
generated row by row and deflated into the zip as it goes; ``zipfile`` writes to a stream
that cannot seek by putting each entry's sizes after its data. Text cells are inline strings
(no shared-strings table to keep in memory), passed through ``spreadsheets.safe_value`` (no
formula, no character XML cannot hold) and escaped; numbers are numbers.
"""

import re
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

from .spreadsheets import safe_value

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET = "xl/worksheets/sheet1.xml"

# Characters XML 1.0 cannot hold at all (the control characters go in ``safe_value``).
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

CONTENT_TYPES = (
    HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    HEAD + f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
SHEET_START = (
    HEAD + f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    "</sheetView></sheetViews><sheetData>"
)
SHEET_END = "</sheetData></worksheet>"


def _workbook(title: str) -> str:
    return (
        HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
        f'<sheet name={quoteattr(title[:31])} sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _cell(reference: str, value) -> str:
    value = safe_value(value)
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    text = NOT_XML.sub("", str(value))
    if not text:
        return ""
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


class _Pipe:
    """Where ``zipfile`` writes: it keeps the bytes until the generator hands them on."""

    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def stream_xlsx(title: str, header: list, chunks: Iterable[list[list]]) -> Iterator[bytes]:
    """The workbook's bytes, piece by piece: one sheet named ``title``, ``header`` then the
    rows of each chunk (one piece per chunk, so memory holds one chunk)."""
    pipe = _Pipe()
    letters: list[str] = []

    def row_xml(number: int, values) -> str:
        values = list(values)
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        cells = "".join(_cell(f"{letters[i]}{number}", value) for i, value in enumerate(values))
        return f'<row r="{number}">{cells}</row>'

    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(title))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        yield pipe.drain()
        with archive.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write((SHEET_START + row_xml(1, header)).encode("utf-8"))
            number = 1
            for chunk in chunks:
                lines = []
                for values in chunk:
                    number += 1
                    lines.append(row_xml(number, values))
                sheet.write("".join(lines).encode("utf-8"))
                yield pipe.drain()
            sheet.write(SHEET_END.encode("utf-8"))
    yield pipe.drain()
