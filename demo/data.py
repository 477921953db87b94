"""Reference and demo data for Đồng Nai (DOMAIN.md). People are invented.

The award catalogue is reference data: its figures and legal bases must be checked against
Luật Thi đua, khen thưởng 2022 (06/2022/QH15) and Nghị định 98/2023/NĐ-CP (issue: rules).
"""

import datetime

LAW = "Luật Thi đua, khen thưởng 2022 (06/2022/QH15); Nghị định 98/2023/NĐ-CP"

# code, name, applies_to, authority, needs_council_vote
AWARD_TYPES = [
    ("ldtt", "Lao động tiên tiến", "individual", "director", False),
    ("csdt-co-so", "Chiến sĩ thi đua cơ sở", "individual", "director", True),
    ("giay-khen-ca-nhan", "Giấy khen của Giám đốc Sở Y tế (cá nhân)", "individual", "director", False),
    ("csdt-tinh", "Chiến sĩ thi đua cấp tỉnh", "individual", "province", True),
    ("csdt-bo", "Chiến sĩ thi đua cấp Bộ Y tế", "individual", "minister", True),
    ("bang-khen-ubnd-ca-nhan", "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", "individual", "province", False),
    ("bang-khen-byt-ca-nhan", "Bằng khen của Bộ trưởng Bộ Y tế (cá nhân)", "individual", "minister", False),
    (
        "bang-khen-ttg-ca-nhan",
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        "individual",
        "prime_minister",
        True,
    ),
    ("csdt-toan-quoc", "Chiến sĩ thi đua toàn quốc", "individual", "prime_minister", True),
    ("thay-thuoc-uu-tu", "Danh hiệu Thầy thuốc Ưu tú", "individual", "president", True),
    ("thay-thuoc-nhan-dan", "Danh hiệu Thầy thuốc Nhân dân", "individual", "president", True),
    ("tt-ldtt", "Tập thể lao động tiên tiến", "collective", "director", False),
    ("giay-khen-tap-the", "Giấy khen của Giám đốc Sở Y tế (tập thể)", "collective", "director", False),
    ("tt-ldxs", "Tập thể lao động xuất sắc", "collective", "province", True),
    ("bang-khen-ubnd-tap-the", "Bằng khen của Chủ tịch UBND tỉnh (tập thể)", "collective", "province", False),
    ("bang-khen-byt-tap-the", "Bằng khen của Bộ trưởng Bộ Y tế (tập thể)", "collective", "minister", False),
    ("co-thi-dua-tinh", "Cờ thi đua của UBND tỉnh", "collective", "province", True),
    ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", "collective", "prime_minister", True),
]

DEPARTMENT = ("syt", "Sở Y tế tỉnh Đồng Nai", "Sở Y tế", "department")
UNION = ("cdyt", "Công đoàn ngành Y tế Đồng Nai", "Công đoàn ngành", "union")
# code, name, short name, kind — nominating units (each gets a head and an officer account)
UNITS = [
    ("vp", "Văn phòng Sở Y tế", "Văn phòng Sở", "office"),
    ("pnvy", "Phòng Nghiệp vụ Y", "P. Nghiệp vụ Y", "office"),
    ("pkhtc", "Phòng Kế hoạch - Tài chính", "P. KH-TC", "office"),
    ("ptccb", "Phòng Tổ chức cán bộ", "P. TCCB", "office"),
    ("bvtn", "Bệnh viện Đa khoa Thống Nhất", "BVĐK Thống Nhất", "attached"),
    ("bvdq", "Bệnh viện Đa khoa khu vực Định Quán", "BVĐKKV Định Quán", "attached"),
    ("ttytvc", "Trung tâm Y tế khu vực Vĩnh Cửu", "TTYT KV Vĩnh Cửu", "attached"),
    ("cdc", "Trung tâm Kiểm soát bệnh tật Đồng Nai", "CDC Đồng Nai", "attached"),
    ("bvydct", "Bệnh viện Y dược cổ truyền Đồng Nai", "BV YDCT Đồng Nai", "attached"),
    ("bvdn2", "Bệnh viện Đồng Nai - 2", "BV Đồng Nai - 2", "attached"),
    ("pkanphuc", "Phòng khám Đa khoa An Phúc", "PKĐK An Phúc", "private"),
    ("bvtamhoa", "Bệnh viện Đa khoa tư nhân Tâm Hòa", "BVĐK Tâm Hòa", "private"),
]

# Department-level accounts: username, full name, unit code, roles
DEPARTMENT_USERS = [
    ("giamdoc", "Trần Minh Khang", "syt", ["director", "council_member"], "Giám đốc Sở"),
    ("phogiamdoc", "Lê Thị Thanh Hà", "syt", ["deputy_director", "council_member"], "Phó Giám đốc Sở"),
    ("chanhvanphong", "Phạm Quốc Bảo", "vp", ["office_head", "council_member"], "Chánh Văn phòng Sở"),
    ("vanphong", "Nguyễn Thị Ngọc Lan", "vp", ["office_reviewer"], "Chuyên viên Văn phòng Sở"),
    ("congdoan", "Võ Văn Tâm", "cdyt", ["trade_union", "council_member"], "Chủ tịch Công đoàn ngành"),
    ("thanhtra", "Đặng Hữu Nghĩa", "syt", ["inspector"], "Chánh Thanh tra Sở"),
]

CAMPAIGN = {
    "name": "Đổi mới, sáng tạo, tận tâm, trách nhiệm thực hiện nhiệm vụ",
    "plan_number": "KH-SYT/2024",
    "plan_date": datetime.date(2024, 6, 10),
    "start_date": datetime.date(2024, 6, 10),
    "end_date": datetime.date(2024, 12, 25),
    "report_deadline": datetime.date(2024, 12, 31),
    "themes": "\n".join(
        [
            "Đối với công việc: Phải trách nhiệm, sáng tạo, chuyên nghiệp",
            "Đối với nhân dân: Nghe dân nói, nói dân hiểu, làm dân tin",
            "Đối với doanh nghiệp: Phải lắng nghe và đồng hành",
            "Đối với đồng nghiệp: Phải đoàn kết, hợp tác và hành động vì ngành y tế Đồng Nai",
        ]
    ),
    "content": (
        "Chào mừng các ngày lễ lớn năm 2024, tiến tới kỷ niệm 70 năm ngày Thầy thuốc Việt Nam "
        "(27/02/1955 - 27/02/2025). Mỗi cơ quan, đơn vị tự lựa chọn chủ đề, chương trình, mô hình, "
        "công trình chào mừng và báo cáo kết quả về Sở Y tế (qua Văn phòng) vào cuối tháng 12/2024."
    ),
}

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Thị Thu", "Hồng"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hùng",
    "Khoa",
    "Long",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Tuấn",
    "Vinh",
    "Hiếu",
    "Đạt",
    "Trí",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Yến",
    "Uyên",
    "Diễm",
]
POSITIONS = [
    "Bác sĩ điều trị",
    "Điều dưỡng",
    "Kỹ thuật viên",
    "Dược sĩ",
    "Hộ sinh",
    "Chuyên viên",
    "Trưởng khoa",
    "Phó trưởng khoa",
    "Điều dưỡng trưởng",
    "Kế toán viên",
]
TITLES = [
    "Bác sĩ chuyên khoa I",
    "Bác sĩ chuyên khoa II",
    "Thạc sĩ, Bác sĩ",
    "Điều dưỡng hạng III",
    "Dược sĩ hạng III",
    "Kỹ thuật y hạng III",
    "Chuyên viên",
    "Hộ sinh hạng IV",
]
STAFF_PER_UNIT = 26

COLLECTIVES = [
    "Khoa Hồi sức tích cực - Chống độc",
    "Khoa Khám bệnh",
    "Khoa Nội tổng hợp",
    "Phòng Kế hoạch tổng hợp",
    "Khoa Kiểm soát nhiễm khuẩn",
    "Khoa Dược",
]

ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì sáng kiến “Rút ngắn thời gian chờ khám bằng đặt lịch hẹn trực tuyến”, "
    "được Hội đồng sáng kiến cơ sở công nhận; tích cực tham gia phong trào “Đổi mới, sáng tạo, tận tâm, trách nhiệm”.",
    "Triển khai thành công kỹ thuật mới tại đơn vị, giảm 30% số ca chuyển tuyến; tận tụy với người bệnh, "
    "được người dân gửi thư khen; không có sai sót chuyên môn trong năm.",
    "Đi đầu trong cải cách hành chính, ứng dụng công nghệ thông tin và bệnh án điện tử; "
    "đạt giải Nhì hội thi Điều dưỡng giỏi ngành Y tế tỉnh Đồng Nai năm 2024.",
]
