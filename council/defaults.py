"""The council's default voting policy for each award type that needs a vote."""

from nominations.models import AwardType

from .models import CouncilPolicy

POLICY_SOURCE = (
    "VÍ DỤ — quy định của tỉnh (NĐ 152/2025/NĐ-CP Điều 6 khoản 2), thay bằng Quy chế hoạt động của "
    "Hội đồng: 9/10 tổng số thành viên là tỷ lệ của NĐ 91/2017/NĐ-CP Điều 45 khoản 8 (ĐÃ HẾT HIỆU LỰC "
    "từ 01/01/2024; tỉnh có thể giữ); có mặt 2/3 mượn của Hội đồng Trung ương (NĐ 152/2025 Điều 45 "
    "khoản 4 điểm b). CSTĐ toàn quốc (90%) và Cờ thi đua Chính phủ (80%) theo NĐ 152 Điều 33 khoản 5 "
    "được áp dụng sẵn, không phụ thuộc cấu hình này."
)


def seed_policies() -> None:
    """Give each award type that needs a council vote a policy, unless it has one (idempotent)."""
    for award in AwardType.objects.filter(needs_council_vote=True):
        if not CouncilPolicy.objects.filter(award_type=award).exists():
            CouncilPolicy.objects.create(award_type=award, source=POLICY_SOURCE)
