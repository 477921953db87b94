"""The law as dated data: a dossier is judged by the rule set in force on its submission date
(NĐ 152/2025 Điều 60 khoản 3), both seeded sets cite their articles, judgements are kept as
they were, and an administrator adds the next set by copying the current one."""

import datetime
import io

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.engine import evaluate_facts, evaluate_on, rule_set_for
from eligibility.facts import facts_for
from eligibility.legal_texts import legal_bases
from eligibility.models import AwardRule, Judgement, JudgementTrigger, LegalText, PerformanceRating, RuleSet
from eligibility.rules import FAIL, PASS, UNKNOWN
from eligibility.services import copy_rule_set, record_judgement, record_submission
from nominations.models import AwardRecord
from tests.factories import AwardTypeFactory, StaffFactory, make_nomination
from tests.workflows.conftest import act, to_office
from workflows.steps import Decision

D = datetime.date
BEFORE = D(2025, 6, 30)
AFTER = D(2025, 7, 1)


@pytest.fixture
def collective_awards(catalogue):
    for code, name in [("tt-ldtt", "Tập thể lao động tiên tiến"), ("tt-ldxs", "Tập thể lao động xuất sắc")]:
        catalogue[code] = AwardTypeFactory(
            code=code, name=name, applies_to="collective", authority="director"
        )
    from eligibility.defaults import seed_rules

    seed_rules()
    return catalogue


def submitted_on(nomination, day):
    """The dossier reached the Department on ``day`` (as the workflow records it)."""
    record_judgement(nomination, JudgementTrigger.SUBMITTED, on=day)
    return nomination


def results_of(nomination):
    return {r.rule: r for r in evaluate_on(nomination).results}


def test_the_two_seeded_sets_meet_on_1_july_2025(catalogue):
    assert rule_set_for(D(2024, 1, 1)).legal_text.number == "98/2023/NĐ-CP"
    assert rule_set_for(BEFORE).legal_text.number == "98/2023/NĐ-CP"
    assert rule_set_for(AFTER).legal_text.number == "152/2025/NĐ-CP"
    assert rule_set_for(D(2026, 11, 27)).legal_text.number == "152/2025/NĐ-CP"
    assert rule_set_for(D(2023, 12, 31)) is None  # before the Law of 2022 took effect


def test_nd152_dieu_60_k3_dossier_submitted_30_06_2025_is_judged_under_nd98(people, unit_a, catalogue):
    nomination = submitted_on(
        make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["ldtt"]), BEFORE
    )
    evaluation = evaluate_on(nomination)
    assert evaluation.submitted_on == BEFORE
    assert evaluation.rule_set.legal_text.code == "nd-98-2023"
    assert "not_under_discipline" not in {r.rule for r in evaluation.results}


def test_nd152_dieu_60_k3_dossier_submitted_01_07_2025_is_judged_under_nd152(people, unit_a, catalogue):
    nomination = submitted_on(
        make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["ldtt"]), AFTER
    )
    evaluation = evaluate_on(nomination)
    assert evaluation.rule_set.legal_text.code == "nd-152-2025"
    assert "not_under_discipline" in {r.rule for r in evaluation.results}


def test_a_resubmission_keeps_the_first_submission_date(people, unit_a, catalogue):
    nomination = submitted_on(
        make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["ldtt"]), BEFORE
    )
    record_submission(nomination)  # sent again today, after a return
    assert evaluate_on(nomination).rule_set.legal_text.code == "nd-98-2023"


def test_the_workflow_records_the_submission_and_the_office_review(people, submitted, catalogue):
    to_office(submitted, people)
    judgement = Judgement.objects.get(nomination=submitted, trigger=JudgementTrigger.SUBMITTED)
    assert judgement.rule_set.legal_text.code == "nd-152-2025"  # the clock is past 01/07/2025
    act(submitted, people.reviewer, Decision.RETURN, "Bổ sung minh chứng")
    assert Judgement.objects.filter(nomination=submitted, trigger=JudgementTrigger.OFFICE_REVIEW).count() == 1


# Per rule, named after its article, under both sets: (name, award, setup, rule, status, article).
def _good_rating(n):
    PerformanceRating.objects.create(staff=n.staff, year=2024, rating="htt")


def _only_completed(n):
    PerformanceRating.objects.create(staff=n.staff, year=2024, rating="ht")


def _ldtt_and_excellent(n):
    AwardRecord.objects.create(staff=n.staff, unit=n.unit, award_type_id=_code("ldtt"), year=2024)
    PerformanceRating.objects.create(staff=n.staff, year=2024, rating="htxs")


def _three_cstdcs(n):
    for year in (2022, 2023, 2024):
        AwardRecord.objects.create(staff=n.staff, unit=n.unit, award_type_id=_code("csdt-co-so"), year=year)


def _csdt_tinh_two_years_ago(n):
    _three_cstdcs(n)
    AwardRecord.objects.create(staff=n.staff, unit=n.unit, award_type_id=_code("csdt-tinh"), year=2022)


def _nothing(n):
    pass


def _code(code):
    from nominations.models import AwardType

    return AwardType.objects.get(code=code).pk


ARTICLE_CASES = [
    ("luat_dieu_24_k1_ldtt_good_rating", "ldtt", _good_rating, "minimum_rating", PASS, "Điều 24 khoản 1"),
    (
        "luat_dieu_24_k1_ldtt_only_completed",
        "ldtt",
        _only_completed,
        "minimum_rating",
        FAIL,
        "Điều 24 khoản 1",
    ),
    ("luat_dieu_24_k1_ldtt_no_rating", "ldtt", _nothing, "minimum_rating", UNKNOWN, "Điều 24 khoản 1"),
    (
        "luat_dieu_23_cstdcs_ldtt_same_year",
        "csdt-co-so",
        _ldtt_and_excellent,
        "same_year_title",
        PASS,
        "Điều 23",
    ),
    (
        "luat_dieu_23_cstdcs_excellent",
        "csdt-co-so",
        _ldtt_and_excellent,
        "rating_or_initiative",
        PASS,
        "Điều 23",
    ),
    ("luat_dieu_23_cstdcs_no_ldtt", "csdt-co-so", _only_completed, "same_year_title", FAIL, "Điều 23"),
    ("luat_dieu_22_cstd_tinh_three_cstdcs", "csdt-tinh", _three_cstdcs, "consecutive_title", PASS, "Điều 22"),
    ("luat_dieu_22_cstd_tinh_none", "csdt-tinh", _nothing, "consecutive_title", FAIL, "Điều 22"),
    ("luat_dieu_5_k2_one_award", "ldtt", _nothing, "one_award_per_achievement", PASS, "Điều 5 khoản 2"),
    (
        "luat_dieu_74_k1_d_bang_khen_two_cstdcs",
        "bang-khen-ubnd-ca-nhan",
        _three_cstdcs,
        "title_streak_or_ratings_with_initiatives",
        PASS,
        "Điều 74 khoản 1 điểm d",
    ),
]
SETS = [("nd98", BEFORE, "nd-98-2023"), ("nd152", AFTER, "nd-152-2025")]


@pytest.mark.parametrize(("set_name", "day", "text_code"), SETS, ids=[s[0] for s in SETS])
@pytest.mark.parametrize(
    ("award", "setup", "rule", "expected", "article"),
    [c[1:] for c in ARTICLE_CASES],
    ids=[c[0] for c in ARTICLE_CASES],
)
def test_rule_under_each_set(
    people, unit_a, catalogue, set_name, day, text_code, award, setup, rule, expected, article
):
    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue[award])
    setup(nomination)
    submitted_on(nomination, day)
    evaluation = evaluate_on(nomination)
    assert evaluation.rule_set.legal_text.code == text_code
    result = {r.rule: r for r in evaluation.results}[rule]
    assert result.status == expected, result.message
    assert article in result.source


@pytest.mark.parametrize(
    ("day", "article"),
    [(BEFORE, "NĐ 98/2023/NĐ-CP Điều 30 khoản 9"), (AFTER, "NĐ 152/2025/NĐ-CP Điều 33 khoản 7")],
)
def test_interval_counts_from_the_decree_in_force(people, unit_a, catalogue, day, article):
    """NĐ 98 Điều 30 khoản 9, then NĐ 152 Điều 33 khoản 7 (our reading, marked as inferred)."""
    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["csdt-tinh"])
    _csdt_tinh_two_years_ago(nomination)
    result = {r.rule: r for r in evaluate_on(submitted_on(nomination, day)).results}[
        "interval_since_same_award"
    ]
    assert result.status == FAIL
    assert article in result.source
    assert result.confidence == "inferred" and result.is_uncertain


def test_nd152_dieu_4_k4_discipline_is_cannot_tell_without_records(people, unit_a, catalogue):
    nomination = submitted_on(
        make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["ldtt"]), AFTER
    )
    result = results_of(nomination)["not_under_discipline"]
    assert result.status == UNKNOWN
    assert result.source == "NĐ 152/2025/NĐ-CP Điều 4 khoản 4"


@pytest.mark.parametrize(("ldtt", "expected"), [(2, PASS), (1, FAIL)])
def test_tap_the_lao_dong_tien_tien_counts_the_units_staff(people, unit_a, collective_awards, ldtt, expected):
    """More than 50 % of the members hold Lao động tiên tiến (the unit as the collective)."""
    staff = [StaffFactory(unit=unit_a) for _ in range(2)]  # with the officer's nominee: 3 members
    nomination = make_nomination(
        unit=unit_a,
        author=people.officer,
        award_type=collective_awards["tt-ldtt"],
        nominee_kind="collective",
        staff=None,
        collective_name="Khoa Nội",
    )
    for person in staff[:ldtt]:
        AwardRecord.objects.create(staff=person, unit=unit_a, award_type=collective_awards["ldtt"], year=2024)
    facts = facts_for(nomination)
    assert facts.collective.size == len(unit_a.staff.all())
    result = results_of(nomination)["collective_title_share"]
    assert result.status == expected, result.message
    assert result.confidence == "medium"
    assert results_of(nomination)["collective_no_discipline"].status == UNKNOWN


def test_medium_and_low_confidence_rules_are_flagged_in_the_admin(admin_client, catalogue):
    page = admin_client.get("/admin/eligibility/awardrule/?confidence=medium").content.decode()
    assert "⚠" in page
    assert admin_client.get("/admin/eligibility/legaltext/").status_code == 200


def test_admin_copies_the_current_set_as_an_unpublished_draft(admin_client, catalogue):
    current = rule_set_for(AFTER)
    response = admin_client.post(
        "/admin/eligibility/ruleset/", {"action": "copy_sets", "_selected_action": [current.pk]}, follow=True
    )
    assert response.status_code == 200
    copy = RuleSet.objects.get(copied_from=current)
    assert not copy.is_published
    assert copy.rules.count() == current.rules.count()
    assert rule_set_for(AFTER) == current  # a draft judges nothing


def test_a_published_copy_takes_over_from_its_date(people, unit_a, catalogue):
    current = rule_set_for(AFTER)
    copy = copy_rule_set(current, name="Luật sửa đổi 2026", valid_from=D(2026, 10, 1))
    current.valid_until = D(2026, 9, 30)
    current.full_clean()
    current.save()
    copy.is_published = True
    copy.full_clean()
    copy.save()
    assert rule_set_for(D(2026, 9, 30)) == current
    assert rule_set_for(D(2026, 10, 1)) == copy


def test_two_published_sets_may_not_overlap(catalogue):
    current = rule_set_for(AFTER)
    clash = RuleSet(legal_text=current.legal_text, name="x", valid_from=D(2026, 1, 1), is_published=True)
    with pytest.raises(Exception, match="covers part of this period|trùng một phần thời gian"):
        clash.full_clean()


RULE_EDITS = st.fixed_dictionaries(
    {"rating": st.sampled_from(["htxs", "htt", "ht", "kht"]), "years": st.integers(1, 6)}
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=RULE_EDITS, active=st.booleans())
def test_editing_a_set_changes_new_evaluations_not_recorded_ones(people, unit_a, catalogue, edit, active):
    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["ldtt"])
    PerformanceRating.objects.create(staff=nomination.staff, year=2024, rating="htt")
    recorded = record_submission(nomination)
    before = list(recorded.results)
    rule = AwardRule.objects.get(
        rule_set=recorded.rule_set, award_type=catalogue["ldtt"], rule="minimum_rating"
    )
    rule.params = edit
    rule.is_active = active
    rule.full_clean()
    rule.save()
    recorded.refresh_from_db()
    assert recorded.results == before  # the judgement kept is the one made then
    now = evaluate_on(nomination)
    active_rules = list(
        AwardRule.objects.filter(rule_set=recorded.rule_set, award_type=catalogue["ldtt"], is_active=True)
    )
    assert [r.as_dict() for r in now.results] == [
        r.as_dict() for r in evaluate_facts(facts_for(nomination), active_rules)
    ]
    assert ("minimum_rating" in {r.rule for r in now.results}) == active


def test_check_eligibility_prints_the_set_and_each_rules_article(people, unit_a, catalogue):
    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["csdt-co-so"])
    out = io.StringIO()
    call_command("check_eligibility", nomination.code, stdout=out)
    text = out.getvalue()
    assert "152/2025/NĐ-CP" in text
    rules = AwardRule.objects.filter(
        rule_set=rule_set_for(AFTER), award_type=catalogue["csdt-co-so"], is_active=True
    )
    for rule in rules:
        assert f"Căn cứ: {rule.source}" in text
    out = io.StringIO()
    call_command("check_eligibility", nomination.code, "--on", "30/06/2025", stdout=out)
    assert "98/2023/NĐ-CP" in out.getvalue()


def test_check_eligibility_refuses_an_unknown_code(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("check_eligibility", "KT-0000-000000", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("day", "cited", "not_cited"),
    [
        (D(2025, 2, 25), "Nghị định số 98/2023/NĐ-CP", "152/2025"),
        (D(2026, 11, 27), "Nghị định số 152/2025/NĐ-CP", "98/2023"),
    ],
)
def test_documents_cite_the_texts_in_force_on_their_date(catalogue, day, cited, not_cited):
    lines = legal_bases(day)
    assert lines[0] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert any(cited in line for line in lines)
    assert not any(not_cited in line for line in lines)


def test_the_texts_record_what_replaced_what(catalogue):
    nd152 = LegalText.objects.get(code="nd-152-2025")
    assert nd152.replaces.code == "nd-98-2023"
    assert nd152.in_force_until == D(2027, 2, 28)  # Điều 60 khoản 1: expires 01/03/2027
    assert not nd152.in_force_on(D(2027, 3, 1))
    assert nd152.in_force_on(D(2027, 2, 28))


def test_collective_facts_take_a_fixed_number_of_queries(
    people, unit_a, collective_awards, django_assert_max_num_queries
):
    nomination = make_nomination(
        unit=unit_a,
        author=people.officer,
        award_type=collective_awards["tt-ldxs"],
        nominee_kind="collective",
        staff=None,
        collective_name="Khoa Ngoại",
    )
    with django_assert_max_num_queries(12):
        facts_for(nomination)
    for _ in range(30):
        person = StaffFactory(unit=unit_a)
        AwardRecord.objects.create(staff=person, unit=unit_a, award_type=collective_awards["ldtt"], year=2024)
        PerformanceRating.objects.create(staff=person, year=2024, rating="htt")
    with django_assert_max_num_queries(12):
        facts = facts_for(nomination)
    assert facts.collective.size == 31 and facts.collective.titles["ldtt"] == 30


def test_seed_rules_command_is_idempotent(catalogue):
    out = io.StringIO()
    call_command("seed_rules", stdout=out)
    first = AwardRule.objects.count()
    call_command("seed_rules", stdout=io.StringIO())
    assert AwardRule.objects.count() == first and "rule sets" in out.getvalue()


def test_a_rule_sets_page_lists_its_rules_for_editing(admin_client, catalogue):
    current = rule_set_for(AFTER)
    page = admin_client.get(f"/admin/eligibility/ruleset/{current.pk}/change/").content.decode()
    assert "not_under_discipline" in page and "Điều 4 khoản 4" in page


def test_check_eligibility_warns_when_the_sets_text_has_expired(people, unit_a, catalogue):
    """NĐ 152/2025 ends on 28/02/2027 (Điều 60 khoản 1): its set still judges until the next is added."""
    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["ldtt"])
    out = io.StringIO()
    call_command("check_eligibility", nomination.code, "--on", "2027-03-01", stdout=out)
    assert "152/2025/NĐ-CP không còn hiệu lực ngày 01/03/2027" in out.getvalue()


def test_backfill_reads_the_submission_date_from_the_workflow(people, submitted, catalogue):
    """A dossier sent before submission dates were recorded gets its date from the unit head's step."""
    from viewflow.workflow.models import Task

    to_office(submitted, people)
    Judgement.objects.filter(nomination=submitted).delete()
    Task.objects.filter(
        process__nominationprocess__nomination=submitted, data__decision=Decision.SUBMIT
    ).update(finished=datetime.datetime(2025, 6, 30, 9, 0, tzinfo=datetime.UTC))
    out = io.StringIO()
    call_command("backfill_submission_dates", stdout=out)
    assert "1 submission dates recorded" in out.getvalue()
    evaluation = evaluate_on(submitted)
    assert evaluation.submitted_on == BEFORE and evaluation.rule_set.legal_text.code == "nd-98-2023"
    call_command("backfill_submission_dates", stdout=out)  # idempotent
    assert Judgement.objects.filter(nomination=submitted, trigger=JudgementTrigger.SUBMITTED).count() == 1


def test_what_the_province_sets_is_seeded_as_a_labelled_example(catalogue):
    from council.models import CouncilPolicy
    from eligibility.models import RegulationProfile

    for rule_set in RuleSet.objects.filter(is_published=True):
        giay_khen = AwardRule.objects.get(
            rule_set=rule_set, award_type=catalogue["giay-khen-ca-nhan"], rule="minimum_rating"
        )
        assert giay_khen.confidence == "province" and "VÍ DỤ" in giay_khen.source
        caps = AwardRule.objects.filter(rule_set=rule_set, rule__in=["quota_share", "quota_staff_share"])
        assert caps.exists() and not caps.filter(is_active=True).exists()  # optional caps: off
    profile = RegulationProfile.objects.get()
    assert profile.is_example and not profile.is_active and "VÍ DỤ" in str(profile.name)
    assert "VÍ DỤ" in CouncilPolicy.objects.get(award_type=catalogue["csdt-co-so"]).source
