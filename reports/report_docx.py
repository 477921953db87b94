"""The office's reports as Word files in the layout of Nghị định 30/2020/NĐ-CP: the results
report of a campaign (báo cáo kết quả phong trào thi đua) and the year-end summary of
emulation and commendation (báo cáo tổng kết công tác thi đua, khen thưởng). The figures come
from the data; the prose is the office's (typed on the page, and editable in Word)."""

import datetime
from dataclasses import dataclass, field

from documents import docx_common as dx
from documents import layout

from .statistics import Table


@dataclass
class Prose:
    situation: str
    assessment: str
    directions: str


@dataclass
class ReportData:
    kind: str  # "campaign" | "year"
    title: str  # the subject after "Báo cáo"
    day: datetime.date
    tables: dict[str, Table]
    prose: Prose
    campaign_lines: list[str] = field(default_factory=list)  # registrations, results reports
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""


def _paragraphs(document, text: str):
    for line in (text or "").splitlines():
        if line.strip():
            dx.paragraph(document, line.strip(), align="justify", indent=True)


def _figures_table(document, table: Table):
    rows = [
        [
            str(i),
            row.label,
            str(row.total),
            str(row.individuals),
            str(row.collectives),
            str(row.women),
        ]
        for i, row in enumerate(table.rows, 1)
    ]
    total = table.total
    rows.append(
        ["", "Tổng cộng", str(total.total), str(total.individuals), str(total.collectives), str(total.women)]
    )
    dx.table(
        document,
        ["STT", table.key_label, "Hồ sơ", "Cá nhân", "Tập thể", "Nữ"],
        rows,
        [12, 68, 20, 20, 20, 20],
    )


def build_report_docx(data: ReportData) -> bytes:
    document = dx.new_document()
    dx.header_block(
        document,
        body_lines=[(layout.parent_body(), False), (layout.issuing_body(), True)],
        number="        /BC-SYT",
        day=data.day,
    )
    dx.paragraph(document, "")
    dx.paragraph(document, "BÁO CÁO", bold=True, align="center")
    dx.paragraph(document, data.title, bold=True, align="center")
    dx.paragraph(document, "")

    dx.paragraph(document, "I. ĐẶC ĐIỂM TÌNH HÌNH", bold=True)
    _paragraphs(document, data.prose.situation)

    dx.paragraph(document, "II. KẾT QUẢ", bold=True)
    status = data.tables["status"].total
    outcome = {row.key: row.total for row in data.tables["outcome"].rows}
    share = f"{status.women_share:.1f}".replace(".", ",") if status.women_share is not None else "0"
    dx.paragraph(
        document,
        f"Tổng số hồ sơ đề nghị khen thưởng: {status.total} ({status.collectives} tập thể, "
        f"{status.individuals} cá nhân, trong đó {status.women} cá nhân nữ, chiếm {share}% số cá nhân). "
        f"Đã được khen thưởng: {outcome.get('awarded', 0)}; không được khen thưởng hoặc bị từ chối: "
        f"{outcome.get('not_awarded', 0)}; đã phê duyệt, chờ quyết định hoặc kết quả của cấp trên: "
        f"{outcome.get('pending_decision', 0)}; đang xử lý: {outcome.get('in_progress', 0)}.",
        align="justify",
        indent=True,
    )
    for line in data.campaign_lines:
        dx.paragraph(document, line, align="justify", indent=True)
    dx.paragraph(document, "1. Theo hình thức khen thưởng", bold=True)
    _figures_table(document, data.tables["award"])
    dx.paragraph(document, "2. Theo đơn vị", bold=True)
    _figures_table(document, data.tables["unit"])
    dx.paragraph(document, "3. Theo kết quả", bold=True)
    _figures_table(document, data.tables["outcome"])

    dx.paragraph(document, "III. ĐÁNH GIÁ CHUNG", bold=True)
    _paragraphs(document, data.prose.assessment)
    dx.paragraph(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", bold=True)
    _paragraphs(document, data.prose.directions)
    dx.paragraph(document, "")
    dx.signature_block(
        document,
        recipients=[
            "UBND tỉnh (báo cáo);",
            "Ban Thi đua - Khen thưởng tỉnh;",
            "Các đơn vị trực thuộc;",
            "Lưu: VT, VP.",
        ],
        title_lines=[data.signer_title],
        name=data.signer_name,
    )
    return dx.to_bytes(document)
