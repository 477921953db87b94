"""Default eligibility rules and council policies for the award catalogue, with the article
each comes from. Researched against Luật Thi đua, khen thưởng 2022 (06/2022/QH15) and its
decrees; a figure marked "suy ra" is our reading, not a quoted text. Administrators change
them in the admin; ``seed_rules`` only adds what is missing, so it never overwrites an edit.
"""

from nominations.models import AwardType

from .models import AwardRule
from .rules import validate_params

L = "Luật TĐKT 06/2022/QH15"
# Forms of commendation exclude each other for one achievement; emulation titles do not.
INDIVIDUAL_FORMS = [
    "giay-khen-ca-nhan",
    "bang-khen-ubnd-ca-nhan",
    "bang-khen-byt-ca-nhan",
    "bang-khen-ttg-ca-nhan",
]
COLLECTIVE_FORMS = ["giay-khen-tap-the", "bang-khen-ubnd-tap-the", "bang-khen-byt-tap-the"]
ONE_AWARD = ("one_award_per_achievement", {"same_kind": []}, f"{L} Điều 5 khoản 2 điểm c", True)
ONE_FORM = ("one_award_per_achievement", {"same_kind": INDIVIDUAL_FORMS}, f"{L} Điều 5 khoản 2 điểm c", True)
ONE_COLLECTIVE_FORM = (
    "one_award_per_achievement",
    {"same_kind": COLLECTIVE_FORMS},
    f"{L} Điều 5 khoản 2 điểm c",
    True,
)
INITIATIVE_ONCE = (
    "initiative_used_once",
    {},
    "Công văn 5007/BNV-TĐKT ngày 05/9/2023 của Bộ Nội vụ, mục III.5 điểm c (hướng dẫn, không phải luật)",
    True,
)

# award code -> [(rule, params, source, active)]
DEFAULT_RULES = {
    "ldtt": [
        ("minimum_rating", {"rating": "htt", "years": 1}, f"{L} Điều 24 khoản 1 điểm a", True),
        ONE_AWARD,
    ],
    "csdt-co-so": [
        ("same_year_title", {"title": "ldtt"}, f"{L} Điều 23 khoản 1", True),
        ("rating_or_initiative", {"rating": "htxs", "level": "co_so"}, f"{L} Điều 23 khoản 2", True),
        INITIATIVE_ONCE,
        ONE_AWARD,
        (
            "quota_share",
            {"base_title": "ldtt", "percent": 15},
            "NĐ 91/2017/NĐ-CP Điều 9 khoản 3 — ĐÃ HẾT HIỆU LỰC từ 01/01/2024; chỉ bật khi quy chế "
            "của tỉnh hoặc Bộ Y tế quy định tỷ lệ",
            False,
        ),
    ],
    "csdt-tinh": [
        ("consecutive_title", {"titles": ["csdt-co-so"], "count": 3}, f"{L} Điều 22 khoản 1 điểm a", True),
        (
            "initiatives",
            {"level": "bo_tinh", "count": 1, "alternatives": "unknown"},
            f"{L} Điều 22 khoản 1 điểm b",
            True,
        ),
        (
            "interval_since_same_award",
            {"years": 3},
            f"suy ra từ {L} Điều 22 khoản 1 điểm a và NĐ 98/2023/NĐ-CP Điều 30 khoản 9",
            True,
        ),
        INITIATIVE_ONCE,
        ONE_AWARD,
    ],
    "csdt-bo": [
        ("consecutive_title", {"titles": ["csdt-co-so"], "count": 3}, f"{L} Điều 22 khoản 1 điểm a", True),
        (
            "initiatives",
            {"level": "bo_tinh", "count": 1, "alternatives": "unknown"},
            f"{L} Điều 22 khoản 1 điểm b",
            True,
        ),
        (
            "interval_since_same_award",
            {"years": 3},
            f"suy ra từ {L} Điều 22 khoản 1 điểm a và NĐ 98/2023/NĐ-CP Điều 30 khoản 9",
            True,
        ),
        INITIATIVE_ONCE,
        ONE_AWARD,
    ],
    "csdt-toan-quoc": [
        (
            "consecutive_title",
            {"titles": ["csdt-tinh", "csdt-bo"], "count": 2},
            f"{L} Điều 21 khoản 1 điểm a (số khoản, điểm suy ra)",
            True,
        ),
        (
            "initiatives",
            {"level": "toan_quoc", "count": 1, "alternatives": "unknown"},
            f"{L} Điều 21 khoản 1 điểm b (số khoản, điểm suy ra)",
            True,
        ),
        INITIATIVE_ONCE,
        ONE_AWARD,
    ],
    "bang-khen-ubnd-ca-nhan": [
        (
            "title_streak_or_ratings_with_initiatives",
            {
                "title": "csdt-co-so",
                "count": 2,
                "rating": "htxs",
                "rating_years": 2,
                "initiative_count": 2,
                "level": "co_so",
                "otherwise": "unknown",
            },
            f"{L} Điều 74 khoản 1 điểm d (các điểm a, b, c do Văn phòng đánh giá)",
            True,
        ),
        INITIATIVE_ONCE,
        ONE_FORM,
    ],
    "bang-khen-byt-ca-nhan": [
        (
            "title_streak_or_ratings_with_initiatives",
            {
                "title": "csdt-co-so",
                "count": 2,
                "rating": "htxs",
                "rating_years": 2,
                "initiative_count": 2,
                "level": "co_so",
                "otherwise": "unknown",
            },
            f"{L} Điều 74 khoản 1 điểm d (các điểm a, b, c do Văn phòng đánh giá)",
            True,
        ),
        INITIATIVE_ONCE,
        ONE_FORM,
    ],
    "bang-khen-ttg-ca-nhan": [
        (
            "prior_award",
            {"awards": ["bang-khen-ubnd-ca-nhan", "bang-khen-byt-ca-nhan"]},
            f"{L} Điều 73 khoản 1 điểm b",
            True,
        ),
        ("minimum_rating", {"rating": "htt", "years": 5}, f"{L} Điều 73 khoản 1 điểm b", True),
        (
            "title_count_in_window",
            {"title": "csdt-co-so", "count": 3, "years": 5},
            f"{L} Điều 73 khoản 1 điểm b",
            True,
        ),
        (
            "interval_since_same_award",
            {"years": 5},
            f"suy ra từ {L} Điều 73 khoản 1 điểm b và NĐ 98/2023/NĐ-CP Điều 30 khoản 9",
            True,
        ),
        ONE_FORM,
    ],
    "thay-thuoc-nhan-dan": [
        (
            "prior_award",
            {"awards": ["thay-thuoc-uu-tu"]},
            f"{L} Điều 65; NĐ 25/2024/NĐ-CP (tiêu chuẩn danh hiệu Thầy thuốc Nhân dân)",
            True,
        ),
        ONE_AWARD,
    ],
}
DEFAULT_RULES["giay-khen-ca-nhan"] = [ONE_FORM]
for _code in COLLECTIVE_FORMS:
    DEFAULT_RULES[_code] = [ONE_COLLECTIVE_FORM]
# Every other award type: the general rule only (its own criteria cannot be read from the data).
GENERAL_ONLY = [ONE_AWARD]


def seed_rules() -> None:
    """Add the default rules that are missing (idempotent)."""
    for award in AwardType.objects.all():
        existing = set(AwardRule.objects.filter(award_type=award).values_list("rule", flat=True))
        for order, (code, params, source, active) in enumerate(DEFAULT_RULES.get(award.code, GENERAL_ONLY)):
            if code not in existing:
                AwardRule.objects.create(
                    award_type=award,
                    rule=code,
                    params=validate_params(code, params),
                    source=source,
                    is_active=active,
                    sort_order=order * 10,
                )
