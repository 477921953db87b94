"""Tờ trình (.docx): the unit's submission letter listing the nominees of one round."""

from . import docx_common as dx
from . import layout
from .data import SubmissionData


def build_submission_docx(data: SubmissionData) -> bytes:
    document = dx.new_document()
    symbol = f"TTr-{data.unit_short_name or 'ĐV'}".replace(" ", "")
    dx.header_block(
        document,
        body_lines=[
            (f"{layout.issuing_body()} {layout.place().upper()}", False),
            (data.unit_name.upper(), True),
        ],
        number=f"        /{symbol}",
        day=data.date,
    )
    dx.paragraph(document, "")
    dx.paragraph(document, "TỜ TRÌNH", bold=True, align="center")
    dx.paragraph(document, f"Về việc đề nghị khen thưởng: {data.round_name}", bold=True, align="center")
    dx.paragraph(document, f"Kính gửi: Giám đốc {layout.issuing_body_full()}.", align="center")
    counts = []
    if data.collectives:
        counts.append(f"{len(data.collectives)} tập thể")
    if data.individuals:
        counts.append(f"{len(data.individuals)} cá nhân")
    for line in data.legal_bases:
        dx.paragraph(document, line, italic=True, align="justify", indent=True)
    dx.paragraph(
        document,
        f"Căn cứ kết quả bình xét thi đua, khen thưởng của đơn vị, {data.unit_name} kính trình Giám đốc "
        f"Sở Y tế xem xét, khen thưởng cho {' và '.join(counts) or 'các tập thể, cá nhân'} "
        "có thành tích xuất sắc, cụ thể như sau:",
        align="justify",
        indent=True,
    )
    if data.collectives:
        dx.paragraph(document, f"1. Tập thể ({len(data.collectives)})", bold=True)
        dx.table(
            document,
            ["STT", "Tên tập thể", "Hình thức đề nghị", "Tóm tắt thành tích"],
            [[str(i), n.name, n.award_name, n.achievement] for i, n in enumerate(data.collectives, 1)],
            [12, 50, 45, 58],
        )
    if data.individuals:
        dx.paragraph(
            document, f"{2 if data.collectives else 1}. Cá nhân ({len(data.individuals)})", bold=True
        )
        dx.table(
            document,
            ["STT", "Họ và tên", "Chức vụ", "Hình thức đề nghị", "Tóm tắt thành tích"],
            [
                [str(i), n.name, n.position, n.award_name, n.achievement]
                for i, n in enumerate(data.individuals, 1)
            ],
            [12, 40, 30, 38, 45],
        )
    dx.paragraph(
        document,
        "(Kèm theo danh sách trích ngang và báo cáo thành tích của từng tập thể, cá nhân.)",
        italic=True,
    )
    dx.paragraph(
        document, f"{data.unit_name} kính trình Giám đốc Sở Y tế xem xét, quyết định./.", indent=True
    )
    dx.signature_block(
        document,
        recipients=["Như trên;", "Lưu: VT, TĐKT."],
        title_lines=["THỦ TRƯỞNG ĐƠN VỊ"],
        name=data.head_name,
    )
    return dx.to_bytes(document)
