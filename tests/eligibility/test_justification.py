"""A reviewer forwards a dossier that fails a rule only with a written justification, which
goes into the task, the dossier's history and the audit trail."""

import pytest

from audit.models import AuditEvent
from nominations.models import AwardRecord
from tests.factories import make_nomination
from tests.workflows.conftest import act, open_task, step_name
from workflows import services
from workflows.steps import Decision


@pytest.fixture
def failing(people, unit_a, catalogue):
    """A Giấy khen dossier for someone who already received it for 2024 (Điều 5 khoản 2 điểm c)."""
    nomination = make_nomination(
        unit=unit_a, author=people.officer, award_type=catalogue["giay-khen-ca-nhan"]
    )
    AwardRecord.objects.create(
        staff=nomination.staff, unit=unit_a, award_type=catalogue["giay-khen-ca-nhan"], year=2024
    )
    services.submit_for_signoff(nomination, people.officer)
    act(nomination, people.head, Decision.SUBMIT)
    return nomination


def test_forwarding_a_failing_dossier_without_justification_is_refused(people, failing):
    with pytest.raises(services.WorkflowError) as refused:
        act(failing, people.reviewer, Decision.FORWARD)
    assert failing.code in refused.value.message
    assert step_name(failing) == "office_review"


def test_the_justification_is_kept_in_task_history_and_audit(people, failing):
    why = "Thành tích năm 2024 là thành tích đột xuất khác, đã xác minh với đơn vị."
    task = act(failing, people.reviewer, Decision.FORWARD, justification=why)
    assert task.data["justification"] == why
    failing.refresh_from_db()
    assert why in failing.history.first().history_change_reason
    event = AuditEvent.objects.filter(event_type="completed", nomination=failing).order_by("sequence").last()
    assert event.detail["justification"] == why
    assert step_name(failing) == "union_consultation"


def test_return_and_reject_need_no_justification(people, failing):
    act(failing, people.reviewer, Decision.RETURN, "Bổ sung minh chứng.")
    assert step_name(failing) == "revise"


def test_a_passing_dossier_needs_no_justification(people, submitted, catalogue):
    act(submitted, people.head, Decision.SUBMIT)
    act(submitted, people.reviewer, Decision.FORWARD)
    assert step_name(submitted) == "union_consultation"


def test_task_page_asks_for_the_justification(people, failing, login):
    client = login(people.reviewer)
    task = open_task(failing)
    response = client.get(f"/tasks/{task.pk}/")
    assert "justification" in response.context["form"].fields
    assert response.context["eligibility"]["failures"] == 1
    response = client.post(f"/tasks/{task.pk}/", {"decision": Decision.FORWARD, "comment": ""})
    assert step_name(failing) == "office_review"
    client.post(f"/tasks/{task.pk}/", {"decision": Decision.FORWARD, "justification": "Đã xác minh."})
    assert step_name(failing) == "union_consultation"
    assert open_task(failing).process.task_set.get(pk=task.pk).data["justification"] == "Đã xác minh."
