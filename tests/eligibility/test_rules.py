"""Each rule, table-driven: cases that pass, fail and cannot be decided, named after the
article they come from."""

import datetime

import pytest

from eligibility.facts import CollectiveFact
from eligibility.rules import FAIL, PASS, RULES, UNKNOWN, validate_params

from .conftest import facts


def team(size=10, *, ldtt=0, cstdcs=0, pending_ldtt=0, completed=10, unrated=0, disciplined=0):
    """Facts of a collective of ``size`` members for the collective rules."""
    return facts(
        award="tt",
        individual=False,
        collective=CollectiveFact(
            size=size,
            scope="toàn đơn vị",
            titles={"ldtt": ldtt, "csdt-co-so": cstdcs},
            pending_titles={"ldtt": pending_ldtt},
            completed=completed,
            unrated=unrated,
            disciplined=disciplined,
        ),
    )


CASES = [
    # Luật 06/2022 Điều 24 khoản 1 điểm a: Lao động tiên tiến — hoàn thành tốt nhiệm vụ trở lên.
    (
        "dieu_24_k1_a_ldtt_good_rating",
        "minimum_rating",
        {"rating": "htt"},
        facts(ratings={2024: "htt"}),
        PASS,
    ),
    (
        "dieu_24_k1_a_ldtt_excellent_rating",
        "minimum_rating",
        {"rating": "htt"},
        facts(ratings={2024: "htxs"}),
        PASS,
    ),
    (
        "dieu_24_k1_a_ldtt_only_completed",
        "minimum_rating",
        {"rating": "htt"},
        facts(ratings={2024: "ht"}),
        FAIL,
    ),
    (
        "dieu_24_k1_a_ldtt_no_rating",
        "minimum_rating",
        {"rating": "htt"},
        facts(ratings={2023: "htt"}),
        UNKNOWN,
    ),
    ("dieu_24_k1_a_collective", "minimum_rating", {"rating": "htt"}, facts(individual=False), UNKNOWN),
    # Luật 06/2022 Điều 73 khoản 1 điểm b: 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên.
    (
        "dieu_73_k1_b_five_years_good",
        "minimum_rating",
        {"rating": "htt", "years": 5},
        facts(ratings={y: "htt" for y in range(2020, 2025)}),
        PASS,
    ),
    (
        "dieu_73_k1_b_one_year_below",
        "minimum_rating",
        {"rating": "htt", "years": 5},
        facts(ratings={**{y: "htt" for y in range(2020, 2025)}, 2022: "ht"}),
        FAIL,
    ),
    (
        "dieu_73_k1_b_a_year_missing",
        "minimum_rating",
        {"rating": "htt", "years": 5},
        facts(ratings={y: "htt" for y in range(2021, 2025)}),
        UNKNOWN,
    ),
    # Luật 06/2022 Điều 23 khoản 1: Chiến sĩ thi đua cơ sở — đạt tiêu chuẩn Lao động tiên tiến.
    ("dieu_23_k1_ldtt_same_year", "same_year_title", {"title": "ldtt"}, facts(awards=[("ldtt", 2024)]), PASS),
    (
        "dieu_23_k1_ldtt_pending",
        "same_year_title",
        {"title": "ldtt"},
        facts(others=[("ldtt", 2024)]),
        UNKNOWN,
    ),
    (
        "dieu_23_k1_rated_good_no_title",
        "same_year_title",
        {"title": "ldtt"},
        facts(ratings={2024: "htt"}),
        UNKNOWN,
    ),
    (
        "dieu_23_k1_ldtt_other_year_rated_low",
        "same_year_title",
        {"title": "ldtt"},
        facts(awards=[("ldtt", 2023)], ratings={2024: "ht"}),
        FAIL,
    ),
    # Luật 06/2022 Điều 23 khoản 2: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến cấp cơ sở.
    ("dieu_23_k2_excellent", "rating_or_initiative", {}, facts(ratings={2024: "htxs"}), PASS),
    (
        "dieu_23_k2_initiative",
        "rating_or_initiative",
        {},
        facts(ratings={2024: "htt"}, initiatives=[("co_so", 2024)]),
        PASS,
    ),
    ("dieu_23_k2_neither", "rating_or_initiative", {}, facts(ratings={2024: "htt"}), FAIL),
    (
        "dieu_23_k2_initiative_of_a_later_year",
        "rating_or_initiative",
        {},
        facts(ratings={2024: "htt"}, initiatives=[("co_so", 2025)]),
        FAIL,
    ),
    ("dieu_23_k2_no_rating_no_initiative", "rating_or_initiative", {}, facts(), UNKNOWN),
    # Luật 06/2022 Điều 22 khoản 1 điểm a: 03 lần liên tục Chiến sĩ thi đua cơ sở.
    (
        "dieu_22_k1_a_three_consecutive",
        "consecutive_title",
        {"titles": ["csdt-co-so"], "count": 3},
        facts(awards=[("csdt-co-so", 2022), ("csdt-co-so", 2023), ("csdt-co-so", 2024)]),
        PASS,
    ),
    (
        "dieu_22_k1_a_three_ending_last_year",
        "consecutive_title",
        {"titles": ["csdt-co-so"], "count": 3},
        facts(awards=[("csdt-co-so", 2021), ("csdt-co-so", 2022), ("csdt-co-so", 2023)]),
        PASS,
    ),
    (
        "dieu_22_k1_a_gap_breaks_the_run",
        "consecutive_title",
        {"titles": ["csdt-co-so"], "count": 3},
        facts(awards=[("csdt-co-so", 2020), ("csdt-co-so", 2022), ("csdt-co-so", 2023)]),
        FAIL,
    ),
    (
        "dieu_22_k1_a_third_still_pending",
        "consecutive_title",
        {"titles": ["csdt-co-so"], "count": 3},
        facts(awards=[("csdt-co-so", 2022), ("csdt-co-so", 2023)], others=[("csdt-co-so", 2024)]),
        UNKNOWN,
    ),
    # Luật 06/2022 Điều 21: 02 lần liên tục Chiến sĩ thi đua cấp bộ hoặc tỉnh (either counts).
    (
        "dieu_21_province_then_ministry",
        "consecutive_title",
        {"titles": ["csdt-tinh", "csdt-bo"], "count": 2},
        facts(awards=[("csdt-tinh", 2023), ("csdt-bo", 2024)]),
        PASS,
    ),
    # Luật 06/2022 Điều 22 khoản 1 điểm b: sáng kiến có phạm vi ảnh hưởng cấp bộ, tỉnh.
    (
        "dieu_22_k1_b_province_initiative",
        "initiatives",
        {"level": "bo_tinh"},
        facts(initiatives=[("bo_tinh", 2023)]),
        PASS,
    ),
    (
        "dieu_22_k1_b_national_counts_too",
        "initiatives",
        {"level": "bo_tinh"},
        facts(initiatives=[("toan_quoc", 2023)]),
        PASS,
    ),
    (
        "dieu_22_k1_b_unit_level_only",
        "initiatives",
        {"level": "bo_tinh"},
        facts(initiatives=[("co_so", 2023)]),
        FAIL,
    ),
    (
        "dieu_22_k1_b_research_may_stand_in",
        "initiatives",
        {"level": "bo_tinh", "alternatives": "unknown"},
        facts(),
        UNKNOWN,
    ),
    # Công văn 5007/BNV-TĐKT mục III.5 điểm c: một sáng kiến chỉ dùng một lần.
    ("cv_5007_initiative_unused", "initiative_used_once", {}, facts(initiatives=[("co_so", 2023)]), PASS),
    (
        "cv_5007_initiative_reused",
        "initiative_used_once",
        {},
        facts(initiatives=[("co_so", 2023, ["KT-2024-000009"])]),
        FAIL,
    ),
    # Luật 06/2022 Điều 5 khoản 2 điểm c: không khen thưởng nhiều lần cho một thành tích.
    ("dieu_5_k2_c_first_award", "one_award_per_achievement", {}, facts(award="giay-khen"), PASS),
    (
        "dieu_5_k2_c_same_award_same_year",
        "one_award_per_achievement",
        {},
        facts(award="giay-khen", awards=[("giay-khen", 2024)]),
        FAIL,
    ),
    (
        "dieu_5_k2_c_another_form_same_round",
        "one_award_per_achievement",
        {"same_kind": ["giay-khen", "bang-khen-ubnd-ca-nhan"]},
        facts(award="giay-khen", others=[("bang-khen-ubnd-ca-nhan", 2024)]),
        FAIL,
    ),
    (
        "dieu_5_k2_c_titles_go_together",
        "one_award_per_achievement",
        {},
        facts(award="csdt-co-so", others=[("ldtt", 2024)]),
        PASS,
    ),
    (
        "dieu_5_k2_c_other_round_is_another_achievement",
        "one_award_per_achievement",
        {"same_kind": ["giay-khen", "bang-khen-ubnd-ca-nhan"]},
        facts(award="giay-khen", others=[("bang-khen-ubnd-ca-nhan", 2024, "campaign", 7)]),
        PASS,
    ),
    # NĐ 98/2023 Điều 30 khoản 9: thời gian đề nghị lần tiếp theo tính từ lần khen trước.
    ("nd98_dieu_30_k9_never_before", "interval_since_same_award", {"years": 5}, facts(award="bk-ttg"), PASS),
    (
        "nd98_dieu_30_k9_exactly_five_years",
        "interval_since_same_award",
        {"years": 5},
        facts(award="bk-ttg", awards=[("bk-ttg", 2019)]),
        PASS,
    ),
    (
        "nd98_dieu_30_k9_four_years",
        "interval_since_same_award",
        {"years": 5},
        facts(award="bk-ttg", awards=[("bk-ttg", 2020)]),
        FAIL,
    ),
    # Luật 06/2022 Điều 73 khoản 1 điểm b: đã được tặng Bằng khen cấp bộ, tỉnh; 3 lần CSTĐCS trong 5 năm.
    (
        "dieu_73_k1_b_has_provincial_bang_khen",
        "prior_award",
        {"awards": ["bk-tinh", "bk-byt"]},
        facts(awards=[("bk-byt", 2021)]),
        PASS,
    ),
    (
        "dieu_73_k1_b_no_bang_khen",
        "prior_award",
        {"awards": ["bk-tinh", "bk-byt"]},
        facts(awards=[("ldtt", 2021)]),
        FAIL,
    ),
    (
        "dieu_73_k1_b_bang_khen_pending",
        "prior_award",
        {"awards": ["bk-tinh", "bk-byt"]},
        facts(others=[("bk-tinh", 2024)]),
        UNKNOWN,
    ),
    (
        "dieu_73_k1_b_three_cstdcs_in_five_years",
        "title_count_in_window",
        {"title": "csdt-co-so", "count": 3, "years": 5},
        facts(awards=[("csdt-co-so", 2020), ("csdt-co-so", 2022), ("csdt-co-so", 2024)]),
        PASS,
    ),
    (
        "dieu_73_k1_b_one_outside_the_window",
        "title_count_in_window",
        {"title": "csdt-co-so", "count": 3, "years": 5},
        facts(awards=[("csdt-co-so", 2019), ("csdt-co-so", 2022), ("csdt-co-so", 2024)]),
        FAIL,
    ),
    (
        "dieu_73_k1_b_collective",
        "title_count_in_window",
        {"title": "c", "count": 3, "years": 5},
        facts(individual=False),
        UNKNOWN,
    ),
    # Luật 06/2022 Điều 74 khoản 1 điểm d: 2 lần CSTĐCS liên tục, hoặc 2 năm HTXSNV và 2 sáng kiến.
    (
        "dieu_74_k1_d_two_cstdcs",
        "title_streak_or_ratings_with_initiatives",
        {"title": "csdt-co-so", "count": 2, "rating_years": 2, "initiative_count": 2},
        facts(awards=[("csdt-co-so", 2023), ("csdt-co-so", 2024)]),
        PASS,
    ),
    (
        "dieu_74_k1_d_excellent_with_two_initiatives",
        "title_streak_or_ratings_with_initiatives",
        {"title": "csdt-co-so", "count": 2, "rating_years": 2, "initiative_count": 2},
        facts(ratings={2023: "htxs", 2024: "htxs"}, initiatives=[("co_so", 2023), ("co_so", 2024)]),
        PASS,
    ),
    (
        "dieu_74_k1_d_neither_strict",
        "title_streak_or_ratings_with_initiatives",
        {"title": "csdt-co-so", "count": 2, "rating_years": 2, "initiative_count": 2, "otherwise": "fail"},
        facts(ratings={2023: "htxs", 2024: "htt"}, initiatives=[("co_so", 2023)]),
        FAIL,
    ),
    (
        "dieu_74_k1_d_neither_points_a_to_c_may_apply",
        "title_streak_or_ratings_with_initiatives",
        {"title": "csdt-co-so", "count": 2, "rating_years": 2, "initiative_count": 2},
        facts(ratings={2023: "htxs", 2024: "htt"}),
        UNKNOWN,
    ),
    # NĐ 91/2017 Điều 9 khoản 3 (hết hiệu lực; tỷ lệ là dữ liệu): CSTĐCS ≤ 15% số LĐTT.
    (
        "nd91_dieu_9_k3_exactly_fifteen_percent",
        "quota_share",
        {"base_title": "ldtt", "percent": 15},
        facts(award="cstdcs", unit_dossiers_by_award={"ldtt": 20, "cstdcs": 3}),
        PASS,
    ),
    (
        "nd91_dieu_9_k3_one_over",
        "quota_share",
        {"base_title": "ldtt", "percent": 15},
        facts(award="cstdcs", unit_dossiers_by_award={"ldtt": 20, "cstdcs": 4}),
        FAIL,
    ),
    (
        "nd91_dieu_9_k3_no_base",
        "quota_share",
        {"base_title": "ldtt", "percent": 15},
        facts(award="cstdcs", unit_dossiers_by_award={"cstdcs": 1}),
        UNKNOWN,
    ),
    # The province's optional cap on the share of staff (no national figure in NĐ 152).
    (
        "province_cap_within",
        "quota_staff_share",
        {"percent": 15},
        facts(award="cstdcs", unit_staff_count=20, unit_dossiers_by_award={"cstdcs": 3}),
        PASS,
    ),
    (
        "province_cap_one_over",
        "quota_staff_share",
        {"percent": 15},
        facts(award="cstdcs", unit_staff_count=20, unit_dossiers_by_award={"cstdcs": 4}),
        FAIL,
    ),
    ("province_cap_no_staff", "quota_staff_share", {"percent": 15}, facts(award="cstdcs"), UNKNOWN),
    # NĐ 152/2025 Điều 4 khoản 4: under review → paused; after discipline, counted from its end.
    ("nd152_dieu_4_k4_no_discipline", "not_under_discipline", {}, facts(discipline_known=True), PASS),
    (
        "nd152_dieu_4_k4_under_review",
        "not_under_discipline",
        {},
        facts(discipline_known=True, under_review=True),
        FAIL,
    ),
    (
        "nd152_dieu_4_k4_discipline_ended_in_the_year",
        "not_under_discipline",
        {},
        facts(discipline_known=True, discipline_ended=datetime.date(2024, 3, 1)),
        FAIL,
    ),
    (
        "nd152_dieu_4_k4_discipline_ended_before",
        "not_under_discipline",
        {},
        facts(discipline_known=True, discipline_ended=datetime.date(2023, 3, 1)),
        PASS,
    ),
    ("nd152_dieu_4_k4_no_data", "not_under_discipline", {}, facts(), UNKNOWN),
    # Tập thể lao động tiên tiến (Luật 2003 Điều 28 wording): > 50 % LĐTT.
    (
        "tt_ldtt_dieu_28_six_of_ten",
        "collective_title_share",
        {"title": "ldtt", "percent": 50, "strictly_more": "yes"},
        team(ldtt=6),
        PASS,
    ),
    (
        "tt_ldtt_dieu_28_exactly_half_fails",
        "collective_title_share",
        {"title": "ldtt", "percent": 50, "strictly_more": "yes"},
        team(ldtt=5),
        FAIL,
    ),
    (
        "tt_ldtt_dieu_28_pending_dossiers",
        "collective_title_share",
        {"title": "ldtt", "percent": 50, "strictly_more": "yes"},
        team(ldtt=5, pending_ldtt=2),
        UNKNOWN,
    ),
    (
        "tt_ldtt_dieu_28_no_members",
        "collective_title_share",
        {"title": "ldtt", "percent": 50, "strictly_more": "yes"},
        team(size=0),
        UNKNOWN,
    ),
    # Tập thể lao động xuất sắc (Luật 2003 Điều 27 wording): ≥ 70 % LĐTT, 100 % complete, ≥ 1 CSTĐCS.
    (
        "tt_ldxs_dieu_27_exactly_70",
        "collective_title_share",
        {"title": "ldtt", "percent": 70},
        team(ldtt=7),
        PASS,
    ),
    (
        "tt_ldxs_dieu_27_69_of_100",
        "collective_title_share",
        {"title": "ldtt", "percent": 70},
        team(100, ldtt=69),
        FAIL,
    ),
    ("tt_ldxs_dieu_27_all_completed", "collective_duties_completed", {}, team(completed=10), PASS),
    ("tt_ldxs_dieu_27_one_not_completed", "collective_duties_completed", {}, team(completed=9), FAIL),
    (
        "tt_ldxs_dieu_27_one_unrated",
        "collective_duties_completed",
        {},
        team(completed=9, unrated=1),
        UNKNOWN,
    ),
    ("tt_ldxs_dieu_27_individual", "collective_duties_completed", {}, facts(), UNKNOWN),
    ("tt_ldxs_dieu_27_one_cstdcs", "collective_title_count", {"title": "csdt-co-so"}, team(cstdcs=1), PASS),
    ("tt_ldxs_dieu_27_no_cstdcs", "collective_title_count", {"title": "csdt-co-so"}, team(), FAIL),
    (
        "tt_ldxs_dieu_27_cstdcs_unknown_members",
        "collective_title_count",
        {"title": "csdt-co-so"},
        facts(individual=False),
        UNKNOWN,
    ),
    ("tt_dieu_27_28_nobody_disciplined", "collective_no_discipline", {}, team(disciplined=0), PASS),
    ("tt_dieu_27_28_one_disciplined", "collective_no_discipline", {}, team(disciplined=1), FAIL),
    ("tt_dieu_27_28_no_discipline_data", "collective_no_discipline", {}, team(disciplined=None), UNKNOWN),
]


@pytest.mark.parametrize(
    ("rule", "params", "the_facts", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(rule, params, the_facts, expected):
    outcome = RULES[rule].fn(the_facts, **validate_params(rule, params))
    assert outcome.status == expected, outcome.message
    assert outcome.message  # always an explanation, in Vietnamese


def test_every_registered_rule_has_pass_fail_and_unknown_cases():
    covered = {}
    for _name, rule, _params, _facts, expected in CASES:
        covered.setdefault(rule, set()).add(expected)
    always_decidable = {"initiative_used_once", "one_award_per_achievement", "interval_since_same_award"}
    for rule in RULES:
        wanted = {PASS, FAIL} if rule in always_decidable else {PASS, FAIL, UNKNOWN}
        assert wanted <= covered.get(rule, set()), rule


def test_explanations_are_vietnamese():
    outcome = RULES["consecutive_title"].fn(
        facts(awards=[("csdt-co-so", 2024)]),
        **validate_params("consecutive_title", {"titles": ["csdt-co-so"], "count": 3}),
    )
    assert outcome.message == "Theo quá trình khen thưởng, chỉ có 1 năm liên tục đạt “csdt-co-so” (cần 3)."


@pytest.mark.parametrize(
    ("rule", "params", "error"),
    [
        ("minimum_rating", {}, "Thiếu tham số “rating”"),
        ("minimum_rating", {"rating": "xuat-sac"}, "phải là một trong"),
        ("minimum_rating", {"rating": "htt", "years": "5"}, "số nguyên"),
        ("consecutive_title", {"titles": "csdt-co-so", "count": 3}, "danh sách"),
        ("one_award_per_achievement", {"years": 1}, "không dùng"),
        ("one_award_per_achievement", {"same_kind": "giay-khen"}, "danh sách"),
    ],
)
def test_parameters_are_checked_against_the_declaration(rule, params, error):
    with pytest.raises(ValueError, match=error):
        validate_params(rule, params)
