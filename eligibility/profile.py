"""The province's regulation profile in use, and what other apps read from it."""

from django.conf import settings

from common.reference_cache import ProcessCached

from .models import RegulationProfile


def active_profile() -> RegulationProfile | None:
    return RegulationProfile.objects.filter(is_active=True).first()


def _load_step_limits() -> dict:
    limits = (
        RegulationProfile.objects.filter(is_active=True).values_list("step_working_days", flat=True).first()
    )
    return dict(limits or {})


# Read at every step: kept in the process (dropped when a profile is saved; see
# ``common.reference_cache`` for how soon other processes see a change).
step_limits = ProcessCached(_load_step_limits)


def step_working_days(step: str) -> int:
    """The Department's time limit of a workflow step, in working days: the province's
    profile when it sets one, else the ``STEP_DAYS_*`` setting."""
    days = step_limits.get().get(step)
    if isinstance(days, int) and not isinstance(days, bool) and days > 0:
        return days
    return settings.WORKFLOW_STEP_DAYS[step]


EXAMPLE_NAME = "Quy định TĐKT của tỉnh — VÍ DỤ"
EXAMPLE_STEP_DAYS = {
    "unit_signoff": 3,
    "revise": 7,
    "office_review": 5,
    "union_consultation": 5,
    "council_vote": 20,
    "director_signoff": 3,
    "record_higher_result": 40,
}


def seed_profile_example(*, activate: bool = False) -> RegulationProfile:
    """An example profile, labelled as such: every figure is to be replaced by the province's
    own regulation (NĐ 152/2025 Điều 6 khoản 2 leaves them to the province)."""
    profile, _created = RegulationProfile.objects.get_or_create(
        name=EXAMPLE_NAME,
        defaults={
            "province": "Đồng Nai",
            "reference": "Chưa nhập: số, ngày Quyết định ban hành quy định TĐKT của UBND tỉnh",
            "is_example": True,
            "step_working_days": EXAMPLE_STEP_DAYS,
            "giay_khen_criteria": (
                "VÍ DỤ: Giấy khen của Giám đốc Sở cho cá nhân hoàn thành tốt nhiệm vụ trở lên trong năm; "
                "tiêu chuẩn do Bộ, tỉnh quy định chi tiết (Luật TĐKT 2022 Điều 75 khoản 2). Quy tắc tương "
                "ứng: “minimum_rating” của Giấy khen, độ tin cậy “quy định của tỉnh”."
            ),
            "note": (
                "Ngưỡng biểu quyết và số thành viên dự họp của Hội đồng: mục “Chính sách biểu quyết”. "
                "Trần tỷ lệ tùy chọn (ví dụ CSTĐCS/LĐTT): quy tắc “quota_share” (đang tắt)."
            ),
        },
    )
    if activate and not RegulationProfile.objects.filter(is_active=True).exists():
        profile.is_active = True
        profile.save(update_fields=["is_active"])
    return profile
