"""One dossier's history: its workflow steps and the changes of its fields, merged in the
order they happened, readable, for whoever may see the dossier."""

import pytest

from audit.models import EventType
from audit.selectors import dossier_events
from tests.audit.conftest import prepare_decision
from tests.factories import make_nomination
from tests.workflows.conftest import act, to_director
from workflows import award_decisions as decisions
from workflows import drafting as nomination_services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db

WORKFLOW = {
    EventType.SUBMITTED,
    EventType.TASK_CREATED,
    EventType.COMPLETED,
    EventType.APPROVED,
    EventType.DECISION_PREPARED,
    EventType.DECISION_SUBMITTED,
    EventType.DECISION_ISSUED,
}


def steps(nomination) -> list[tuple]:
    """(event, step, decision) of each workflow event, in the order recorded."""
    return [
        (e.event_type, e.detail.get("step", ""), e.detail.get("decision", ""))
        for e in dossier_events(nomination)
        if e.event_type in WORKFLOW
    ]


@pytest.fixture
def returned_then_decided(submitted, people):
    """A dossier the office returned, the unit revised and sent again, then approved and decided."""
    act(submitted, people.head, Decision.SUBMIT)
    act(submitted, people.reviewer, Decision.RETURN, "Thiếu báo cáo thành tích")
    submitted.refresh_from_db()
    nomination_services.update_nomination(
        submitted,
        editor=people.officer,
        reason="Bổ sung theo ý kiến Văn phòng",
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2024; có 01 sáng kiến cấp cơ sở.",
    )
    act(submitted, people.officer, Decision.RESUBMIT)
    to_director(submitted, people)
    act(submitted, people.director, Decision.APPROVE)
    decision = prepare_decision(people, [submitted])
    decisions.submit_decision(decision, by=people.reviewer)
    decisions.issue_decision(decision, by=people.director)
    return submitted


def test_a_return_loop_lists_every_step_in_order(returned_then_decided):
    assert steps(returned_then_decided) == [
        ("submitted", "", ""),
        ("task_created", "unit_signoff", ""),
        ("completed", "unit_signoff", "submit"),
        ("task_created", "office_review", ""),
        ("completed", "office_review", "return"),
        ("task_created", "revise", ""),
        ("completed", "revise", "resubmit"),
        ("task_created", "unit_signoff", ""),
        ("completed", "unit_signoff", "submit"),
        ("task_created", "office_review", ""),
        ("completed", "office_review", "forward"),
        ("task_created", "union_consultation", ""),
        ("completed", "union_consultation", "agree"),
        ("task_created", "director_signoff", ""),
        ("completed", "director_signoff", "approve"),
        ("approved", "", ""),
        ("decision_prepared", "", "125/QĐ-SYT"),
        ("decision_submitted", "", "125/QĐ-SYT"),
        ("decision_issued", "", "125/QĐ-SYT"),
    ]


def test_field_changes_sit_between_the_steps_that_caused_them(returned_then_decided):
    trail = list(dossier_events(returned_then_decided))
    kinds = [(e.event_type, e.detail.get("step", "")) for e in trail]
    edit = next(
        i
        for i, e in enumerate(trail)
        if e.event_type == EventType.CHANGED and any(c["field"] == "achievement_summary" for c in e.changes)
    )
    assert kinds.index(("task_created", "revise")) < edit < kinds.index(("completed", "revise"))
    assert trail[edit].reason == "Bổ sung theo ý kiến Văn phòng"
    statuses = [
        next(c["new"] for c in e.changes if c["field"] == "status")
        for e in trail
        if e.object_type == "nominations.Nomination" and any(c["field"] == "status" for c in e.changes)
    ]
    assert statuses == [
        "draft",
        "unit_signoff",
        "office_review",
        "returned",
        "unit_signoff",
        "office_review",
        "union_consultation",
        "director_signoff",
        "approved",
        "decided",
    ]
    assert [e.sequence for e in trail] == sorted(e.sequence for e in trail)


def test_the_page_shows_readable_diffs_and_labels(login, returned_then_decided, people):
    response = login(people.officer).get(f"/audit/dossiers/{returned_then_decided.code}/")
    assert response.status_code == 200
    entries = response.context["entries"]
    completed = [e for e in entries if e.event.event_type == EventType.COMPLETED]
    assert completed[1].summary == "Văn phòng Sở thẩm định: Trả lại để bổ sung"
    assert completed[1].event.reason == "Thiếu báo cáo thành tích"
    status_change = next(
        change
        for e in entries
        for change in e.changes
        if change.label == "Trạng thái" and change.new == "Trả lại để bổ sung"
    )
    assert status_change.old == "Văn phòng Sở thẩm định"
    created = entries[0]
    staff = next(change for change in created.changes if change.label == "Cá nhân được đề nghị")
    assert staff.new == str(returned_then_decided.staff)


def test_a_long_text_change_is_shown_word_by_word(login, unit_a, officer_a):
    nomination = make_nomination(unit=unit_a, author=officer_a, achievement_summary="Tham gia " * 20 + "tốt.")
    nomination_services.update_nomination(
        nomination, editor=officer_a, achievement_summary="Tham gia " * 20 + "rất tích cực."
    )
    response = login(officer_a).get(f"/audit/dossiers/{nomination.code}/")
    change = next(c for e in response.context["entries"] for c in e.changes if c.segments)
    assert [(s.op, s.text) for s in change.segments if s.op != "same"] == [
        ("del", "tốt."),
        ("ins", "rất tích cực."),
    ]
    assert "<del>tốt.</del>" in response.content.decode()


def test_another_units_dossier_history_is_a_404(login, officer_b, unit_a, officer_a):
    nomination = make_nomination(unit=unit_a, author=officer_a)
    assert login(officer_b).get(f"/audit/dossiers/{nomination.code}/").status_code == 404


def test_the_timeline_query_count_does_not_grow_with_its_length(
    login, people, submitted, django_assert_max_num_queries
):
    client = login(people.inspector)
    url = f"/audit/dossiers/{submitted.code}/"
    client.get(url)
    with django_assert_max_num_queries(20):
        client.get(url)
    act(submitted, people.head, Decision.RETURN, "Bổ sung")
    act(submitted, people.officer, Decision.RESUBMIT)
    act(submitted, people.head, Decision.SUBMIT)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
