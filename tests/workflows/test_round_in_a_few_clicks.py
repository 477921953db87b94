"""A round moves many dossiers at once: officers send drafts in one go, a queue acts on every
matching dossier (across pages, the count confirmed), the decision builder previews Article 1."""

import datetime

import pytest

from nominations.models import Nomination
from tests.factories import make_nomination
from workflows import services
from workflows.models import AwardDecision

from .conftest import act, open_task

pytestmark = pytest.mark.django_db


def test_an_officer_sends_every_draft_of_the_list_at_once(people, unit_a, login):
    drafts = [make_nomination(unit=unit_a, author=people.officer) for _ in range(3)]
    client = login(people.officer)
    page = client.get("/dossiers/?status=draft")
    assert page.context["draft_count"] == 3
    response = client.post("/dossiers/send/", {"all": "1", "expected": "3", "filters": "status=draft"})
    assert response.status_code == 302
    assert set(Nomination.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)) == {
        "unit_signoff"
    }


def test_sending_every_draft_refuses_when_the_count_changed(people, unit_a, login):
    for _ in range(2):
        make_nomination(unit=unit_a, author=people.officer)
    response = login(people.officer).post("/dossiers/send/", {"all": "1", "expected": "3"}, follow=True)
    assert "thay đổi" in response.content.decode() or "changed" in response.content.decode()
    assert not Nomination.objects.exclude(status="draft").exists()


def test_an_officer_cannot_send_another_units_drafts(people, unit_b, officer_b, login):
    other = make_nomination(unit=unit_b, author=officer_b)
    login(people.officer).post("/dossiers/send/", {"codes": [other.code]})
    other.refresh_from_db()
    assert other.status == "draft"


def test_a_queue_acts_on_every_matching_dossier_across_pages(people, unit_a, login, settings):
    dossiers = [make_nomination(unit=unit_a, author=people.officer) for _ in range(4)]
    for nomination in dossiers:
        services.submit_for_signoff(nomination, people.officer)
    client = login(people.head)
    page = client.get("/tasks/queue/")
    assert page.context["total"] == 4
    response = client.post(
        "/tasks/batch/",
        {
            "step": "unit_signoff",
            "all": "1",
            "scope": "queue",
            "expected": "4",
            "filters": "",
            "decision": "submit",
        },
    )
    assert response.status_code == 302
    assert all(open_task(n).flow_task.name == "office_review" for n in dossiers)


def test_every_matching_refuses_a_stale_count(people, unit_a, login):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    login(people.head).post(
        "/tasks/batch/",
        {"step": "unit_signoff", "all": "1", "scope": "queue", "expected": "5", "decision": "submit"},
    )
    assert open_task(nomination).flow_task.name == "unit_signoff"


def test_the_decision_builder_filters_previews_and_prepares(people, unit_a, login):
    from tests.factories import AwardTypeFactory
    from tests.workflows.conftest import to_director

    collective_award = AwardTypeFactory(
        code="gk-tt", name="Giấy khen của Giám đốc Sở Y tế (tập thể)", applies_to="collective"
    )
    approved = []
    for kind in ["individual", "individual", "collective"]:
        fields = (
            {
                "nominee_kind": "collective",
                "collective_name": "Khoa Nội",
                "award_type": collective_award,
                "staff": None,
            }
            if kind == "collective"
            else {}
        )
        nomination = make_nomination(unit=unit_a, author=people.officer, **fields)
        services.submit_for_signoff(nomination, people.officer)
        to_director(nomination, people)
        act(nomination, people.director, "approve")
        approved.append(nomination)
    client = login(people.reviewer)
    page = client.get("/decisions/new/")
    assert page.context["candidate_count"] == 3
    data = {
        "number": "130/QĐ-SYT",
        "decision_date": "25/02/2025",
        "title": "Về việc tặng Giấy khen\ncủa Giám đốc Sở Y tế",
        "nominations": [n.pk for n in approved],
    }
    preview = client.post("/decisions/new/", {**data, "action": "preview"})
    assert preview.status_code == 200 and not AwardDecision.objects.exists()
    assert "Tặng Giấy khen của Giám đốc Sở Y tế cho 1 tập thể và 2 cá nhân" in preview.context["preview"]
    response = client.post("/decisions/new/", {**data, "action": "prepare"})
    assert response.status_code == 302
    assert AwardDecision.objects.get().nominations.count() == 3
    assert AwardDecision.objects.get().decision_date == datetime.date(2025, 2, 25)
