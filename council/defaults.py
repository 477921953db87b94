"""The council's default voting policy for each award type that needs a vote."""

from nominations.models import AwardType

from .models import CouncilPolicy

POLICY_SOURCE = (
    "Cấu hình mặc định, sửa theo Quy chế hoạt động của Hội đồng: 9/10 tổng số thành viên là tỷ lệ "
    "của NĐ 91/2017/NĐ-CP Điều 45 khoản 8 (ĐÃ HẾT HIỆU LỰC từ 01/01/2024; NĐ 98/2023 không quy định "
    "tỷ lệ cho Hội đồng cấp Sở); có mặt 2/3 theo NĐ 98/2023/NĐ-CP Điều 47 (Hội đồng Trung ương)."
)


def seed_policies() -> None:
    """Give each award type that needs a council vote a policy, unless it has one (idempotent)."""
    for award in AwardType.objects.filter(needs_council_vote=True):
        if not CouncilPolicy.objects.filter(award_type=award).exists():
            CouncilPolicy.objects.create(award_type=award, source=POLICY_SOURCE)
