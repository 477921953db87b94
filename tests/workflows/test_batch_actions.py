"""Batch actions: one transaction; a refusal stops the whole batch and names the dossier."""

import pytest

from tests.factories import make_nomination
from tests.workflows.conftest import open_task, step_name, to_director, to_office
from workflows import services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_submitted(people, unit_a):
    nominations = []
    for _ in range(3):
        nomination = make_nomination(unit=unit_a, author=people.officer)
        services.submit_for_signoff(nomination, people.officer)
        nominations.append(nomination)
    return nominations


def batch(client, step, tasks, decision, comment=""):
    return client.post(
        "/tasks/batch/",
        {"step": step, "tasks": [t.pk for t in tasks], "decision": decision, "comment": comment},
        follow=True,
    )


def test_unit_head_submits_many_at_once(login, three_submitted, people):
    tasks = [open_task(n) for n in three_submitted]
    response = batch(login(people.head), "unit_signoff", tasks, Decision.SUBMIT)
    assert "Đã xử lý 3 hồ sơ" in response.content.decode()
    assert [step_name(n) for n in three_submitted] == ["office_review"] * 3


def test_reviewer_forwards_many(login, three_submitted, people):
    for nomination in three_submitted:
        to_office(nomination, people)
    batch(login(people.reviewer), "office_review", [open_task(n) for n in three_submitted], Decision.FORWARD)
    assert [step_name(n) for n in three_submitted] == ["union_consultation"] * 3


def test_director_signs_many(login, three_submitted, people):
    for nomination in three_submitted:
        to_director(nomination, people)
    batch(
        login(people.director), "director_signoff", [open_task(n) for n in three_submitted], Decision.APPROVE
    )
    for nomination in three_submitted:
        nomination.refresh_from_db()
        assert nomination.status == "approved"


def test_one_refusal_undoes_the_whole_batch_and_names_the_dossier(login, three_submitted, people):
    tasks = [open_task(n) for n in three_submitted]
    # The last one is claimed by someone else in the meantime.
    for nomination in three_submitted:
        to_office(nomination, people)
    tasks = [open_task(n) for n in three_submitted]
    services.claim_task(tasks[2], people.reviewer2)
    response = batch(login(people.reviewer), "office_review", tasks, Decision.FORWARD)
    body = response.content.decode()
    assert "Không có thay đổi nào" in body
    assert three_submitted[2].code in body
    assert [step_name(n) for n in three_submitted] == ["office_review"] * 3
    # The first two were not left claimed by the batch either.
    assert [open_task(n).owner for n in three_submitted[:2]] == [None, None]


def test_batch_return_without_comment_changes_nothing(login, three_submitted, people):
    response = batch(
        login(people.head), "unit_signoff", [open_task(n) for n in three_submitted], Decision.RETURN
    )
    assert response.status_code == 200
    assert [step_name(n) for n in three_submitted] == ["unit_signoff"] * 3


def test_batch_of_another_units_dossiers_is_refused(login, three_submitted, unit_b):
    from tests.factories import UserFactory

    stranger = UserFactory(username="bvb.truong", unit=unit_b, roles=["unit_head"])
    batch(login(stranger), "unit_signoff", [open_task(n) for n in three_submitted], Decision.SUBMIT)
    assert [step_name(n) for n in three_submitted] == ["unit_signoff"] * 3


def test_batch_with_nothing_selected_asks_for_a_selection(login, people):
    response = batch(login(people.head), "unit_signoff", [], Decision.SUBMIT)
    assert "Chọn ít nhất một hồ sơ" in response.content.decode()
