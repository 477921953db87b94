"""Results on the dossier page, initiatives registered by the unit, council pages for the
office, the facts' query count, the seeded rules and their admin validation."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from council.models import CouncilPolicy
from eligibility.defaults import rules_nd98, rules_nd152, seed_rules
from eligibility.facts import facts_for
from eligibility.models import AwardRule, Initiative, PerformanceRating
from eligibility.rules import FAIL, PASS
from nominations.models import AwardRecord, NominationStatus
from tests.factories import StaffFactory, make_nomination
from tests.workflows.conftest import act, step_name
from workflows import services
from workflows.steps import Decision


@pytest.fixture
def cstdcs(people, unit_a, catalogue):
    return make_nomination(
        unit=unit_a,
        author=people.officer,
        award_type=catalogue["csdt-co-so"],
        staff=StaffFactory(unit=unit_a, full_name="Phạm Thị Hương"),
    )


def test_dossier_page_shows_each_rule_with_its_source(people, cstdcs, login):
    AwardRecord.objects.create(
        staff=cstdcs.staff,
        unit=cstdcs.unit,
        award_type=cstdcs.award_type.__class__.objects.get(code="ldtt"),
        year=2024,
    )
    PerformanceRating.objects.create(staff=cstdcs.staff, year=2024, rating="htt")
    response = login(people.officer).get(f"/dossiers/{cstdcs.code}/")
    results = {r.rule: r for r in response.context["eligibility"]["results"]}
    assert results["same_year_title"].status == PASS
    assert results["same_year_title"].source.startswith("Luật TĐKT 06/2022/QH15 Điều 23")
    assert results["rating_or_initiative"].status == FAIL
    assert "quota_share" not in results  # seeded inactive: the 15 % is from the repealed NĐ 91/2017
    assert "Điều 23 (số điều cần xác nhận)" in response.content.decode()


def test_unit_officer_registers_and_attaches_an_initiative(people, cstdcs, login):
    client = login(people.officer)
    response = client.post(
        f"/eligibility/dossiers/{cstdcs.code}/initiatives/",
        {
            "title": "Cải tiến quy trình tiếp đón người bệnh",
            "level": "co_so",
            "year": 2024,
            "decision_number": "12/QĐ-BV",
        },
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.staff == cstdcs.staff
    assert list(initiative.nominations.all()) == [cstdcs]
    results = {r.rule: r for r in client.get(f"/dossiers/{cstdcs.code}/").context["eligibility"]["results"]}
    assert results["rating_or_initiative"].status == PASS
    client.post(f"/eligibility/dossiers/{cstdcs.code}/initiatives/{initiative.pk}/", {"action": "detach"})
    assert not initiative.nominations.exists()


def test_another_unit_cannot_see_or_attach(cstdcs, officer_b, login):
    client = login(officer_b)
    assert client.get(f"/eligibility/dossiers/{cstdcs.code}/initiatives/").status_code == 404


def test_initiatives_only_while_the_dossier_is_editable(people, cstdcs, login):
    services.submit_for_signoff(cstdcs, people.officer)
    assert login(people.officer).get(f"/eligibility/dossiers/{cstdcs.code}/initiatives/").status_code == 403


def test_an_initiative_used_twice_fails(people, unit_a, cstdcs, catalogue):
    initiative = Initiative.objects.create(staff=cstdcs.staff, title="Sáng kiến A", level="co_so", year=2023)
    other = make_nomination(
        unit=unit_a, author=people.officer, staff=cstdcs.staff, award_type=catalogue["ldtt"], year=2023
    )
    initiative.nominations.add(cstdcs, other)
    [reused] = facts_for(cstdcs).initiatives
    assert reused.used_by == (other.code,)


def test_facts_take_a_fixed_number_of_queries(people, cstdcs, catalogue, django_assert_num_queries):
    def count():
        with django_assert_num_queries(8) as ctx:
            facts_for(cstdcs)
        return len(ctx.captured_queries)

    count()
    for year in range(2000, 2024):
        AwardRecord.objects.create(
            staff=cstdcs.staff, unit=cstdcs.unit, award_type=catalogue["ldtt"], year=year
        )
        PerformanceRating.objects.create(staff=cstdcs.staff, year=year, rating="htt")
        Initiative.objects.create(
            staff=cstdcs.staff, title=f"SK {year}", level="co_so", year=year
        ).nominations.add(cstdcs)
    count()


def test_council_pages_take_the_office_from_session_to_minutes(people, unit_a, catalogue, login):
    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["csdt-co-so"])
    services.submit_for_signoff(nomination, people.officer)
    act(nomination, people.head, Decision.SUBMIT)
    act(nomination, people.reviewer, Decision.FORWARD)
    act(nomination, people.union, Decision.AGREE)
    client = login(people.reviewer)
    response = client.post(
        "/council/",
        {
            "title": "Phiên họp Hội đồng TĐKT",
            "meeting_date": "20/12/2024",
            "place": "Sở Y tế",
            "locality": "Đồng Nai",
            "total_members": 7,
            "members_present": 7,
            "chair": "Trần Minh Khang",
            "secretary": "Nguyễn Thị Ngọc Lan",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    url = response["Location"]
    client.post(url, {"action": "add", "nominations": [nomination.pk]})
    ballot = nomination.council_ballots.get()
    client.post(
        url,
        {
            "action": "close",
            f"votes_for-{ballot.pk}": 7,
            f"votes_against-{ballot.pk}": 0,
            f"invalid-{ballot.pk}": 0,
        },
    )
    assert step_name(nomination) == "director_signoff"
    minutes_url = f"/documents/council/{ballot.session_id}/bien-ban-kiem-phieu.docx"
    assert minutes_url in client.get(url).content.decode()
    response = client.get(minutes_url)
    text = "\n".join(
        c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
    )
    assert nomination.nominee_name in text


def test_council_pages_are_for_the_office_only(people, login):
    assert login(people.officer).get("/council/").status_code == 404
    assert login(people.union).get("/council/").status_code == 404


def test_seed_rules_is_idempotent_and_every_default_validates(catalogue):
    count = AwardRule.objects.count()
    assert count > 0 and CouncilPolicy.objects.filter(award_type__code="csdt-co-so").exists()
    seed_rules()
    assert AwardRule.objects.count() == count
    for rule in AwardRule.objects.all():
        rule.full_clean()
    for table in (rules_nd98(), rules_nd152()):
        assert all(source for _code, _p, source, _c, _a in sum(table.values(), []))


def test_admin_refuses_parameters_the_rule_does_not_declare(catalogue):
    rule = AwardRule(
        award_type=catalogue["ldtt"], rule="minimum_rating", params={"rating": "xuất sắc"}, source="Điều 24"
    )
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "params" in refused.value.message_dict


def test_admin_rule_form_lists_the_registry(admin_client, catalogue):
    response = admin_client.get("/admin/eligibility/awardrule/add/")
    assert response.status_code == 200
    assert "title_streak_or_ratings_with_initiatives" in response.content.decode()


def test_a_rejected_dossier_is_not_the_same_achievement_twice(people, unit_a, cstdcs, catalogue):
    from eligibility.engine import evaluate

    make_nomination(unit=unit_a, author=people.officer, staff=cstdcs.staff, award_type=catalogue["ldtt"])
    assert {r.rule: r.status for r in evaluate(cstdcs)}[
        "one_award_per_achievement"
    ] == PASS  # titles go together
    earlier = make_nomination(
        unit=unit_a, author=people.officer, staff=cstdcs.staff, award_type=catalogue["csdt-co-so"]
    )
    results = {r.rule: r.status for r in evaluate(cstdcs)}
    assert results["one_award_per_achievement"] == FAIL
    earlier.status = NominationStatus.REJECTED
    earlier.save()
    results = {r.rule: r.status for r in evaluate(cstdcs)}
    assert results["one_award_per_achievement"] == PASS


def test_explanations_name_the_awards_and_ignore_the_dossiers_own_award(people, unit_a, catalogue):
    from eligibility.engine import evaluate

    nomination = make_nomination(unit=unit_a, author=people.officer, award_type=catalogue["csdt-tinh"])
    results = {r.rule: r for r in evaluate(nomination)}
    assert "“Chiến sĩ thi đua cơ sở”" in results["consecutive_title"].message
    # Once decided, the award this dossier obtained is in the history: not a second award.
    AwardRecord.objects.create(
        staff=nomination.staff, unit=unit_a, award_type=catalogue["csdt-tinh"], year=2024
    )
    assert {r.rule: r for r in evaluate(nomination)}["one_award_per_achievement"].status == FAIL
    nomination.status = NominationStatus.DECIDED
    nomination.save()
    assert {r.rule: r for r in evaluate(nomination)}["one_award_per_achievement"].status == PASS
