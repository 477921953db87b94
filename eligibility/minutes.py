"""Biên bản họp Hội đồng and Biên bản kiểm phiếu as Word files, laid out after Nghị định
30/2020/NĐ-CP: issuing body and national motto side by side, place and date, Times New Roman."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .council import BallotResult, results

FONT = "Times New Roman"
SIZE = Pt(13)
ISSUER_PARENT = "SỞ Y TẾ"
ISSUER = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _document() -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    # East-Asian font slot too, or Word substitutes another face for Vietnamese letters.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return doc


def _line(cell_or_doc, text: str, *, bold=False, italic=False, center=True, size=None):
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    run.font.size = size or SIZE
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _header(doc, session, title: str):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _line(left, ISSUER_PARENT, size=Pt(13))
    _line(left, ISSUER, bold=True)
    _line(right, MOTTO[0], bold=True, size=Pt(12))
    _line(right, MOTTO[1], bold=True)
    date = session.meeting_date
    _line(doc, f"{session.locality}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}", italic=True)
    _line(doc, title, bold=True, size=Pt(14))
    _line(doc, session.title, bold=True)


def _results_table(doc, outcome: list[BallotResult], with_result: bool):
    headers = [
        "STT",
        "Họ và tên / Tập thể",
        "Đơn vị",
        "Hình thức đề nghị",
        "Đồng ý",
        "Không đồng ý",
        "Không hợp lệ",
    ]
    if with_result:
        headers.append("Kết quả")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for index, result in enumerate(outcome, 1):
        ballot = result.ballot
        nomination = ballot.nomination
        values = [
            str(index),
            nomination.nominee_name,
            nomination.unit.name,
            nomination.award_type.name,
            str(ballot.votes_for),
            str(ballot.votes_against),
            str(ballot.invalid),
        ]
        if with_result:
            values.append("Đạt" if result.passed else "Không đạt")
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.name, run.font.size = FONT, Pt(12)


def _signatures(doc, session):
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _line(left, "THƯ KÝ", bold=True)
    _line(left, session.secretary)
    _line(right, "CHỦ TỊCH HỘI ĐỒNG", bold=True)
    _line(right, session.chair)


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def meeting_minutes(session) -> bytes:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng."""
    outcome = results(session)
    doc = _document()
    _header(doc, session, "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    _line(doc, f"Thời gian: ngày {session.meeting_date:%d/%m/%Y}. Địa điểm: {session.place}.", center=False)
    _line(doc, f"Chủ trì: {session.chair}. Thư ký: {session.secretary}.", center=False)
    _line(
        doc,
        f"Thành viên Hội đồng: {session.total_members}; có mặt: {session.members_present}; "
        f"vắng mặt: {session.total_members - session.members_present}.",
        center=False,
    )
    _line(
        doc,
        f"Hội đồng đã xem xét {len(outcome)} hồ sơ và bỏ phiếu kín. Kết quả như sau:",
        center=False,
    )
    _results_table(doc, outcome, with_result=True)
    passed = sum(r.passed for r in outcome)
    _line(doc, f"Số hồ sơ đạt: {passed}; không đạt: {len(outcome) - passed}.", center=False)
    _line(doc, "Biên bản được lập và thông qua tại cuộc họp.", center=False)
    _signatures(doc, session)
    return _save(doc)


def count_minutes(session) -> bytes:
    """Biên bản kiểm phiếu: the secret-ballot tallies, nominee by nominee."""
    outcome = results(session)
    doc = _document()
    _header(doc, session, "BIÊN BẢN KIỂM PHIẾU")
    _line(
        doc,
        f"Số thành viên Hội đồng: {session.total_members}; số thành viên có mặt và bỏ phiếu: "
        f"{session.members_present}.",
        center=False,
    )
    _results_table(doc, outcome, with_result=False)
    for result in outcome:
        _line(doc, f"{result.ballot.nomination.nominee_name}: {result.comment}", center=False)
    _signatures(doc, session)
    return _save(doc)
