"""The seeded rule sets: NĐ 98/2023 (dossiers submitted 01/01/2024–30/06/2025) and NĐ 152/2025
(from 01/07/2025), each rule citing its article with how sure we are (``shared/LAW.md``).

Most criteria are the Law's (Luật 06/2022/QH15), so both sets hold them; the decrees differ
in the principles they add (NĐ 152 Điều 4 khoản 4: discipline pauses) and in where the next
proposal counts from. Administrators change the rules in the admin; ``seed_rules`` only adds
what is missing, so it never overwrites an edit."""

import datetime

from nominations.models import AwardType

from .cash import seed_cash_rates
from .legal_texts import seed_legal_texts
from .models import AwardRule, Confidence, RuleSet
from .profile import seed_profile_example
from .rules import validate_params

L = "Luật TĐKT 06/2022/QH15"
N98 = "NĐ 98/2023/NĐ-CP"
N152 = "NĐ 152/2025/NĐ-CP"
H, MH, M, INF, PROV = (
    Confidence.HIGH,
    Confidence.MEDIUM_HIGH,
    Confidence.MEDIUM,
    Confidence.INFERRED,
    Confidence.PROVINCE,
)
PROVINCE_EXAMPLE = "Quy chế TĐKT của tỉnh — VÍ DỤ, thay bằng quy định của tỉnh"

# Forms of commendation exclude each other for one achievement; emulation titles do not.
INDIVIDUAL_FORMS = [
    "giay-khen-ca-nhan",
    "bang-khen-ubnd-ca-nhan",
    "bang-khen-byt-ca-nhan",
    "bang-khen-ttg-ca-nhan",
]
COLLECTIVE_FORMS = ["giay-khen-tap-the", "bang-khen-ubnd-tap-the", "bang-khen-byt-tap-the"]

# (rule, params, source, confidence, active)
ONE_AWARD = ("one_award_per_achievement", {"same_kind": []}, f"{L} Điều 5 khoản 2", H, True)
ONE_FORM = ("one_award_per_achievement", {"same_kind": INDIVIDUAL_FORMS}, f"{L} Điều 5 khoản 2", H, True)
ONE_COLLECTIVE_FORM = (
    "one_award_per_achievement",
    {"same_kind": COLLECTIVE_FORMS},
    f"{L} Điều 5 khoản 2",
    H,
    True,
)
INITIATIVE_ONCE = (
    "initiative_used_once",
    {},
    "Công văn 5007/BNV-TĐKT ngày 05/9/2023 của Bộ Nội vụ, mục III.5 điểm c (hướng dẫn, không phải luật)",
    M,
    True,
)
DISCIPLINE_PAUSE = ("not_under_discipline", {}, f"{N152} Điều 4 khoản 4", H, True)
BANG_KHEN_POINT_D = (
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
    H,
    True,
)
COLLECTIVE_NO_DISCIPLINE = (
    "collective_no_discipline",
    {},
    "Luật TĐKT 2003 Điều 27, 28 (câu chữ Luật 2022 chưa đối chiếu); tỉnh có thể quy định chi tiết",
    M,
    True,
)


def _interval(years: int, decree: str, article: str, law_point: str):
    return (
        "interval_since_same_award",
        {"years": years},
        f"suy ra từ {L} {law_point} và {decree} {article}",
        INF,
        True,
    )


def _common_rules(decree: str, interval_article: str) -> dict[str, list]:
    """The Law's criteria, identical under both decrees."""
    csdt_higher = [
        ("consecutive_title", {"titles": ["csdt-co-so"], "count": 3}, f"{L} Điều 22", MH, True),
        (
            "initiatives",
            {"level": "bo_tinh", "count": 1, "alternatives": "unknown"},
            f"{L} Điều 22",
            MH,
            True,
        ),
        _interval(3, decree, interval_article, "Điều 22"),
        INITIATIVE_ONCE,
        ONE_AWARD,
    ]
    return {
        "ldtt": [
            ("minimum_rating", {"rating": "htt", "years": 1}, f"{L} Điều 24 khoản 1", H, True),
            ONE_AWARD,
        ],
        "csdt-co-so": [
            (
                "same_year_title",
                {"title": "ldtt"},
                f"{L} Điều 23 (số điều cần xác nhận); trả lời của Bộ Nội vụ",
                MH,
                True,
            ),
            (
                "rating_or_initiative",
                {"rating": "htxs", "level": "co_so"},
                f"{L} Điều 23 (số điều cần xác nhận): sáng kiến không còn bắt buộc",
                MH,
                True,
            ),
            INITIATIVE_ONCE,
            ONE_AWARD,
            (
                "quota_staff_share",
                {"percent": 15},
                f"{PROVINCE_EXAMPLE}: trần tỷ lệ tùy chọn (NĐ 152 không quy định tỷ lệ) — chỉ bật khi quy chế "
                "của tỉnh quy định",
                PROV,
                False,
            ),
            (
                "quota_share",
                {"base_title": "ldtt", "percent": 15},
                "Trần tỷ lệ tùy chọn của tỉnh (NĐ 91/2017/NĐ-CP, nguồn cũ của 15 %, đã hết hiệu lực "
                "01/01/2024; NĐ 152 không quy định tỷ lệ) — chỉ bật khi quy chế của tỉnh quy định",
                PROV,
                False,
            ),
        ],
        "csdt-tinh": csdt_higher,
        "csdt-bo": list(csdt_higher),
        "csdt-toan-quoc": [
            (
                "consecutive_title",
                {"titles": ["csdt-tinh", "csdt-bo"], "count": 2},
                f"{L} Điều 21",
                H,
                True,
            ),
            (
                "initiatives",
                {"level": "toan_quoc", "count": 1, "alternatives": "unknown"},
                f"{L} Điều 21",
                H,
                True,
            ),
            INITIATIVE_ONCE,
            ONE_AWARD,
        ],
        "bang-khen-ubnd-ca-nhan": [BANG_KHEN_POINT_D, INITIATIVE_ONCE, ONE_FORM],
        "bang-khen-byt-ca-nhan": [BANG_KHEN_POINT_D, INITIATIVE_ONCE, ONE_FORM],
        "bang-khen-ttg-ca-nhan": [
            (
                "prior_award",
                {"awards": ["bang-khen-ubnd-ca-nhan", "bang-khen-byt-ca-nhan"]},
                f"{L} Điều 73 khoản 1 điểm b",
                MH,
                True,
            ),
            ("minimum_rating", {"rating": "htt", "years": 5}, f"{L} Điều 73 khoản 1 điểm b", MH, True),
            (
                "title_count_in_window",
                {"title": "csdt-co-so", "count": 3, "years": 5},
                f"{L} Điều 73 khoản 1 điểm b",
                MH,
                True,
            ),
            _interval(5, decree, interval_article, "Điều 73 khoản 1 điểm b"),
            ONE_FORM,
        ],
        "thay-thuoc-nhan-dan": [
            (
                "prior_award",
                {"awards": ["thay-thuoc-uu-tu"]},
                f"{L} Điều 65; NĐ 25/2024/NĐ-CP (tiêu chuẩn danh hiệu Thầy thuốc Nhân dân)",
                M,
                True,
            ),
            ONE_AWARD,
        ],
        "giay-khen-ca-nhan": [
            (
                "minimum_rating",
                {"rating": "htt", "years": 1},
                f"{PROVINCE_EXAMPLE} (Luật Điều 75 khoản 2)",
                PROV,
                True,
            ),
            ONE_FORM,
        ],
        "giay-khen-tap-the": [ONE_COLLECTIVE_FORM],
        "bang-khen-ubnd-tap-the": [ONE_COLLECTIVE_FORM],
        "bang-khen-byt-tap-the": [ONE_COLLECTIVE_FORM],
        "tt-ldtt": [
            (
                "collective_title_share",
                {"title": "ldtt", "percent": 50, "strictly_more": "yes"},
                "Luật TĐKT 2003 Điều 28 (câu chữ Luật 2022 chưa đối chiếu); tỉnh có thể quy định chi tiết",
                M,
                True,
            ),
            COLLECTIVE_NO_DISCIPLINE,
            ONE_AWARD,
        ],
        "tt-ldxs": [
            (
                "collective_duties_completed",
                {"percent": 100},
                "Luật TĐKT 2003 Điều 27 (câu chữ Luật 2022 chưa đối chiếu)",
                M,
                True,
            ),
            (
                "collective_title_share",
                {"title": "ldtt", "percent": 70, "strictly_more": "no"},
                "Luật TĐKT 2003 Điều 27 (câu chữ Luật 2022 chưa đối chiếu)",
                M,
                True,
            ),
            (
                "collective_title_count",
                {"title": "csdt-co-so", "count": 1},
                "Luật TĐKT 2003 Điều 27 (câu chữ Luật 2022 chưa đối chiếu)",
                M,
                True,
            ),
            COLLECTIVE_NO_DISCIPLINE,
            ONE_AWARD,
        ],
    }


INDIVIDUAL_AWARDS_PAUSED = [
    "ldtt",
    "csdt-co-so",
    "csdt-tinh",
    "csdt-bo",
    "csdt-toan-quoc",
    "bang-khen-ubnd-ca-nhan",
    "bang-khen-byt-ca-nhan",
    "bang-khen-ttg-ca-nhan",
    "thay-thuoc-nhan-dan",
    "thay-thuoc-uu-tu",
    "giay-khen-ca-nhan",
]


def rules_nd98() -> dict[str, list]:
    return _common_rules(N98, "Điều 30 khoản 9")


def rules_nd152() -> dict[str, list]:
    rules = _common_rules(N152, "Điều 33 khoản 7")
    for code in INDIVIDUAL_AWARDS_PAUSED:
        rules[code] = [*rules.get(code, [ONE_AWARD]), DISCIPLINE_PAUSE]
    return rules


# Every other award type: the general rule only (its own criteria cannot be read from the data).
GENERAL_ONLY = [ONE_AWARD]

# text code, set name, valid from, valid until, rules
SETS = [
    (
        "nd-98-2023",
        "Nghị định 98/2023/NĐ-CP",
        datetime.date(2024, 1, 1),
        datetime.date(2025, 6, 30),
        rules_nd98,
    ),
    ("nd-152-2025", "Nghị định 152/2025/NĐ-CP", datetime.date(2025, 7, 1), None, rules_nd152),
]
SET_NOTES = {
    "nd-98-2023": "Hồ sơ gửi trước 01/07/2025 vẫn xét theo bộ này (NĐ 152/2025 Điều 60 khoản 3).",
    "nd-152-2025": "Từ 01/07/2025. NĐ 152 hết hiệu lực 01/03/2027 hoặc sớm hơn ở nội dung luật mới quy định "
    "(Điều 60 khoản 1): khi có văn bản mới, sao chép bộ này, sửa và công bố, đặt ngày kết thúc cho bộ này.",
}


def seed_rule_sets() -> dict[str, RuleSet]:
    """The legal texts and the two seeded rule sets, unless they exist (idempotent)."""
    texts = seed_legal_texts()
    sets = {}
    for text_code, name, start, until, _rules in SETS:
        rule_set = RuleSet.objects.filter(legal_text=texts[text_code]).order_by("valid_from", "pk").first()
        if rule_set is None:
            rule_set = RuleSet.objects.create(
                legal_text=texts[text_code],
                name=name,
                valid_from=start,
                valid_until=until,
                is_published=True,
                note=SET_NOTES[text_code],
            )
        sets[text_code] = rule_set
    return sets


def seed_rules() -> None:
    """Add the legal texts, the rule sets, the default rules and the cash-award rates that are
    missing (idempotent)."""
    seed_cash_rates()
    seed_profile_example()
    sets = seed_rule_sets()
    awards = list(AwardType.objects.all())
    for text_code, _name, _start, _until, rules_of in SETS:
        rule_set = sets[text_code]
        table = rules_of()
        for award in awards:
            existing = set(
                AwardRule.objects.filter(rule_set=rule_set, award_type=award).values_list("rule", flat=True)
            )
            for order, (code, params, source, confidence, active) in enumerate(
                table.get(award.code, GENERAL_ONLY)
            ):
                if code not in existing:
                    AwardRule.objects.create(
                        rule_set=rule_set,
                        award_type=award,
                        rule=code,
                        params=validate_params(code, params),
                        source=source,
                        confidence=confidence,
                        is_active=active,
                        sort_order=order * 10,
                    )
