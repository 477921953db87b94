"""Danh sách trích ngang (.xlsx): the summary list of a round or of a decision."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from common.spreadsheets import safe_row, safe_value

from .data import Nominee

COLUMNS = [
    ("STT", 6),
    ("Mã hồ sơ", 16),
    ("Họ và tên / Tên tập thể", 32),
    ("Cá nhân / Tập thể", 12),
    ("Mã nhân viên", 12),
    ("Ngày sinh", 12),
    ("Giới tính", 9),
    ("Chức vụ", 22),
    ("Chức danh chuyên môn", 22),
    ("Đơn vị", 34),
    ("Hình thức khen thưởng", 34),
    ("Tóm tắt thành tích", 60),
    ("Trạng thái", 18),
]
CASH_COLUMN = ("Tiền thưởng (đồng)", 16)
HEADER_ROW = 4
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def build_summary_xlsx(*, title: str, subtitle: str, nominees: list[Nominee], cash_note: str = "") -> bytes:
    """Title rows, then one row per nominee: collectives first, then individuals, each numbered
    from 1 within its group (STT). With ``cash_note`` (a decision's list) each row carries its
    cash award, and a total row and the note on how it was computed close the list."""
    with_cash = bool(cash_note)
    columns = [*COLUMNS, CASH_COLUMN] if with_cash else COLUMNS
    wb = Workbook()
    ws = wb.active
    ws.title = "Trích ngang"
    ws["A1"] = safe_value(title)
    ws["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    ws["A2"] = safe_value(subtitle)
    ws["A2"].font = Font(name="Times New Roman", size=12, italic=True)
    for col, (label, width) in enumerate(columns, 1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=label)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = GRID
        ws.column_dimensions[get_column_letter(col)].width = width
    row = HEADER_ROW + 1
    groups = [
        ("TẬP THỂ", [n for n in nominees if n.is_collective]),
        ("CÁ NHÂN", [n for n in nominees if not n.is_collective]),
    ]
    for label, members in groups:
        if not members:
            continue
        ws.cell(row=row, column=1, value=f"{label} ({len(members)})").font = Font(
            name="Times New Roman", bold=True
        )
        row += 1
        for number, n in enumerate(members, 1):
            values = [
                number,
                n.code,
                n.name,
                "Tập thể" if n.is_collective else "Cá nhân",
                n.staff_code,
                n.date_of_birth.strftime("%d/%m/%Y") if n.date_of_birth else "",
                {"male": "Nam", "female": "Nữ"}.get(n.gender, ""),
                n.position,
                n.professional_title,
                n.unit_name,
                n.award_name,
                n.achievement,
                n.status,
                *([n.cash] if with_cash else []),
            ]
            for col, value in enumerate(safe_row(values), 1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.border = GRID
                cell.alignment = Alignment(vertical="top", wrap_text=col in (3, 10, 11, 12))
                if col == len(COLUMNS) + 1:
                    cell.number_format = "#,##0"
            row += 1
    if with_cash:
        ws.cell(row=row, column=len(COLUMNS), value="Tổng cộng").font = Font(
            name="Times New Roman", bold=True
        )
        total = ws.cell(row=row, column=len(COLUMNS) + 1, value=sum(n.cash or 0 for n in nominees))
        total.font = Font(name="Times New Roman", bold=True)
        total.number_format = "#,##0"
        ws.cell(row=row + 1, column=1, value=cash_note).font = Font(name="Times New Roman", italic=True)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
