"""Demo data of the campaigns app: the 2024 campaign's details, phases, a few registrations
and two open nomination rounds. Idempotent: a second run writes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns.models import CampaignPhase, NominationRound, UnitRegistration
from nominations.models import Campaign, NominationBasis, Unit

from .data import CAMPAIGN
from .organisation import upsert

DETAILS = {
    "participants": (
        "Tập thể: các phòng chức năng thuộc Sở Y tế, các đơn vị trực thuộc Sở Y tế tỉnh Đồng Nai và các cơ sở "
        "y tế ngoài công lập trên địa bàn tỉnh.\nCá nhân: công chức, viên chức, người lao động đang công tác "
        "tại các cơ quan, đơn vị nói trên."
    ),
    "criteria_collective": (
        "Hoàn thành tốt các nhiệm vụ được cấp có thẩm quyền giao;\nĐẩy mạnh cải cách hành chính, ứng dụng "
        "công nghệ thông tin;\nCó mô hình, chủ đề, công trình chào mừng có sáng tạo, hiệu quả."
    ),
    "criteria_individual": (
        "Chủ động tham mưu, sáng tạo, chuyên nghiệp, có thành tích nổi bật được thủ trưởng đơn vị ghi nhận;\n"
        "Tôn trọng, lắng nghe, tận tình hướng dẫn người dân; đoàn kết, hợp tác với đồng nghiệp."
    ),
    "registration_deadline": datetime.date(2024, 7, 15),
}
PHASES = [
    ("Đợt 1: triển khai, đăng ký", datetime.date(2024, 6, 10), datetime.date(2024, 9, 30)),
    ("Đợt 2: thực hiện, tổng kết", datetime.date(2024, 10, 1), datetime.date(2024, 12, 25)),
]
REGISTRATIONS = {
    "bvtn": "Mô hình “Bệnh viện không giấy tờ – bệnh án điện tử toàn viện”",
    "cdc": "Chương trình “Tiêm chủng an toàn, đúng lịch cho trẻ em vùng xa”",
    "bvdq": "Công trình chào mừng: cải tạo khu khám bệnh “Xanh - Sạch - Đẹp”",
}


def seed_campaign_demo() -> None:
    campaign = Campaign.objects.filter(name=CAMPAIGN["name"]).first()
    if campaign is None:
        return
    upsert(Campaign, {"pk": campaign.pk}, DETAILS)
    for name, start, end in PHASES:
        CampaignPhase.objects.get_or_create(
            campaign=campaign, name=name, defaults={"start_date": start, "end_date": end}
        )
    users = get_user_model().objects
    for code, theme in REGISTRATIONS.items():
        unit = Unit.objects.filter(code=code).first()
        officer = users.filter(username=f"{code}.canbo").first()
        if unit and officer:
            UnitRegistration.objects.get_or_create(
                campaign=campaign,
                unit=unit,
                defaults={"theme": theme, "registered_by": officer, "registered_at": timezone.now()},
            )
    office = users.filter(username="vanphong").first()
    if office is None:
        return
    # Open until two months after the first seeding, so the demo accepts new dossiers.
    deadline = max(timezone.localdate() + datetime.timedelta(days=60), datetime.date(2025, 1, 31))
    NominationRound.objects.get_or_create(
        name="Khen thưởng phong trào “Đổi mới, sáng tạo, tận tâm, trách nhiệm” 2024",
        defaults={
            "basis": NominationBasis.CAMPAIGN,
            "campaign": campaign,
            "opens_at": datetime.date(2024, 12, 1),
            "deadline": deadline,
            "created_by": office,
        },
    )
    NominationRound.objects.get_or_create(
        name="Tổng kết năm 2024",
        defaults={
            "basis": NominationBasis.ANNUAL,
            "year": 2024,
            "opens_at": datetime.date(2024, 12, 1),
            "deadline": deadline,
            "created_by": office,
        },
    )
