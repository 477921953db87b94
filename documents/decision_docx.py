"""Quyết định khen thưởng (.docx) with its annex: the layout of ``decision_content``'s text."""

from . import docx_common as dx
from . import layout
from .data import DecisionData
from .decision_content import decision_text


def build_decision_docx(data: DecisionData) -> bytes:
    text = decision_text(data)
    document = dx.new_document()
    dx.header_block(
        document,
        body_lines=[(layout.parent_body(), False), (layout.issuing_body(), True)],
        number=text.number,
        day=data.date,
    )
    dx.paragraph(document, "")
    dx.paragraph(document, "QUYẾT ĐỊNH", bold=True, align="center")
    dx.paragraph(document, text.subject, bold=True, align="center")
    dx.paragraph(document, "")
    dx.paragraph(document, "GIÁM ĐỐC SỞ Y TẾ", bold=True, align="center")
    for line in text.grounds:
        dx.paragraph(document, line, italic=True, align="justify", indent=True)
    dx.paragraph(document, "QUYẾT ĐỊNH:", bold=True, align="center")
    for article in text.articles:
        dx.paragraph(document, article, align="justify", indent=True)
    dx.signature_block(
        document, recipients=text.recipients, title_lines=text.signer_title, name=text.signer_name
    )
    dx.page_break(document)
    dx.paragraph(document, "PHỤ LỤC", bold=True, align="center")
    dx.paragraph(document, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", bold=True, align="center")
    dx.paragraph(document, text.annex_heading, italic=True, align="center")
    if text.collectives:
        dx.paragraph(document, f"I. TẬP THỂ ({len(text.collectives)} tập thể)", bold=True)
        dx.table(
            document,
            ["STT", "Tên tập thể", "Đơn vị", "Hình thức khen thưởng"],
            text.collectives,
            [12, 60, 55, 38],
        )
    if text.individuals:
        heading = "II" if text.collectives else "I"
        dx.paragraph(document, f"{heading}. CÁ NHÂN ({len(text.individuals)} cá nhân)", bold=True)
        dx.table(
            document,
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
            text.individuals,
            [12, 45, 35, 45, 28],
        )
    dx.paragraph(document, text.annex_total, italic=True)
    return dx.to_bytes(document)
