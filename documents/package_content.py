"""What the package for the higher authority says, written once as blocks of text and tables,
then rendered to Word (for the office to edit) and to PDF (the merged dossier): tờ trình of the
Department (Mẫu số 01 structure), the list of nominees, and each nominee's báo cáo thành tích
(the decree's appendix forms for individuals and collectives), prefilled from the data."""

import datetime
from dataclasses import dataclass, field

from . import layout
from .data import Nominee

# Blocks: ("head", number_or_None, day) · ("title", text) · ("center", text) · ("bold", text)
# · ("para", text) · ("table", headers, rows, widths_mm) · ("sign", recipients, titles, name)

RECIPIENT = {
    "province": "Chủ tịch Ủy ban nhân dân tỉnh",
    "minister": "Bộ trưởng Bộ Y tế",
    "prime_minister": "Thủ tướng Chính phủ",
    "president": "Chủ tịch nước",
}


@dataclass
class PackageNominee:
    nominee: Nominee
    authority: str
    history: list[tuple[str, str, str]] = field(default_factory=list)  # (year, award, decision)
    staff_details: dict = field(default_factory=dict)


def addressee(entries: list[PackageNominee]) -> str:
    names = sorted({RECIPIENT.get(e.authority, "Cấp có thẩm quyền") for e in entries})
    place = layout.place()
    return "; ".join(f"{n} {place}" if n.endswith("tỉnh") else n for n in names)


def submission(entries: list[PackageNominee], *, day: datetime.date, director_name: str) -> list:
    collectives = [e for e in entries if e.nominee.is_collective]
    individuals = [e for e in entries if not e.nominee.is_collective]
    awards = sorted({e.nominee.award_name for e in entries})
    counts = " và ".join(
        part
        for part in (
            f"{len(collectives)} tập thể" if collectives else "",
            f"{len(individuals)} cá nhân" if individuals else "",
        )
        if part
    )
    blocks = [
        ("head", "        /TTr-SYT", day),
        ("title", "TỜ TRÌNH"),
        ("center", f"Về việc đề nghị tặng {', '.join(awards)}"),
        ("center", f"Kính gửi: {addressee(entries)}."),
        ("para", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
        (
            "para",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
            "một số điều của Luật Thi đua, khen thưởng;",
        ),
        (
            "para",
            f"Xét đề nghị của Thủ trưởng các đơn vị và kết quả thẩm định của Văn phòng Sở, "
            f"{layout.issuing_body_full()} kính trình xem xét, khen thưởng cho {counts} có thành tích xuất sắc "
            "(có danh sách, báo cáo thành tích và hồ sơ kèm theo), cụ thể:",
        ),
    ]
    for award in awards:
        same = [e for e in entries if e.nominee.award_name == award]
        blocks.append(("para", f"- {award}: {len(same)} trường hợp."))
    blocks += [
        ("para", f"{layout.issuing_body_full()} kính trình xem xét, quyết định./."),
        ("sign", ["Như trên;", "Ban Giám đốc Sở;", "Lưu: VT, VP."], ["GIÁM ĐỐC"], director_name),
    ]
    return blocks


def nominee_list(entries: list[PackageNominee], *, day: datetime.date) -> list:
    rows = [
        [
            str(i),
            e.nominee.name,
            "Tập thể" if e.nominee.is_collective else (e.nominee.position or "Cá nhân"),
            e.nominee.unit_name,
            e.nominee.award_name,
            e.nominee.achievement,
        ]
        for i, e in enumerate(entries, 1)
    ]
    return [
        ("head", None, day),
        ("title", "DANH SÁCH"),
        ("center", "TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"),
        ("center", f"(Kèm theo Tờ trình của {layout.issuing_body_full()})"),
        (
            "table",
            ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Hình thức", "Tóm tắt thành tích"],
            rows,
            [10, 36, 22, 30, 27, 40],
        ),
    ]


def _history_table(entry: PackageNominee) -> tuple:
    rows = [[year, award, decision] for year, award, decision in entry.history] or [["", "(Chưa có)", ""]]
    return ("table", ["Năm", "Hình thức khen thưởng", "Số, ngày quyết định"], rows, [20, 85, 60])


def achievement_report(entry: PackageNominee, *, day: datetime.date) -> list:
    """Báo cáo thành tích, structured as the decree's appendix forms (individual / collective)."""
    n = entry.nominee
    head = [
        ("head", None, day),
        ("title", "BÁO CÁO THÀNH TÍCH"),
        ("center", f"Đề nghị tặng {n.award_name}"),
    ]
    if n.is_collective:
        body = [
            ("center", f"Tên tập thể đề nghị: {n.name}"),
            ("bold", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
            ("para", f"1. Đặc điểm, tình hình: {n.name} thuộc {n.unit_name}."),
            ("para", "2. Chức năng, nhiệm vụ được giao: (đơn vị bổ sung)."),
            ("bold", "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
            ("para", n.achievement),
            ("bold", "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"),
            _history_table(entry),
            ("sign", [], ["THỦ TRƯỞNG ĐƠN VỊ"], ""),
        ]
    else:
        details = entry.staff_details
        body = [
            ("bold", "I. SƠ LƯỢC LÝ LỊCH"),
            ("para", f"- Họ và tên: {n.name}"),
            (
                "para",
                f"- Sinh ngày, tháng, năm: {details.get('date_of_birth', '')}    Giới tính: {details.get('gender', '')}",
            ),
            ("para", f"- Chức vụ: {n.position}"),
            ("para", f"- Đơn vị công tác: {n.unit_name}"),
            ("para", f"- Trình độ chuyên môn, nghiệp vụ: {n.professional_title}"),
            ("bold", "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
            ("para", "1. Quyền hạn, nhiệm vụ được giao: (cá nhân bổ sung)."),
            ("para", f"2. Thành tích đạt được: {n.achievement}"),
            ("bold", "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"),
            _history_table(entry),
            ("sign", [], ["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "", "NGƯỜI BÁO CÁO THÀNH TÍCH"], n.name),
        ]
    return head + body
