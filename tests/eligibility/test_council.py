"""The council's secret ballot: threshold arithmetic at its edges, the session's checks, the
workflow step between the union and the director, and the minutes."""

import io

import pytest
from docx import Document

from council import services as council
from council.forms import CouncilSessionForm
from council.models import CouncilPolicy, SessionStatus, VoteBase
from nominations.models import NominationStatus
from tests.factories import StaffFactory, make_nomination
from tests.workflows.conftest import act, open_task, step_name
from workflows import services
from workflows.forms import BatchForm, StepDecisionForm
from workflows.steps import STEPS, Decision

from .conftest import MEETING

NINE_TENTHS_OF_ALL = CouncilPolicy(threshold_numerator=9, threshold_denominator=10, base=VoteBase.ALL_MEMBERS)
HALF_OF_PRESENT = CouncilPolicy(threshold_numerator=1, threshold_denominator=2, base=VoteBase.PRESENT)


@pytest.mark.parametrize(
    ("votes_for", "present", "total", "policy", "passes"),
    [
        (18, 20, 20, NINE_TENTHS_OF_ALL, True),  # exactly 90 %
        (17, 20, 20, NINE_TENTHS_OF_ALL, False),  # one vote under
        (9, 9, 10, NINE_TENTHS_OF_ALL, True),  # 9 of 10 members, one absent
        (8, 9, 10, NINE_TENTHS_OF_ALL, False),
        (27, 29, 30, NINE_TENTHS_OF_ALL, True),  # 0.9 * 30 is 27.000000000000004 in floats
        (26, 29, 30, NINE_TENTHS_OF_ALL, False),
        (13, 14, 15, NINE_TENTHS_OF_ALL, False),  # 13/15 = 86.7 %: 90 % of 15 is 13.5, rounding must not help
        (14, 14, 15, NINE_TENTHS_OF_ALL, True),
        (5, 10, 15, HALF_OF_PRESENT, True),  # half of those present, exactly
        (4, 9, 15, HALF_OF_PRESENT, False),  # 4 of 9 present: under half
        (0, 0, 15, HALF_OF_PRESENT, False),  # nobody present never passes
    ],
)
def test_vote_threshold_edges(votes_for, present, total, policy, passes):
    assert council.vote_passes(votes_for, present=present, total=total, policy=policy) is passes


@pytest.mark.parametrize(
    ("present", "total", "met"),
    [(6, 9, True), (5, 9, False), (10, 15, True), (9, 15, False), (0, 0, False)],
)
def test_quorum_of_two_thirds(present, total, met):
    policy = CouncilPolicy(quorum_numerator=2, quorum_denominator=3)
    assert council.quorum_met(present, total, policy) is met


def test_default_policy_is_nine_tenths_of_all_members_and_documented():
    policy = council.DEFAULT_POLICY
    assert (policy.threshold_numerator, policy.threshold_denominator, policy.base) == (
        9,
        10,
        VoteBase.ALL_MEMBERS,
    )
    assert "NĐ 91/2017" in CouncilPolicy.__doc__


@pytest.fixture
def at_council(people, unit_a, catalogue):
    """Two dossiers for Chiến sĩ thi đua cơ sở waiting for the council."""
    dossiers = []
    for name in ("Nguyễn Thị Hồng Nhung", "Trần Đức Thắng"):
        nomination = make_nomination(
            unit=unit_a,
            author=people.officer,
            award_type=catalogue["csdt-co-so"],
            staff=StaffFactory(unit=unit_a, full_name=name),
        )
        services.submit_for_signoff(nomination, people.officer)
        act(nomination, people.head, Decision.SUBMIT)
        act(nomination, people.reviewer, Decision.FORWARD)
        act(nomination, people.union, Decision.AGREE)
        nomination.refresh_from_db()
        dossiers.append(nomination)
    return dossiers


@pytest.fixture
def session(people):
    return council.create_session(
        by=people.reviewer,
        title="Phiên họp xét danh hiệu thi đua năm 2024",
        meeting_date=MEETING,
        place="Phòng họp số 1, Sở Y tế",
        total_members=10,
        members_present=9,
        chair="Trần Minh Khang",
        secretary="Nguyễn Thị Ngọc Lan",
    )


def test_titles_needing_a_vote_wait_for_the_council_after_the_union(at_council):
    for nomination in at_council:
        assert nomination.status == NominationStatus.COUNCIL_VOTE
        assert step_name(nomination) == "council_vote"


def test_other_awards_go_straight_to_the_director(people, submitted):
    act(submitted, people.head, Decision.SUBMIT)
    act(submitted, people.reviewer, Decision.FORWARD)
    act(submitted, people.union, Decision.AGREE)
    assert step_name(submitted) == "director_signoff"


def test_nobody_chooses_the_council_result_by_hand(people, at_council):
    task = open_task(at_council[0])
    with pytest.raises(services.WorkflowError):
        services.complete_task(task, people.reviewer, Decision.PASSED)
    step = STEPS["council_vote"]
    assert step.decision_choices() == [] and step.batch_decision_choices() == []
    assert StepDecisionForm(step=step).fields["decision"].choices == []
    form = BatchForm({"step": "council_vote", "tasks": [task.pk], "decision": Decision.PASSED})
    assert not form.is_valid()


def test_closing_moves_passed_on_to_the_director_and_rejects_the_failed(people, at_council, session):
    passed, failed = at_council
    council.record_tally(council.add_nomination(session, passed), votes_for=9, votes_against=0, invalid=0)
    council.record_tally(council.add_nomination(session, failed), votes_for=8, votes_against=1, invalid=0)

    council.close_session(session, by=people.reviewer)

    passed.refresh_from_db()
    failed.refresh_from_db()
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert step_name(passed) == "director_signoff"
    assert failed.status == NominationStatus.REJECTED
    done = failed.process.task_set.get(flow_task_type="HUMAN", data__decision=Decision.FAILED)
    assert "8 phiếu đồng ý (80,0% tổng số thành viên), 1 không đồng ý, 0 không hợp lệ" in done.data["comment"]
    assert "8 phiếu đồng ý" in failed.history.first().history_change_reason


def test_a_nomination_failing_the_vote_never_reaches_the_director(people, at_council, session):
    nomination = at_council[0]
    council.record_tally(council.add_nomination(session, nomination), votes_for=8, votes_against=1, invalid=0)
    council.close_session(session, by=people.reviewer)
    steps = set(nomination.process.task_set.values_list("flow_task", flat=True))
    assert not any(str(s).endswith("director_signoff") for s in steps)
    assert not nomination.process.task_set.filter(status__in=["NEW", "ASSIGNED"]).exists()


def test_tallies_cannot_exceed_members_present(at_council, session):
    ballot = council.add_nomination(session, at_council[0])
    with pytest.raises(council.CouncilError, match="vượt số thành viên có mặt"):
        council.record_tally(ballot, votes_for=8, votes_against=1, invalid=1)


def test_no_quorum_closes_nothing(people, at_council, session):
    session.members_present = 6  # 6 of 10 is under two thirds
    session.save()
    council.record_tally(
        council.add_nomination(session, at_council[0]), votes_for=6, votes_against=0, invalid=0
    )
    with pytest.raises(council.CouncilError, match="Không đủ số thành viên"):
        council.close_session(session, by=people.reviewer)
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert step_name(at_council[0]) == "council_vote"


def test_only_dossiers_waiting_for_the_council_can_be_added(people, submitted, session):
    with pytest.raises(council.CouncilError):
        council.add_nomination(session, submitted)


def test_session_form_refuses_more_present_than_members():
    form = CouncilSessionForm(
        {
            "title": "Phiên họp",
            "meeting_date": "20/12/2024",
            "place": "Sở Y tế",
            "locality": "Đồng Nai",
            "total_members": 9,
            "members_present": 10,
            "chair": "A",
            "secretary": "B",
        }
    )
    assert not form.is_valid()
    assert "members_present" in form.errors


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts), doc


def test_minutes_are_word_files_with_names_and_tallies(people, at_council, session):
    from documents import minutes_docx as minutes

    council.record_tally(
        council.add_nomination(session, at_council[0]), votes_for=9, votes_against=0, invalid=0
    )
    council.record_tally(
        council.add_nomination(session, at_council[1]), votes_for=7, votes_against=1, invalid=1
    )
    council.close_session(session, by=people.reviewer)

    text, doc = _text(minutes.meeting_minutes(session))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Đồng Nai, ngày 20 tháng 12 năm 2024" in text
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Nguyễn Thị Hồng Nhung" in text and "Trần Đức Thắng" in text
    assert "Số hồ sơ đạt: 1; không đạt: 1." in text
    # Legal bases of a meeting on 20/12/2024: NĐ 98/2023 was then in force.
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in text and "152/2025" not in text
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= doc.styles["Normal"].font.size.pt <= 14

    text, _doc = _text(minutes.count_minutes(session))
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert (
        "Trần Đức Thắng: Hội đồng TĐKT họp ngày 20/12/2024 (9/10 thành viên có mặt): 7 phiếu đồng ý (70,0% tổng số thành viên), 1 không đồng ý, 1 không hợp lệ"
        in text
    )


def test_office_pages_offer_no_hand_decision_for_the_council_step(people, at_council, login):
    client = login(people.reviewer)
    response = client.get("/tasks/queue/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/council/" in page
    assert f'value="{Decision.PASSED}"' not in page
    response = client.get(f"/tasks/{open_task(at_council[0]).pk}/")
    assert response.status_code == 200
    assert f'value="{Decision.PASSED}"' not in response.content.decode()


@pytest.mark.parametrize(
    ("code", "votes_for", "passes"),
    [
        ("csdt-toan-quoc", 9, True),  # 90 % of all 10 members
        ("csdt-toan-quoc", 8, False),
        ("co-thi-dua-chinh-phu", 8, True),  # 80 % of all members
        ("co-thi-dua-chinh-phu", 7, False),
    ],
)
def test_nd152_dieu_33_k5_national_thresholds_win_over_the_province(db, code, votes_for, passes):
    from tests.factories import AwardTypeFactory

    award = AwardTypeFactory(code=code)
    # A province that set a lenient half of those present does not lower the national share.
    CouncilPolicy.objects.create(
        award_type=award, threshold_numerator=1, threshold_denominator=2, base=VoteBase.PRESENT
    )
    policy = council.policy_for(award, MEETING.replace(year=2025, month=12))
    assert policy.source == council.NATIONAL_SOURCE
    assert council.vote_passes(votes_for, present=10, total=10, policy=policy) is passes
    # Before NĐ 152 took effect, the province's own policy applied.
    assert council.policy_for(award, MEETING).threshold_denominator == 2
