"""Biên bản họp Hội đồng and Biên bản kiểm phiếu of a council session as Word files, laid
out after Nghị định 30/2020/NĐ-CP with the shared blocks of ``docx_common``."""

from council.services import BallotResult, results
from eligibility.legal_texts import legal_bases

from . import docx_common as docx
from . import layout

ISSUER = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
RESULT_HEADERS = [
    "STT",
    "Họ và tên / Tập thể",
    "Đơn vị",
    "Hình thức đề nghị",
    "Đồng ý",
    "Không đồng ý",
    "Không hợp lệ",
]


def _document(session, title: str):
    document = docx.new_document()
    docx.header_block(
        document,
        body_lines=[(layout.issuing_body(), False), (ISSUER, True)],
        number=None,
        day=session.meeting_date,
        where=session.locality,
    )
    docx.paragraph(document, title, bold=True, align="center")
    docx.paragraph(document, session.title, bold=True, align="center")
    for line in legal_bases(session.meeting_date):
        docx.paragraph(document, line, italic=True, align="justify", indent=True)
    return document


def _results_table(document, outcome: list[BallotResult], *, with_result: bool, on):
    """``on``: the meeting's date; units are named as they were then."""
    headers = RESULT_HEADERS + (["Kết quả"] if with_result else [])
    widths = [10, 40, 35, 35, 15, 15, 15] + ([15] if with_result else [])
    rows = []
    for index, result in enumerate(outcome, 1):
        ballot, nomination = result.ballot, result.ballot.nomination
        row = [
            str(index),
            nomination.nominee_name,
            nomination.unit.name_on(on),
            nomination.award_type.name,
            str(ballot.votes_for),
            str(ballot.votes_against),
            str(ballot.invalid),
        ]
        if with_result:
            row.append("Đạt" if result.passed else "Không đạt")
        rows.append(row)
    docx.table(document, headers, rows, widths)


def _signatures(document, session):
    table = document.add_table(rows=1, cols=2)
    for cell, title, name in zip(
        table.rows[0].cells, ("THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG"), (session.secretary, session.chair), strict=True
    ):
        cell.paragraphs[0].text = ""
        docx.paragraph(cell, title, bold=True, align="center")
        docx.paragraph(cell, name, align="center")


def meeting_minutes(session) -> bytes:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng."""
    outcome = results(session)
    document = _document(session, "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    for line in (
        f"Thời gian: ngày {session.meeting_date:%d/%m/%Y}. Địa điểm: {session.place}.",
        f"Chủ trì: {session.chair}. Thư ký: {session.secretary}.",
        f"Thành viên Hội đồng: {session.total_members}; có mặt: {session.members_present}; "
        f"vắng mặt: {session.total_members - session.members_present}.",
        f"Hội đồng đã xem xét {len(outcome)} hồ sơ và bỏ phiếu kín. Kết quả như sau:",
    ):
        docx.paragraph(document, line, align="justify")
    _results_table(document, outcome, with_result=True, on=session.meeting_date)
    passed = sum(r.passed for r in outcome)
    docx.paragraph(document, f"Số hồ sơ đạt: {passed}; không đạt: {len(outcome) - passed}.")
    docx.paragraph(document, "Biên bản được lập và thông qua tại cuộc họp.")
    _signatures(document, session)
    return docx.to_bytes(document)


def count_minutes(session) -> bytes:
    """Biên bản kiểm phiếu: the secret-ballot tallies, nominee by nominee."""
    outcome = results(session)
    document = _document(session, "BIÊN BẢN KIỂM PHIẾU")
    docx.paragraph(
        document,
        f"Số thành viên Hội đồng: {session.total_members}; số thành viên có mặt và bỏ phiếu: "
        f"{session.members_present}.",
    )
    _results_table(document, outcome, with_result=False, on=session.meeting_date)
    for result in outcome:
        docx.paragraph(document, f"{result.ballot.nomination.nominee_name}: {result.comment}")
    _signatures(document, session)
    return docx.to_bytes(document)
