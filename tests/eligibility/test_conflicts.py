"""Duplicate and conflicting nominations are flagged to the unit (the dossier's rule) and to the
office (the conflicts page): Luật TĐKT 2022 Điều 5 khoản 2, one achievement, one award."""

from eligibility.conflicts import conflicts
from eligibility.engine import evaluate
from eligibility.rules import FAIL
from nominations.models import Nomination
from tests.factories import StaffFactory, make_nomination


def test_two_forms_for_one_achievement_are_flagged(people, unit_a, catalogue, login):
    person = StaffFactory(unit=unit_a, full_name="Đỗ Thị Mai")
    first = make_nomination(
        unit=unit_a, author=people.officer, staff=person, award_type=catalogue["giay-khen-ca-nhan"]
    )
    make_nomination(
        unit=unit_a, author=people.officer, staff=person, award_type=catalogue["bang-khen-ubnd-ca-nhan"]
    )
    [conflict] = conflicts()
    assert conflict.nominee == "Đỗ Thị Mai"
    assert any("Hai hình thức" in r for r in conflict.reasons)
    assert {r.rule: r.status for r in evaluate(first)}["one_award_per_achievement"] == FAIL
    page = login(people.reviewer).get("/eligibility/conflicts/").content.decode()
    assert "Đỗ Thị Mai" in page and first.code in page


def test_a_person_proposed_by_two_units_is_flagged_with_the_other_unit(people, unit_a, unit_b, catalogue):
    """A person transferred during the year, proposed by the old unit and by the new one."""
    person = StaffFactory(unit=unit_a, full_name="Bùi Văn Long")
    old = make_nomination(unit=unit_a, author=people.officer, staff=person, award_type=catalogue["ldtt"])
    Nomination.objects.filter(pk=old.pk).update(unit=unit_b)
    new = make_nomination(unit=unit_a, author=people.officer, staff=person, award_type=catalogue["ldtt"])
    [conflict] = conflicts()
    assert any("nhiều đơn vị" in r for r in conflict.reasons)
    result = {r.rule: r for r in evaluate(new)}["one_award_per_achievement"]
    assert result.status == FAIL and unit_b.name in result.message


def test_titles_that_go_together_are_not_a_conflict(people, unit_a, catalogue):
    person = StaffFactory(unit=unit_a)
    make_nomination(unit=unit_a, author=people.officer, staff=person, award_type=catalogue["ldtt"])
    make_nomination(unit=unit_a, author=people.officer, staff=person, award_type=catalogue["csdt-co-so"])
    assert conflicts() == []


def test_the_conflicts_page_is_the_offices(people, login):
    assert login(people.officer).get("/eligibility/conflicts/").status_code == 404
    assert login(people.reviewer).get("/eligibility/conflicts/").status_code == 200


def test_the_office_menu_has_the_council_and_the_conflicts(people, login):
    page = login(people.reviewer).get("/").content.decode()
    assert 'href="/council/"' in page and 'href="/eligibility/conflicts/"' in page
    page = login(people.officer).get("/").content.decode()
    assert 'href="/council/"' not in page


def test_the_unit_is_warned_when_it_saves_a_conflicting_dossier(people, unit_a, catalogue, login):
    person = StaffFactory(unit=unit_a, full_name="Hồ Thị Thu")
    first = make_nomination(
        unit=unit_a, author=people.officer, staff=person, award_type=catalogue["giay-khen-ca-nhan"]
    )
    response = login(people.officer).post(
        "/dossiers/new/",
        {
            "year": "2024",
            "basis": "annual",
            "nominee_kind": "individual",
            "collective_name": "",
            "staff": person.pk,
            "award_type": catalogue["bang-khen-ubnd-ca-nhan"].pk,
            "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        },
        follow=True,
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings and "Hai hình thức" in warnings[0] and first.code in warnings[0]
