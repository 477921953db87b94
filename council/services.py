"""The emulation council's secret ballot (Hội đồng Thi đua - Khen thưởng Sở): sessions,
tallies, and the result that moves each dossier on from the ``council_vote`` step."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.status import STATUS

from nominations.models import Nomination, NominationStatus
from workflows.selectors import HUMAN_NODES
from workflows.services import WorkflowError, complete_task
from workflows.steps import Decision

from .models import CouncilBallot, CouncilPolicy, CouncilSession, SessionStatus, VoteBase

# Used when an award type has no policy of its own; see CouncilPolicy on where 9/10 comes from.
DEFAULT_POLICY = CouncilPolicy(
    threshold_numerator=9,
    threshold_denominator=10,
    base=VoteBase.ALL_MEMBERS,
    quorum_numerator=2,
    quorum_denominator=3,
)

# NĐ 152/2025 Điều 33 khoản 5: national shares of ALL members, whatever the province sets.
NATIONAL_SOURCE = "NĐ 152/2025/NĐ-CP Điều 33 khoản 5"
NATIONAL_FROM = datetime.date(2025, 7, 1)
NATIONAL_THRESHOLDS = {
    "csdt-toan-quoc": (9, 10),  # Chiến sĩ thi đua toàn quốc: ≥ 90 % of all members
    "anh-hung": (9, 10),  # Anh hùng (if the catalogue has it)
    "co-thi-dua-chinh-phu": (8, 10),  # Cờ thi đua của Chính phủ: ≥ 80 % of all members
}


class CouncilError(WorkflowError):
    pass


def share_reached(count: int, of: int, numerator: int, denominator: int) -> bool:
    """``count`` is at least ``numerator/denominator`` of ``of``, in exact integer arithmetic."""
    return of > 0 and count * denominator >= numerator * of


def vote_passes(votes_for: int, *, present: int, total: int, policy: CouncilPolicy) -> bool:
    """Whether a nominee passes: votes for at least the policy's share of all members (or of
    those present). Exactly at the threshold passes; one vote under fails."""
    base = total if policy.base == VoteBase.ALL_MEMBERS else present
    return share_reached(votes_for, base, policy.threshold_numerator, policy.threshold_denominator)


def quorum_met(present: int, total: int, policy: CouncilPolicy) -> bool:
    return share_reached(present, total, policy.quorum_numerator, policy.quorum_denominator)


def policy_for(award_type, on: datetime.date | None = None) -> CouncilPolicy:
    """How the vote on ``award_type`` is counted at a meeting held ``on``: the province's
    policy, except where NĐ 152/2025 sets a national share (from 01/07/2025), which wins."""
    try:
        policy = award_type.council_policy
    except CouncilPolicy.DoesNotExist:
        policy = DEFAULT_POLICY
    national = NATIONAL_THRESHOLDS.get(award_type.code)
    if national and (on is None or on >= NATIONAL_FROM):
        # Not tied to award_type: that would overwrite its cached council_policy.
        return CouncilPolicy(
            threshold_numerator=national[0],
            threshold_denominator=national[1],
            base=VoteBase.ALL_MEMBERS,
            quorum_numerator=policy.quorum_numerator,
            quorum_denominator=policy.quorum_denominator,
            source=NATIONAL_SOURCE,
        )
    return policy


def council_task(nomination):
    """The dossier's open ``council_vote`` task, or None."""
    process = getattr(nomination, "process", None)
    if process is None:
        return None
    return process.task_set.filter(
        flow_task=HUMAN_NODES["council_vote"], status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).first()


def waiting_nominations():
    return (
        Nomination.objects.filter(status=NominationStatus.COUNCIL_VOTE)
        .exclude(council_ballots__session__status=SessionStatus.OPEN)
        .select_related("unit", "award_type", "staff")
        .order_by("award_type__sort_order", "code")
    )


def create_session(*, by, **fields) -> CouncilSession:
    if fields.get("members_present", 0) > fields.get("total_members", 0):
        raise CouncilError("Số thành viên có mặt không thể lớn hơn tổng số thành viên Hội đồng.")
    return CouncilSession.objects.create(created_by=by, **fields)


def add_nomination(session: CouncilSession, nomination) -> CouncilBallot:
    if session.status != SessionStatus.OPEN:
        raise CouncilError("Phiên họp đã kết thúc.")
    if nomination.status != NominationStatus.COUNCIL_VOTE:
        raise CouncilError(f"Hồ sơ {nomination.code} không chờ Hội đồng bỏ phiếu.", nomination)
    ballot, _created = CouncilBallot.objects.get_or_create(session=session, nomination=nomination)
    return ballot


def record_tally(ballot: CouncilBallot, *, votes_for: int, votes_against: int, invalid: int) -> CouncilBallot:
    if ballot.session.status != SessionStatus.OPEN:
        raise CouncilError("Phiên họp đã kết thúc.")
    if min(votes_for, votes_against, invalid) < 0:
        raise CouncilError("Số phiếu không thể âm.")
    if votes_for + votes_against + invalid > ballot.session.members_present:
        raise CouncilError(
            f"Hồ sơ {ballot.nomination.code}: tổng số phiếu ({votes_for + votes_against + invalid}) "
            f"vượt số thành viên có mặt ({ballot.session.members_present}).",
            ballot.nomination,
        )
    ballot.votes_for, ballot.votes_against, ballot.invalid = votes_for, votes_against, invalid
    ballot.save(update_fields=["votes_for", "votes_against", "invalid"])
    return ballot


@dataclass(frozen=True)
class BallotResult:
    ballot: CouncilBallot
    passed: bool
    comment: str


def tally_comment(ballot: CouncilBallot, session: CouncilSession, passed: bool, policy: CouncilPolicy) -> str:
    base = "tổng số thành viên" if policy.base == VoteBase.ALL_MEMBERS else "số thành viên có mặt"
    verdict = "đạt" if passed else "không đạt"
    # The share of all members goes into the minutes (NĐ 152 Điều 33 khoản 5); one decimal, rounded down.
    permille = ballot.votes_for * 1000 // session.total_members if session.total_members else 0
    share = f"{permille // 10},{permille % 10}"
    national = f" ({NATIONAL_SOURCE})" if policy.source == NATIONAL_SOURCE else ""
    return (
        f"Hội đồng TĐKT họp ngày {session.meeting_date:%d/%m/%Y} ({session.members_present}/"
        f"{session.total_members} thành viên có mặt): {ballot.votes_for} phiếu đồng ý "
        f"({share}% tổng số thành viên), "
        f"{ballot.votes_against} không đồng ý, {ballot.invalid} không hợp lệ; yêu cầu "
        f"{policy.threshold_numerator}/{policy.threshold_denominator} {base}{national}: {verdict}."
    )


def results(session: CouncilSession) -> list[BallotResult]:
    out = []
    for ballot in session.ballots.select_related(
        "nomination__award_type__council_policy", "nomination__staff"
    ):
        policy = policy_for(ballot.nomination.award_type, session.meeting_date)
        passed = vote_passes(
            ballot.votes_for, present=session.members_present, total=session.total_members, policy=policy
        )
        out.append(BallotResult(ballot, passed, tally_comment(ballot, session, passed, policy)))
    return out


def close_session(session: CouncilSession, *, by) -> list[BallotResult]:
    """Check the tallies, compute each result and move each dossier on: passed → director
    signoff, failed → rejected with the council's result as the reason. All or nothing."""
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.OPEN:
            raise CouncilError("Phiên họp đã kết thúc.")
        outcome = results(session)
        if not outcome:
            raise CouncilError("Phiên họp chưa có hồ sơ nào.")
        for result in outcome:
            ballot = result.ballot
            policy = policy_for(ballot.nomination.award_type, session.meeting_date)
            if not quorum_met(session.members_present, session.total_members, policy):
                raise CouncilError(
                    f"Không đủ số thành viên dự họp ({session.members_present}/{session.total_members}; "
                    f"cần {policy.quorum_numerator}/{policy.quorum_denominator}).",
                )
            if ballot.votes_for + ballot.votes_against + ballot.invalid > session.members_present:
                raise CouncilError(
                    f"Hồ sơ {ballot.nomination.code}: tổng số phiếu vượt số thành viên có mặt."
                )
            task = council_task(ballot.nomination)
            if task is None:
                raise CouncilError(f"Hồ sơ {ballot.nomination.code} không còn chờ Hội đồng bỏ phiếu.")
            complete_task(
                task,
                by,
                Decision.PASSED if result.passed else Decision.FAILED,
                result.comment,
                automatic=True,
                council_session=session.pk,
            )
            ballot.passed = result.passed
            ballot.save(update_fields=["passed"])
        session.status = SessionStatus.CLOSED
        session.closed_at = timezone.now()
        session.save(update_fields=["status", "closed_at"])
    return outcome
