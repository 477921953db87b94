"""Who can and cannot see and act at each step, checked through HTTP."""

import pytest

from tests.factories import UserFactory, make_nomination
from tests.workflows.conftest import act, open_task, step_name, to_director, to_office
from workflows import services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


def decide(client, task, decision, comment=""):
    return client.post(f"/tasks/{task.pk}/", {"decision": decision, "comment": comment})


def test_unit_head_acts_on_own_unit_dossier(login, submitted, people):
    response = decide(login(people.head), open_task(submitted), Decision.SUBMIT)
    assert response.status_code == 302
    assert step_name(submitted) == "office_review"


def test_head_of_another_unit_gets_404(login, submitted, unit_b):
    other_head = UserFactory(username="bvb.truong", unit=unit_b, roles=["unit_head"])
    client = login(other_head)
    task = open_task(submitted)
    assert client.get(f"/tasks/{task.pk}/").status_code == 404
    assert decide(client, task, Decision.SUBMIT).status_code == 404
    assert step_name(submitted) == "unit_signoff"
    assert submitted.code not in client.get("/tasks/queue/").content.decode()


def test_officer_cannot_sign_for_the_head(login, submitted, people):
    client = login(people.officer)
    assert client.get(f"/tasks/{open_task(submitted).pk}/").status_code == 404
    assert step_name(submitted) == "unit_signoff"


@pytest.mark.parametrize("role", ["reviewer", "union", "director", "inspector"])
def test_department_people_cannot_act_at_the_unit_step(login, submitted, people, role):
    client = login(getattr(people, role))
    decide(client, open_task(submitted), Decision.SUBMIT)
    assert step_name(submitted) == "unit_signoff"


def test_union_cannot_act_at_office_review(login, submitted, people):
    to_office(submitted, people)
    response = decide(login(people.union), open_task(submitted), Decision.FORWARD)
    assert response.status_code == 404
    assert step_name(submitted) == "office_review"


def test_office_review_waits_in_a_shared_queue_until_claimed(login, submitted, people):
    to_office(submitted, people)
    client = login(people.reviewer)
    assert submitted.code in client.get("/tasks/queue/").content.decode()
    task = open_task(submitted)
    response = client.post(f"/tasks/{task.pk}/claim/")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == people.reviewer
    assert submitted.code in client.get("/tasks/").content.decode()
    assert submitted.code not in client.get("/tasks/queue/").content.decode()


def test_a_claimed_task_cannot_be_taken_by_another_reviewer(login, client, submitted, people):
    to_office(submitted, people)
    services.claim_task(open_task(submitted), people.reviewer)
    client = login(people.reviewer2)
    response = client.post(f"/tasks/{open_task(submitted).pk}/", {"decision": Decision.FORWARD}, follow=True)
    assert "đang được xử lý bởi Nguyễn Thị Ngọc Lan" in response.content.decode()
    assert step_name(submitted) == "office_review"


def test_reviewer_releases_a_task_back_to_the_queue(login, submitted, people):
    to_office(submitted, people)
    services.claim_task(open_task(submitted), people.reviewer)
    login(people.reviewer).post(f"/tasks/{open_task(submitted).pk}/release/")
    assert open_task(submitted).owner is None


def test_head_of_office_reassigns_a_claimed_task(login, submitted, people):
    to_office(submitted, people)
    services.claim_task(open_task(submitted), people.reviewer)
    client = login(people.office_head)
    task = open_task(submitted)
    client.post(f"/tasks/{task.pk}/reassign/", {"user": people.reviewer2.pk})
    assert open_task(submitted).owner == people.reviewer2


def test_a_reviewer_cannot_reassign(login, submitted, people):
    to_office(submitted, people)
    services.claim_task(open_task(submitted), people.reviewer)
    login(people.reviewer2).post(f"/tasks/{open_task(submitted).pk}/reassign/", {"user": people.reviewer2.pk})
    assert open_task(submitted).owner == people.reviewer


def test_director_delegates_signoff_to_a_deputy(login, submitted, people):
    to_director(submitted, people)
    login(people.director).post(f"/tasks/{open_task(submitted).pk}/reassign/", {"user": people.deputy.pk})
    assert open_task(submitted).owner == people.deputy
    act(submitted, people.deputy, Decision.APPROVE)
    assert step_name_or_none(submitted) is None


def step_name_or_none(nomination):
    task = nomination.process.task_set.filter(status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN").first()
    return task.flow_task.name if task else None


def test_cannot_reassign_to_someone_without_the_role(login, submitted, people):
    to_director(submitted, people)
    with pytest.raises(services.WorkflowError):
        services.reassign_task(open_task(submitted), people.director, people.reviewer)


def test_return_without_comment_shows_an_error_and_changes_nothing(login, submitted, people):
    response = decide(login(people.head), open_task(submitted), Decision.RETURN, "")
    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    assert step_name(submitted) == "unit_signoff"


def test_a_decision_that_does_not_exist_at_the_step_is_refused(login, submitted, people):
    response = decide(login(people.head), open_task(submitted), Decision.APPROVE)
    assert response.status_code == 200
    assert "decision" in response.context["form"].errors


def test_acting_twice_on_the_same_task_says_already_handled(login, submitted, people):
    client = login(people.head)
    task = open_task(submitted)
    decide(client, task, Decision.SUBMIT)
    response = client.post(f"/tasks/{task.pk}/", {"decision": Decision.SUBMIT}, follow=True)
    assert response.status_code == 200
    assert "đã được xử lý" in response.content.decode()


def test_unit_edits_only_while_returned(login, submitted, people):
    client = login(people.officer)
    assert client.get(f"/dossiers/{submitted.code}/edit/").status_code == 403
    act(submitted, people.head, Decision.RETURN, "Sửa tóm tắt thành tích")
    assert client.get(f"/dossiers/{submitted.code}/edit/").status_code == 200
    act(submitted, people.officer, Decision.RESUBMIT)
    assert client.get(f"/dossiers/{submitted.code}/edit/").status_code == 403


def test_officer_submits_a_draft_from_its_page(login, people, unit_a):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    response = login(people.officer).post(f"/dossiers/{nomination.code}/submit/", follow=True)
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == "unit_signoff"


def test_other_unit_cannot_submit_a_draft(login, people, unit_a, officer_b):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    assert login(officer_b).post(f"/dossiers/{nomination.code}/submit/").status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == "draft"


class TestStatusTracking:
    def test_unit_sees_step_holder_due_date_and_timeline(self, login, submitted, people):
        act(submitted, people.head, Decision.RETURN, "Bổ sung bản photo bằng khen")
        act(submitted, people.officer, Decision.RESUBMIT)
        act(submitted, people.head, Decision.SUBMIT)
        services.claim_task(open_task(submitted), people.reviewer)
        body = login(people.officer).get(f"/dossiers/{submitted.code}/").content.decode()
        assert "Văn phòng Sở thẩm định" in body
        assert "Nguyễn Thị Ngọc Lan" in body
        assert open_task(submitted).deadline.due_at.astimezone().strftime("%d/%m/%Y") in body
        assert "Bổ sung bản photo bằng khen" in body

    def test_flow_chart_marks_the_current_step(self, login, submitted, people):
        to_office(submitted, people)
        svg = login(people.officer).get(f"/dossiers/{submitted.code}/chart.svg")
        assert svg["Content-Type"] == "image/svg+xml"
        text = svg.content.decode()
        assert 'id="office_review"' in text
        assert 'class="new"' in text or "class='new'" in text

    def test_dashboard_counts_dossiers_by_status(self, login, submitted, people, unit_a):
        make_nomination(unit=unit_a, author=people.officer)
        response = login(people.officer).get("/")
        counts = {status: count for status, _label, count in response.context["status_counts"]}
        assert counts["draft"] == 1
        assert counts["unit_signoff"] == 1
