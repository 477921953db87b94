"""Quyết định khen thưởng as PDF (for an issued decision), with the same annex as the .docx."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import fonts, layout
from .data import DecisionData
from .decision_content import decision_text


def _styles():
    family = fonts.register()
    base = ParagraphStyle("base", fontName=family, fontSize=13, leading=17, alignment=TA_JUSTIFY)
    return {
        "body": ParagraphStyle("body", parent=base, firstLineIndent=10 * mm, spaceAfter=4),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", parent=base, fontSize=11, leading=13, alignment=0),
        "small": ParagraphStyle("small", parent=base, fontSize=11, leading=13, alignment=0),
    }


def _p(text, style, *, bold=False, italic=False):
    text = escape(text)
    if bold:
        text = f"<b>{text}</b>"
    if italic:
        text = f"<i>{text}</i>"
    return Paragraph(text, style)


def _header(text, st):
    left = [
        _p(layout.parent_body(), st["center"]),
        _p(layout.issuing_body(), st["center"], bold=True),
        Spacer(1, 3 * mm),
        _p(f"Số: {text.number}", st["center"]),
    ]
    right = [
        _p(layout.NATIONAL_TITLE, st["center"], bold=True),
        _p(layout.NATIONAL_MOTTO, st["center"], bold=True),
        Spacer(1, 3 * mm),
        _p(text.place_and_date, st["center"], italic=True),
    ]
    return Table([[left, right]], colWidths=[65 * mm, 100 * mm], style=[("VALIGN", (0, 0), (-1, -1), "TOP")])


def _grid(headers, rows, widths, st):
    body = [[_p(h, st["cell"], bold=True) for h in headers]]
    body += [[_p(v, st["cell"]) for v in row] for row in rows]
    table = Table(body, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


class _SignatureSpace(Flowable):
    """The blank between the signer's title and name (NĐ 30/2020, ô số 7b): where the visible
    digital signature goes. Records where it landed so that the signer can place the field."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height
        self.placed: tuple[int, tuple[float, float, float, float]] | None = None

    def wrap(self, avail_width, avail_height):
        self.avail_width = avail_width
        return avail_width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        left = x + (self.avail_width - self.width) / 2
        self.placed = (self.canv.getPageNumber() - 1, (left, y, left + self.width, y + self.height))


def build_decision_pdf(data: DecisionData) -> bytes:
    return build_decision_pdf_with_signature_box(data)[0]


def build_decision_pdf_with_signature_box(data: DecisionData):
    """The PDF, and where its visible signature belongs (page index, box in points).

    The output is byte-for-byte reproducible from the same data (reportlab's invariant mode),
    so a file signed elsewhere can be compared with what we generate."""
    text = decision_text(data)
    st = _styles()
    story = [_header(text, st), Spacer(1, 6 * mm)]
    story += [
        _p("QUYẾT ĐỊNH", st["center"], bold=True),
        _p(text.subject, st["center"], bold=True),
        Spacer(1, 4 * mm),
        _p("GIÁM ĐỐC SỞ Y TẾ", st["center"], bold=True),
        Spacer(1, 2 * mm),
    ]
    story += [_p(line, st["body"], italic=True) for line in text.grounds]
    story.append(_p("QUYẾT ĐỊNH:", st["center"], bold=True))
    story += [_p(article, st["body"]) for article in text.articles]
    story.append(Spacer(1, 4 * mm))
    recipients = [_p("Nơi nhận:", st["small"], bold=True, italic=True)] + [
        _p(f"- {line}", st["small"]) for line in text.recipients
    ]
    signature = [_p(line, st["center"], bold=True) for line in text.signer_title]
    space = _SignatureSpace(70 * mm, 22 * mm)
    signature += [space, _p(text.signer_name, st["center"], bold=True)]
    story.append(
        Table(
            [[recipients, signature]],
            colWidths=[80 * mm, 85 * mm],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
        )
    )
    story += [
        PageBreak(),
        _p("PHỤ LỤC", st["center"], bold=True),
        _p("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", st["center"], bold=True),
        _p(text.annex_heading, st["center"], italic=True),
        Spacer(1, 4 * mm),
    ]
    if text.collectives:
        story.append(_p(f"I. TẬP THỂ ({len(text.collectives)} tập thể)", st["small"], bold=True))
        widths = [12, 48, 45, 32, 28] if text.has_cash else [12, 58, 55, 40]
        story.append(_grid(text.collective_header, text.collectives, widths, st))
        story.append(Spacer(1, 4 * mm))
    if text.individuals:
        heading = "II" if text.collectives else "I"
        story.append(_p(f"{heading}. CÁ NHÂN ({len(text.individuals)} cá nhân)", st["small"], bold=True))
        widths = [12, 40, 28, 38, 25, 22] if text.has_cash else [12, 48, 33, 44, 28]
        story.append(_grid(text.individual_header, text.individuals, widths, st))
    if text.has_cash:
        story.append(_p(text.cash_total_line, st["small"], italic=True))
    story.append(_p(text.annex_total, st["small"], italic=True))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Quyết định {data.number}",
        author=layout.issuing_body_full(),
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue(), space.placed
