"""The legal texts every deployment starts with, as dated data, from the project's legal notes
(``shared/LAW.md``, checked November 2026). Each gives its period, what it replaces, how
documents cite it and how sure we are. ``seed_legal_texts`` adds what is missing and never
overwrites an administrator's edit."""

import datetime

from django.db.models import Q

from .models import Confidence, LegalText, LegalTextKind

D = datetime.date

# code, kind, number, title, issued, from, until, replaces, citation, cited, order, confidence, note
TEXTS = [
    (
        "luat-06-2022",
        LegalTextKind.LAW,
        "06/2022/QH15",
        "Luật Thi đua, khen thưởng",
        D(2022, 6, 15),
        D(2024, 1, 1),
        None,
        None,
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        True,
        10,
        Confidence.HIGH,
        "",
    ),
    (
        "nd-98-2023",
        LegalTextKind.DECREE,
        "98/2023/NĐ-CP",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2025, 6, 30),
        None,
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng",
        True,
        20,
        Confidence.HIGH,
        "Bãi bỏ bởi Nghị định 152/2025/NĐ-CP Điều 59 từ 01/07/2025. Điều 60 khoản 3 NĐ 152: hồ sơ gửi "
        "trước 01/07/2025 được xét theo NĐ 98/2023. Điều 60 khoản 2: nơi chưa ban hành quy định được giao, "
        "NĐ 98/2023 còn áp dụng đến 31/12/2025.",
    ),
    (
        "nd-152-2025",
        LegalTextKind.DECREE,
        "152/2025/NĐ-CP",
        "Nghị định số 152/2025/NĐ-CP của Chính phủ (thi đua, khen thưởng)",
        D(2025, 6, 14),
        D(2025, 7, 1),
        D(2027, 2, 28),
        "nd-98-2023",
        # The decree's full title was not read for the notes: cite number, date and issuer only.
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ",
        True,
        20,
        Confidence.HIGH,
        "Điều 60 khoản 1: hết hiệu lực từ 01/03/2027, hoặc sớm hơn ở nội dung đã được luật mới quy định. "
        "Trích yếu đầy đủ của Nghị định cần đối chiếu văn bản trước khi bổ sung vào phần căn cứ.",
    ),
    (
        "tt-15-2025",
        LegalTextKind.CIRCULAR,
        "15/2025/TT-BNV",
        "Thông tư hướng dẫn và biểu mẫu thi đua, khen thưởng (thay Thông tư 01/2024/TT-BNV)",
        D(2025, 8, 4),
        D(2025, 8, 5),
        None,
        None,
        "Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ trưởng Bộ Nội vụ",
        True,
        30,
        Confidence.MEDIUM,
        "Ngày có hiệu lực “khoảng 05/08/2025”: cần đối chiếu văn bản.",
    ),
    (
        "luat-sua-doi-2026",
        LegalTextKind.LAW,
        "06/2026/QH16",
        "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng (theo thông tin báo chí)",
        None,
        D(2026, 10, 1),
        None,
        None,
        "",
        False,
        15,
        Confidence.LOW,
        "Số hiệu và ngày hiệu lực theo thông tin báo chí; nội dung chưa đọc. Khi có văn bản: ghi ngày "
        "thông qua, câu căn cứ, bật “trích dẫn trong văn bản” và thêm bộ quy tắc mới nếu tiêu chuẩn thay đổi.",
    ),
]


def seed_legal_texts() -> dict[str, LegalText]:
    """Add the texts that are missing (idempotent); returns them by code."""
    made = {}
    for (
        code,
        kind,
        number,
        title,
        issued,
        start,
        until,
        replaces,
        citation,
        cited,
        order,
        confidence,
        note,
    ) in TEXTS:
        text, _created = LegalText.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "number": number,
                "title": title,
                "issued_on": issued,
                "in_force_from": start,
                "in_force_until": until,
                "replaces": made.get(replaces),
                "citation": citation,
                "cited_in_documents": cited,
                "citation_order": order,
                "confidence": confidence,
                "note": note,
            },
        )
        made[code] = text
    return made


def texts_in_force(day: datetime.date, *, cited_only: bool = True) -> list[LegalText]:
    """The texts in force on ``day`` (those documents cite, by default), in citation order."""
    qs = LegalText.objects.filter(in_force_from__lte=day).filter(
        Q(in_force_until__isnull=True) | Q(in_force_until__gte=day)
    )
    if cited_only:
        qs = qs.filter(cited_in_documents=True).exclude(citation="")
    return list(qs.order_by("citation_order", "in_force_from"))


def legal_bases(day: datetime.date) -> list[str]:
    """The “Căn cứ …;” lines of a document dated ``day``."""
    return [f"Căn cứ {text.citation};" for text in texts_in_force(day)]
