"""Quyết định khen thưởng (.docx) with its annex: collectives and individuals numbered apart."""

from eligibility.cash import money

from . import docx_common as dx
from . import layout
from .data import DecisionData

CASH_HEADER = "Tiền thưởng (đồng)"


def grounds(data: DecisionData) -> list[str]:
    """The legal bases in force on the decision's date, the campaign plans, the proposal."""
    return [*data.legal_bases, *data.grounds, "Xét đề nghị của Chánh Văn phòng Sở Y tế."]


def cash_cell(amount: int | None) -> str:
    return money(amount) if amount is not None else "—"


def annex_headers(data: DecisionData) -> tuple[list[str], list[str]]:
    extra = [CASH_HEADER] if data.has_cash else []
    return (
        ["STT", "Tên tập thể", "Đơn vị", "Hình thức khen thưởng", *extra],
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", *extra],
    )


def cash_total_line(data: DecisionData) -> str:
    return f"Tổng số tiền thưởng: {money(data.cash_total)} đồng. {data.cash_note}" if data.has_cash else ""


def signer_title(data: DecisionData) -> list[str]:
    return ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if data.signer_is_deputy else ["GIÁM ĐỐC"]


def article_one(data: DecisionData) -> str:
    counts = []
    if data.collectives:
        counts.append(f"{len(data.collectives)} tập thể")
    if data.individuals:
        counts.append(f"{len(data.individuals)} cá nhân")
    awards = "; ".join(data.award_names)
    return (
        f"Điều 1. Tặng {awards} cho {' và '.join(counts)} (có danh sách kèm theo) "
        "đã có thành tích xuất sắc trong thực hiện nhiệm vụ."
    )


def annex_heading(data: DecisionData) -> str:
    return f"(Kèm theo Quyết định số {data.number} {layout.date_words(data.date)} của Giám đốc Sở Y tế)"


def annex_tables(data: DecisionData):
    """The annex's two lists, each numbered from 1 (STT)."""

    def cash(n):
        return [cash_cell(n.cash)] if data.has_cash else []

    collectives = [
        [str(i), n.name, n.unit_name, n.award_name, *cash(n)] for i, n in enumerate(data.collectives, 1)
    ]
    individuals = [
        [str(i), n.name, n.position, n.unit_name, n.award_name, *cash(n)]
        for i, n in enumerate(data.individuals, 1)
    ]
    return collectives, individuals


def build_decision_docx(data: DecisionData) -> bytes:
    document = dx.new_document()
    dx.header_block(
        document,
        body_lines=[(layout.parent_body(), False), (layout.issuing_body(), True)],
        number=data.number,
        day=data.date,
    )
    dx.paragraph(document, "")
    dx.paragraph(document, "QUYẾT ĐỊNH", bold=True, align="center")
    dx.paragraph(document, layout.subject_line(data.title), bold=True, align="center")
    dx.paragraph(document, "")
    dx.paragraph(document, "GIÁM ĐỐC SỞ Y TẾ", bold=True, align="center")
    for line in grounds(data):
        dx.paragraph(document, line, italic=True, align="justify", indent=True)
    dx.paragraph(document, "QUYẾT ĐỊNH:", bold=True, align="center")
    dx.paragraph(document, article_one(data), align="justify", indent=True)
    dx.paragraph(
        document,
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Các tập thể, cá nhân có tên tại Điều 1 "
        "được nhận Giấy khen và tiền thưởng theo quy định.",
        align="justify",
        indent=True,
    )
    dx.paragraph(
        document,
        "Điều 3. Chánh Văn phòng Sở Y tế, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, "
        "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        align="justify",
        indent=True,
    )
    dx.signature_block(
        document,
        recipients=["Như Điều 3;", "Ban Giám đốc Sở;", "Công đoàn ngành Y tế;", "Lưu: VT, VP."],
        title_lines=signer_title(data),
        name=data.signer_name,
    )
    dx.page_break(document)
    dx.paragraph(document, "PHỤ LỤC", bold=True, align="center")
    dx.paragraph(document, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", bold=True, align="center")
    dx.paragraph(document, annex_heading(data), italic=True, align="center")
    collectives, individuals = annex_tables(data)
    collective_header, individual_header = annex_headers(data)
    if collectives:
        dx.paragraph(document, f"I. TẬP THỂ ({len(collectives)} tập thể)", bold=True)
        widths = [12, 50, 45, 33, 25] if data.has_cash else [12, 60, 55, 38]
        dx.table(document, collective_header, collectives, widths)
    if individuals:
        heading = "II" if collectives else "I"
        dx.paragraph(document, f"{heading}. CÁ NHÂN ({len(individuals)} cá nhân)", bold=True)
        widths = [12, 40, 30, 38, 25, 22] if data.has_cash else [12, 45, 35, 45, 28]
        dx.table(document, individual_header, individuals, widths)
    if data.has_cash:
        dx.paragraph(document, cash_total_line(data), italic=True, align="justify")
    dx.paragraph(
        document, f"Danh sách này có {len(collectives)} tập thể và {len(individuals)} cá nhân./.", italic=True
    )
    return dx.to_bytes(document)
