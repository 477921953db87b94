"""Quyết định khen thưởng: prepared by the office from approved dossiers, issued by the director."""

import datetime

import pytest

from nominations.models import AwardRecord
from tests.factories import AwardTypeFactory, make_nomination
from tests.workflows.conftest import act, to_director
from workflows import award_decisions as decisions
from workflows import services
from workflows.models import AwardDecision
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(people, unit_a):
    collective_award = AwardTypeFactory(
        code="giay-khen-tap-the", name="Giấy khen (tập thể)", applies_to="collective"
    )
    result = []
    for index in range(3):
        fields = {}
        if index == 0:
            fields = {"nominee_kind": "collective", "staff": None, "collective_name": "Khoa Dược"}
            fields["award_type"] = collective_award
        nomination = make_nomination(unit=unit_a, author=people.officer, **fields)
        services.submit_for_signoff(nomination, people.officer)
        to_director(nomination, people)
        act(nomination, people.director, Decision.APPROVE)
        result.append(nomination)
    return result


def prepare(people, nominations, number="125/QĐ-SYT"):
    return decisions.prepare_decision(
        by=people.reviewer,
        number=number,
        decision_date=datetime.date(2025, 2, 25),
        title="Về việc tặng Giấy khen",
        nominations=nominations,
    )


def test_issuing_a_decision_closes_its_dossiers_and_records_the_awards(people, approved):
    decision = prepare(people, approved)
    decisions.submit_decision(decision, by=people.office_head)
    decisions.issue_decision(decision, by=people.director)
    decision.refresh_from_db()
    assert decision.status == "issued"
    assert decision.signer == people.director
    for nomination in approved:
        nomination.refresh_from_db()
        assert nomination.status == "decided"
        assert nomination.process.finished is not None
    assert AwardRecord.objects.filter(decision_number="125/QĐ-SYT").count() == 3


def test_awardees_are_grouped_collectives_then_individuals(people, approved):
    decision = prepare(people, approved)
    (collective_label, collectives), (individual_label, individuals) = decisions.awardees_by_kind(decision)
    assert [n.collective_name for n in collectives] == ["Khoa Dược"]
    assert len(individuals) == 2
    assert (str(collective_label), str(individual_label)) == ("Tập thể", "Cá nhân")


def test_a_dossier_goes_into_one_decision_only(people, approved):
    prepare(people, approved[:1])
    with pytest.raises(services.WorkflowError):
        prepare(people, approved[:2], number="126/QĐ-SYT")
    assert AwardDecision.objects.count() == 1


def test_only_approved_dossiers_can_be_decided(people, unit_a):
    draft = make_nomination(unit=unit_a, author=people.officer)
    with pytest.raises(services.WorkflowError):
        prepare(people, [draft])


def test_only_the_office_prepares_and_only_directors_sign(people, approved):
    with pytest.raises(services.WorkflowError):
        decisions.prepare_decision(
            by=people.director,
            number="1/QĐ",
            decision_date=datetime.date(2025, 1, 1),
            title="x",
            nominations=approved,
        )
    decision = prepare(people, approved)
    decisions.submit_decision(decision, by=people.reviewer)
    with pytest.raises(services.WorkflowError):
        decisions.issue_decision(decision, by=people.reviewer)
    decisions.issue_decision(decision, by=people.deputy)
    decision.refresh_from_db()
    assert decision.signer == people.deputy


def test_director_returns_a_decision_with_a_comment(people, approved):
    decision = prepare(people, approved)
    decisions.submit_decision(decision, by=people.reviewer)
    with pytest.raises(services.WorkflowError):
        decisions.return_decision(decision, by=people.director, comment="")
    decisions.return_decision(decision, by=people.director, comment="Sửa trích yếu")
    decision.refresh_from_db()
    assert (decision.status, decision.return_comment) == ("draft", "Sửa trích yếu")


def test_decision_pages(login, people, approved):
    client = login(people.reviewer)
    response = client.post(
        "/decisions/new/",
        {
            "number": "127/QĐ-SYT",
            "decision_date": "25/02/2025",
            "title": "Về việc tặng Giấy khen",
            "nominations": [n.pk for n in approved],
        },
    )
    decision = AwardDecision.objects.get()
    assert response.status_code == 302
    client.post(f"/decisions/{decision.pk}/submit/")
    director = login(people.director)
    body = director.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Khoa Dược" in body
    # Signing first asks again, naming how many awardees the decision is for.
    confirm = director.post(f"/decisions/{decision.pk}/issue/")
    assert confirm.status_code == 200
    decision.refresh_from_db()
    assert decision.status == "submitted"
    assert f'name="awardees" value="{len(approved)}"' in confirm.content.decode()
    director.post(f"/decisions/{decision.pk}/issue/", {"awardees": len(approved)})
    decision.refresh_from_db()
    assert decision.status == "issued"


def test_the_director_is_told_of_a_decision_to_sign(login, people, approved):
    from notifications.kinds import Kind
    from notifications.models import Notification

    decision = decisions.prepare_decision(
        by=people.reviewer,
        number="128/QĐ-SYT",
        decision_date=datetime.date(2025, 2, 25),
        title="Về việc tặng Giấy khen",
        nominations=approved,
    )
    decisions.submit_decision(decision, by=people.reviewer)
    notice = Notification.objects.get(recipient=people.director, kind=Kind.DECISION_TO_SIGN)
    assert "128/QĐ-SYT" in notice.subject + notice.body_text and notice.url == f"/decisions/{decision.pk}/"
    home = login(people.director).get("/").content.decode()
    assert "128/QĐ-SYT" in home and f"/decisions/{decision.pk}/" in home


def test_decision_form_reports_bad_input(login, people, approved):
    response = login(people.reviewer).post(
        "/decisions/new/", {"number": "", "decision_date": "31/02/2025", "nominations": []}
    )
    assert response.status_code == 200
    assert {"number", "decision_date", "nominations"} <= set(response.context["form"].errors)
    assert not AwardDecision.objects.exists()


def test_units_cannot_open_decisions(login, people):
    assert login(people.officer).get("/decisions/").status_code == 403


def test_dossiers_in_a_draft_or_submitted_decision_no_longer_wait_for_one(people, approved):
    assert set(decisions.decidable_nominations()) == set(approved)
    decision = prepare(people, approved[:1])
    assert set(decisions.decidable_nominations()) == set(approved[1:])
    decisions.submit_decision(decision, by=people.office_head)
    assert set(decisions.decidable_nominations()) == set(approved[1:])
    decisions.issue_decision(decision, by=people.director)
    assert set(decisions.decidable_nominations()) == set(approved[1:])


def test_the_waiting_count_groups_its_thousands(login, people, approved, monkeypatch):
    # Thousands of approved dossiers are a province's year, not a test's: only the count grows.
    waiting = decisions.decidable_nominations()
    monkeypatch.setattr(waiting, "count", lambda: 2045)
    monkeypatch.setattr(decisions, "decidable_nominations", lambda: waiting)
    body = login(people.reviewer).get("/decisions/").content.decode()
    assert "2.045 hồ sơ đã phê duyệt đang chờ quyết định." in body
