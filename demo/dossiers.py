"""Demo dossiers at every step of the flow, driven through the same services as the pages.

Only dossiers created by this run are driven, so a second run writes nothing.
"""

import datetime
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from viewflow.workflow.status import STATUS

from nominations.models import AwardType, Campaign, Nomination, NominationBasis, Staff, Unit
from workflows import award_decisions as decisions
from workflows import drafting, services
from workflows.models import AwardDecision, StepDeadline
from workflows.steps import Decision

from . import data

# Where each demo dossier should stand; the list is walked round-robin over the units.
STAGES = [
    "draft",
    "unit_signoff",
    "unit_signoff",
    "returned_by_head",
    "office_queue",
    "office_queue",
    "office_claimed",
    "returned_by_office",
    "union",
    "director",
    "director",
    "rejected_by_office",
    "rejected_by_director",
    "approved",
    "decided",
    "decided",
    "forwarded",
    "awarded",
]
COMMENTS = {
    "return_head": "Đề nghị bổ sung bản sao Quyết định công nhận sáng kiến.",
    "return_office": "Hồ sơ thiếu báo cáo thành tích có xác nhận của thủ trưởng đơn vị; đề nghị bổ sung.",
    "reject_office": "Thành tích chưa đủ tiêu chuẩn theo quy định hiện hành.",
    "reject_director": "Đã được khen thưởng cho cùng thành tích trong năm 2024.",
}
DEMO_DECISION_NUMBER = "125/QĐ-SYT"


def _user(username):
    return get_user_model().objects.get(username=username)


def _open_task(nomination):
    return (
        nomination.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(flow_task_type="FUNCTION")
        .get()
    )


def _act(nomination, username, decision, comment="", **extra):
    services.complete_task(_open_task(nomination), _user(username), decision, comment, **extra)


def _to_office(nomination, unit_code, act=_act):
    services.submit_for_signoff(nomination, _user(f"{unit_code}.canbo"))
    act(nomination, f"{unit_code}.truong", Decision.SUBMIT)


def _to_director(nomination, unit_code, act=_act):
    _to_office(nomination, unit_code, act)
    act(nomination, "vanphong", Decision.FORWARD)
    act(nomination, "congdoan", Decision.AGREE)


def drive(nomination: Nomination, stage: str, act=_act) -> None:
    """Drive a new dossier to ``stage`` through the services; ``act`` completes each step
    (``demo.province`` passes one that adds the office's justification where a rule fails)."""
    unit_code = nomination.unit.code
    if stage == "draft":
        return
    if stage == "unit_signoff":
        services.submit_for_signoff(nomination, _user(f"{unit_code}.canbo"))
    elif stage == "returned_by_head":
        services.submit_for_signoff(nomination, _user(f"{unit_code}.canbo"))
        act(nomination, f"{unit_code}.truong", Decision.RETURN, COMMENTS["return_head"])
    elif stage == "office_queue":
        _to_office(nomination, unit_code, act)
    elif stage == "office_claimed":
        _to_office(nomination, unit_code, act)
        services.claim_task(_open_task(nomination), _user("vanphong"))
    elif stage == "returned_by_office":
        _to_office(nomination, unit_code, act)
        act(nomination, "vanphong", Decision.RETURN, COMMENTS["return_office"])
    elif stage == "rejected_by_office":
        _to_office(nomination, unit_code, act)
        act(nomination, "vanphong", Decision.REJECT, COMMENTS["reject_office"])
    elif stage == "union":
        _to_office(nomination, unit_code, act)
        act(nomination, "vanphong", Decision.FORWARD)
    elif stage == "director":
        _to_director(nomination, unit_code, act)
    elif stage == "rejected_by_director":
        _to_director(nomination, unit_code, act)
        act(nomination, "giamdoc", Decision.REJECT, COMMENTS["reject_director"])
    elif stage in ("approved", "decided", "forwarded", "awarded", "not_awarded"):
        _to_director(nomination, unit_code, act)
        act(nomination, "giamdoc", Decision.APPROVE)
        if stage == "awarded":
            act(
                nomination,
                "vanphong",
                Decision.AWARDED,
                decision_number="1234/QĐ-UBND",
                decision_date=datetime.date(2025, 2, 20),
            )
        elif stage == "not_awarded":
            act(nomination, "vanphong", Decision.NOT_AWARDED)
    else:
        raise ValueError(f"unknown demo stage {stage}")


def _award_for(stage: str, kind: str) -> AwardType:
    higher = stage in ("forwarded", "awarded")
    if kind == "collective":
        return AwardType.objects.get(code="bang-khen-ubnd-tap-the" if higher else "giay-khen-tap-the")
    return AwardType.objects.get(code="bang-khen-ubnd-ca-nhan" if higher else "giay-khen-ca-nhan")


def seed_workflow_demo() -> None:
    campaign = Campaign.objects.get(name=data.CAMPAIGN["name"])
    units = [Unit.objects.get(code=code) for code, *_rest in data.UNITS]
    decided = []
    for index, stage in enumerate(STAGES * 2):
        unit = units[index % len(units)]
        kind = "collective" if index % 5 == 4 else "individual"
        award = _award_for(stage, kind)
        staff = None
        collective = ""
        if kind == "individual":
            # Skip the first staff member: the plain drafts of nominations.demo use them.
            staff = Staff.objects.filter(unit=unit).order_by("staff_code")[1 + index // len(units)]
        else:
            collective = f"{data.COLLECTIVES[(index // 5) % len(data.COLLECTIVES)]} ({unit.short_name})"
        exists = Nomination.objects.filter(
            unit=unit, staff=staff, collective_name=collective, award_type=award, year=2024
        ).exists()
        if exists:
            continue
        nomination = drafting.create_nomination(
            author=_user(f"{unit.code}.canbo"),
            unit=unit,
            year=2024,
            basis=NominationBasis.CAMPAIGN,
            campaign=campaign,
            nominee_kind=kind,
            staff=staff,
            collective_name=collective,
            award_type=award,
            achievement_summary=data.ACHIEVEMENTS[index % len(data.ACHIEVEMENTS)],
        )
        drive(nomination, stage)
        if stage == "decided":
            decided.append(nomination)
        if stage in ("unit_signoff", "office_queue") and index < len(STAGES):
            # A few overdue steps, so the demo shows what late work looks like.
            StepDeadline.objects.filter(task=_open_task(nomination)).update(
                due_at=timezone.now() - timedelta(days=2)
            )
    if decided and not AwardDecision.objects.filter(number=DEMO_DECISION_NUMBER).exists():
        decision = decisions.prepare_decision(
            by=_user("vanphong"),
            number=DEMO_DECISION_NUMBER,
            decision_date=datetime.date(2025, 2, 25),
            title="Về việc tặng Giấy khen của Giám đốc Sở Y tế cho các tập thể, cá nhân có thành tích "
            "xuất sắc trong phong trào thi đua “Đổi mới, sáng tạo, tận tâm, trách nhiệm thực hiện nhiệm vụ”",
            nominations=decided,
        )
        decisions.submit_decision(decision, by=_user("chanhvanphong"))
        decisions.issue_decision(decision, by=_user("giamdoc"))
