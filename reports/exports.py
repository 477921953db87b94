"""The statistics and step analytics as .xlsx: one table per file, every cell through
``common.spreadsheets.safe_value`` (a campaign or unit name typed by a person could start
with ``=``)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.spreadsheets import safe_value

FONT = "Times New Roman"


def workbook(*, title: str, subtitle: str, header: list[str], rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Thống kê"
    ws["A1"] = safe_value(title)
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A2"] = safe_value(subtitle)
    ws["A2"].font = Font(name=FONT, size=12, italic=True)
    for col, label in enumerate(header, 1):
        cell = ws.cell(row=4, column=col, value=safe_value(label))
        cell.font = Font(name=FONT, bold=True)
        ws.column_dimensions[get_column_letter(col)].width = 40 if col == 1 else 16
    for r, values in enumerate(rows, 5):
        for col, value in enumerate(values, 1):
            ws.cell(row=r, column=col, value=safe_value(value))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
