"""Every path through the approval flow: each approve, return and reject."""

import datetime

import pytest
from django.utils import timezone

from eligibility.calendar import due_after, is_working_day
from nominations.models import AwardRecord
from tests.factories import make_nomination
from tests.workflows.conftest import act, open_task, step_name, to_director, to_office
from workflows import services
from workflows.selectors import timeline
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


def status(nomination) -> str:
    nomination.refresh_from_db()
    return nomination.status


def test_submitting_a_draft_puts_it_before_the_unit_head(submitted):
    assert submitted.status == "unit_signoff"
    assert step_name(submitted) == "unit_signoff"


def test_a_draft_is_submitted_only_once(submitted, people):
    with pytest.raises(services.AlreadyHandled):
        services.submit_for_signoff(submitted, people.officer)


def test_unit_head_return_goes_back_to_the_officer_then_through_the_head_again(submitted, people):
    act(submitted, people.head, Decision.RETURN, "Bổ sung minh chứng")
    assert status(submitted) == "returned"
    assert step_name(submitted) == "revise"
    act(submitted, people.officer, Decision.RESUBMIT)
    assert status(submitted) == "unit_signoff"
    act(submitted, people.head, Decision.SUBMIT)
    assert status(submitted) == "office_review"


def test_office_return_sends_the_dossier_to_the_unit_and_again_through_its_head(submitted, people):
    to_office(submitted, people)
    act(submitted, people.reviewer, Decision.RETURN, "Thiếu báo cáo thành tích")
    assert status(submitted) == "returned"
    act(submitted, people.officer, Decision.RESUBMIT)
    assert step_name(submitted) == "unit_signoff"
    act(submitted, people.head, Decision.SUBMIT)
    assert step_name(submitted) == "office_review"


def test_office_rejection_ends_the_flow(submitted, people):
    to_office(submitted, people)
    act(submitted, people.reviewer, Decision.REJECT, "Chưa đủ tiêu chuẩn")
    assert status(submitted) == "rejected"
    assert submitted.process.finished is not None


def test_office_forward_goes_to_the_union(submitted, people):
    to_office(submitted, people)
    act(submitted, people.reviewer, Decision.FORWARD)
    assert status(submitted) == "union_consultation"


@pytest.mark.parametrize(
    ("opinion", "comment"),
    [
        (Decision.AGREE, ""),
        (Decision.AGREE_WITH_REMARKS, "Đề nghị xem xét thêm"),
        (Decision.DISAGREE, "Không đồng ý"),
    ],
)
def test_every_union_opinion_reaches_the_director(submitted, people, opinion, comment):
    to_office(submitted, people)
    act(submitted, people.reviewer, Decision.FORWARD)
    act(submitted, people.union, opinion, comment)
    assert status(submitted) == "director_signoff"
    assert open_task(submitted).process.nominationprocess.last_decision == opinion


def test_director_approval_within_authority_awaits_a_decision(submitted, people):
    to_director(submitted, people)
    act(submitted, people.director, Decision.APPROVE)
    assert status(submitted) == "approved"


def test_director_return_goes_back_to_the_office(submitted, people):
    to_director(submitted, people)
    act(submitted, people.director, Decision.RETURN, "Văn phòng thẩm định lại")
    assert status(submitted) == "office_review"
    assert step_name(submitted) == "office_review"


def test_director_rejection_ends_the_flow(submitted, people):
    to_director(submitted, people)
    act(submitted, people.director, Decision.REJECT, "Trùng thành tích")
    assert status(submitted) == "rejected"


def test_deputy_director_may_sign(submitted, people):
    to_director(submitted, people)
    act(submitted, people.deputy, Decision.APPROVE)
    assert status(submitted) == "approved"


class TestHigherAuthority:
    @pytest.fixture
    def forwarded(self, people, unit_a, higher_award):
        nomination = make_nomination(unit=unit_a, author=people.officer, award_type=higher_award)
        services.submit_for_signoff(nomination, people.officer)
        to_director(nomination, people)
        act(nomination, people.director, Decision.APPROVE)
        return nomination

    def test_approval_of_a_higher_award_forwards_it(self, forwarded):
        assert status(forwarded) == "forwarded"
        assert step_name(forwarded) == "record_higher_result"

    def test_office_records_that_it_was_awarded(self, forwarded, people):
        act(
            forwarded,
            people.reviewer,
            Decision.AWARDED,
            decision_number="1234/QĐ-UBND",
            decision_date=datetime.date(2025, 2, 20),
        )
        assert status(forwarded) == "awarded"
        record = AwardRecord.objects.get()
        assert (record.decision_number, record.staff) == ("1234/QĐ-UBND", forwarded.staff)

    def test_office_records_that_it_was_not_awarded(self, forwarded, people):
        act(forwarded, people.reviewer, Decision.NOT_AWARDED)
        assert status(forwarded) == "not_awarded"
        assert not AwardRecord.objects.exists()

    def test_awarded_needs_the_decision_number_and_date(self, forwarded, people):
        with pytest.raises(services.WorkflowError):
            act(forwarded, people.reviewer, Decision.AWARDED)
        assert status(forwarded) == "forwarded"


@pytest.mark.parametrize(
    ("reach", "actor", "decision"),
    [
        (lambda n, p: None, "head", Decision.RETURN),
        (to_office, "reviewer", Decision.RETURN),
        (to_office, "reviewer", Decision.REJECT),
        (to_director, "director", Decision.RETURN),
        (to_director, "director", Decision.REJECT),
    ],
)
def test_return_and_reject_need_a_comment(submitted, people, reach, actor, decision):
    reach(submitted, people)
    before = step_name(submitted)
    with pytest.raises(services.WorkflowError):
        act(submitted, getattr(people, actor), decision, "   ")
    assert step_name(submitted) == before


def test_timeline_of_a_returned_dossier_lists_every_step_in_order(submitted, people):
    act(submitted, people.head, Decision.RETURN, "Bổ sung minh chứng")
    act(submitted, people.officer, Decision.RESUBMIT)
    act(submitted, people.head, Decision.SUBMIT)
    act(submitted, people.reviewer, Decision.FORWARD)
    entries = timeline(submitted)
    assert [(e.step_label, e.actor) for e in entries] == [
        ("Trình thủ trưởng đơn vị", people.officer),
        ("Thủ trưởng đơn vị ký trình", people.head),
        ("Đơn vị chỉnh sửa, bổ sung", people.officer),
        ("Thủ trưởng đơn vị ký trình", people.head),
        ("Văn phòng Sở thẩm định", people.reviewer),
        ("Hiệp y Công đoàn", None),
    ]
    assert entries[1].comment == "Bổ sung minh chứng"
    assert entries[-1].is_open


def test_history_names_the_actor_and_the_reason(submitted, people):
    act(submitted, people.head, Decision.RETURN, "Bổ sung minh chứng")
    latest = submitted.history.latest("history_date")
    assert latest.status == "returned"
    assert latest.history_user == people.head
    assert "Bổ sung minh chứng" in latest.history_change_reason


def test_each_step_gets_its_due_date_in_working_days(submitted, settings):
    task = open_task(submitted)
    expected = due_after(task.created, settings.WORKFLOW_STEP_DAYS["unit_signoff"])
    assert abs((task.deadline.due_at - expected).total_seconds()) < 5
    assert is_working_day(timezone.localdate(task.deadline.due_at))
