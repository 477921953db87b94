"""Shared building blocks of our Word files: A4 page and margins of Nghị định 30/2020, the
header block (issuing body, number, national motto, place and date), tables, signature."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import layout

# Word opens these with Times New Roman, the font the decree prescribes (13–14 pt).
FONT = "Times New Roman"
SIZE = 14


def new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)
    return document


def paragraph(container, text="", *, bold=False, italic=False, size=None, align=None, indent=False):
    p = container.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def _cell_lines(cell, lines):
    """Write ``(text, bold, italic, size)`` lines centred in a table cell."""
    cell.paragraphs[0].text = ""
    for i, (text, bold, italic, size) in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def header_block(document, *, body_lines: list[tuple[str, bool]], number: str | None, day, where: str = ""):
    """The two-column head of every document: issuing body and number on the left, national
    motto and place-date on the right (ô số 1–4 of the decree's layout). Minutes have no
    number (``None``)."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    _cell_lines(
        left,
        [(text, bold, False, 13) for text, bold in body_lines]
        + ([("", False, False, 6), (f"Số: {number}", False, False, 13)] if number is not None else []),
    )
    _cell_lines(
        right,
        [
            (layout.NATIONAL_TITLE, True, False, 13),
            (layout.NATIONAL_MOTTO, True, False, 14),
            ("", False, False, 6),
            (layout.place_and_date(day, where), False, True, 14),
        ],
    )
    return table


def table(document, headers: list[str], rows: list[list[str]], widths_mm: list[int]):
    t = document.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text, width in zip(t.rows[0].cells, headers, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(12)
    for values in rows:
        cells = t.add_row().cells
        for cell, text, width in zip(cells, values, widths_mm, strict=True):
            cell.width = Mm(width)
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
    return t


def signature_block(document, *, recipients: list[str], title_lines: list[str], name: str):
    """ "Nơi nhận" on the left, the signer's title and name on the right (ô số 7–9)."""
    t = document.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    left.paragraphs[0].text = ""
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in recipients:
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(f"- {line}")
        r.font.size = Pt(11)
    _cell_lines(
        right,
        [(line, True, False, 14) for line in title_lines]
        + [("", False, False, 14)] * 3
        + [(name, True, False, 14)],
    )


def page_break(document):
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
