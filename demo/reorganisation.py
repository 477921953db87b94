"""The demo's one reorganisation: two district health centres (invented) merged on 01/07/2025,
when the district level ended, into one regional centre. Before the merger each centre has
staff, an officer and an award of 2024 in its history; the merger itself goes through
``onboarding.reorganisation`` like a real one. Idempotent: once merged, nothing is redone."""

import datetime

from django.contrib.auth import get_user_model

from nominations.models import AwardRecord, AwardType, Staff, Unit
from onboarding import reorganisation
from permissions.roles import Role

from .organisation import _user, upsert

DISTRICT_CENTRES = [
    ("ttyt-tanphu", "Trung tâm Y tế huyện Tân Phú", "TTYT huyện Tân Phú"),
    ("ttyt-dinhquan", "Trung tâm Y tế huyện Định Quán", "TTYT huyện Định Quán"),
]
REGIONAL = ("ttytkv-tanphu", "Trung tâm Y tế khu vực Tân Phú - Định Quán", "TTYT KV Tân Phú - Định Quán")
MERGER_DAY = datetime.date(2025, 7, 1)
MERGER_DECISION = ("1507/QĐ-UBND", datetime.date(2025, 6, 27))  # invented number
STAFF_PER_CENTRE = 6
NAMES = ["Đinh Văn Lực", "Hồ Thị Mận", "Tạ Quang Vinh", "Lý Thị Ngà", "Mai Văn Thắng", "Cao Thị Yến"]


def seed_reorganisation_demo() -> None:
    if Unit.objects.filter(code=REGIONAL[0]).exists():
        return  # merged already
    department = Unit.objects.get(code="syt")
    award = AwardType.objects.get(code="giay-khen-tap-the")
    centres = []
    for code, name, short in DISTRICT_CENTRES:
        centre = upsert(
            Unit,
            {"code": code},
            {"name": name, "short_name": short, "kind": "attached", "parent": department},
        )
        centres.append(centre)
        for number in range(1, STAFF_PER_CENTRE + 1):
            upsert(
                Staff,
                {"staff_code": f"{code.upper()}-{number:04d}"},
                {
                    "full_name": NAMES[number - 1],
                    "gender": "female" if number % 2 == 0 else "male",
                    "unit": centre,
                },
            )
        _user(
            f"{code}.canbo",
            f"Cán bộ TĐKT {short}",
            centre,
            [Role.UNIT_OFFICER],
            "Cán bộ thi đua - khen thưởng",
        )
        if not AwardRecord.objects.filter(unit=centre, award_type=award, year=2024).exists():
            AwardRecord.objects.create(
                unit=centre,
                collective_name=name,
                award_type=award,
                year=2024,
                decision_number="245/QĐ-SYT",
                decision_date=datetime.date(2024, 12, 20),
                issuing_body="Sở Y tế tỉnh Đồng Nai",
            )
    admin = get_user_model().objects.get(username="admin")
    code, name, short = REGIONAL
    regional, _changes = reorganisation.merge_into_new_unit(
        centres,
        code=code,
        name=name,
        short_name=short,
        effective_date=MERGER_DAY,
        decision_number=MERGER_DECISION[0],
        decision_date=MERGER_DECISION[1],
        actor=admin,
    )
    _user(f"{code}.truong", f"Thủ trưởng {short}", regional, [Role.UNIT_HEAD], "Giám đốc")
    _user(
        f"{code}.canbo", f"Cán bộ TĐKT {short}", regional, [Role.UNIT_OFFICER], "Cán bộ thi đua - khen thưởng"
    )
