"""The package's blocks (``package_content``) as Word and as PDF."""

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import docx_common as dx
from . import fonts, layout


def to_docx(blocks: list) -> bytes:
    document = dx.new_document()
    for block in blocks:
        kind = block[0]
        if kind == "head":
            dx.header_block(
                document,
                body_lines=[(layout.parent_body(), False), (layout.issuing_body(), True)],
                number=block[1],
                day=block[2],
            )
            dx.paragraph(document, "")
        elif kind == "title":
            dx.paragraph(document, block[1], bold=True, align="center")
        elif kind == "center":
            dx.paragraph(document, block[1], bold=True, align="center")
        elif kind == "bold":
            dx.paragraph(document, block[1], bold=True)
        elif kind == "para":
            dx.paragraph(document, block[1], align="justify", indent=True)
        elif kind == "table":
            dx.table(document, block[1], block[2], block[3])
        elif kind == "sign":
            dx.signature_block(
                document, recipients=block[1], title_lines=[t for t in block[2] if t], name=block[3]
            )
    return dx.to_bytes(document)


def _styles():
    fonts.register()
    base = ParagraphStyle("base", fontName=fonts.SERIF, fontSize=12, leading=15)
    return {
        "base": base,
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, fontName=fonts.SERIF_BOLD),
        "bold": ParagraphStyle("bold", parent=base, fontName=fonts.SERIF_BOLD),
        "para": ParagraphStyle("para", parent=base, alignment=TA_JUSTIFY, firstLineIndent=8 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=12),
        "title": ParagraphStyle(
            "title", parent=base, alignment=TA_CENTER, fontName=fonts.SERIF_BOLD, fontSize=14
        ),
    }


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def to_pdf(blocks: list, title: str) -> bytes:
    st = _styles()
    story = []
    for block in blocks:
        kind = block[0]
        if kind == "head":
            left = [_p(layout.parent_body(), st["center"]), _p(layout.issuing_body(), st["center"])]
            if block[1]:
                left.append(_p(f"Số: {block[1].strip()}", st["center"]))
            right = [
                _p(layout.NATIONAL_TITLE, st["center"]),
                _p(layout.NATIONAL_MOTTO, st["center"]),
                _p(layout.place_and_date(block[2]), st["center"]),
            ]
            story += [Table([[left, right]], colWidths=[70 * mm, 95 * mm]), Spacer(1, 6 * mm)]
        elif kind == "title":
            story.append(_p(block[1], st["title"]))
        elif kind in ("center", "bold", "para"):
            story.append(_p(block[1], st[kind]))
        elif kind == "table":
            headers, rows, widths = block[1], block[2], block[3]
            scale = 165 / sum(widths)
            data = [[_p(h, st["cell"]) for h in headers]] + [[_p(v, st["cell"]) for v in row] for row in rows]
            table = Table(data, colWidths=[w * scale * mm for w in widths], repeatRows=1)
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
            )
            story += [Spacer(1, 2 * mm), table, Spacer(1, 2 * mm)]
        elif kind == "sign":
            lines = [_p(t, st["center"]) for t in block[2] if t] + [
                Spacer(1, 18 * mm),
                _p(block[3], st["center"]),
            ]
            story += [Spacer(1, 6 * mm), Table([["", lines]], colWidths=[80 * mm, 85 * mm])]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=layout.issuing_body_full(),
        invariant=1,
    ).build(story)
    return buffer.getvalue()


def image_pdf(content: bytes, caption: str) -> bytes:
    """An evidence photo or scan (JPEG/PNG) on an A4 page, scaled to fit."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    fonts.register()
    image = ImageReader(io.BytesIO(content))
    width, height = image.getSize()
    page_w, page_h = A4
    box_w, box_h = page_w - 30 * mm, page_h - 45 * mm
    scale = min(box_w / width, box_h / height)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(fonts.SERIF, 10)
    c.drawString(15 * mm, page_h - 15 * mm, caption)
    c.drawImage(image, 15 * mm, page_h - 25 * mm - height * scale, width * scale, height * scale)
    c.showPage()
    c.save()
    return buffer.getvalue()


def notice_pdf(lines: list[str]) -> bytes:
    """One page saying that a file is in the package but cannot be shown as PDF."""
    st = _styles()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build([_p(line, st["para"]) for line in lines])
    return buffer.getvalue()
