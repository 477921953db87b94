"""Demo data that makes every eligibility rule and the council visible: annual ratings, award
history, initiatives, a collective dossier, dossiers for higher titles and a finished council
session. Idempotent: once the demo session exists, nothing is written again.

Discipline is not seeded: the discipline records are being added on another branch (see
``eligibility.facts.discipline_of``); until then the discipline rules answer "cannot tell"."""

import datetime

from django.contrib.auth import get_user_model

from council import services as council
from council.models import CouncilSession
from eligibility.models import CalendarDay, CalendarDayKind, Initiative, PerformanceRating
from eligibility.profile import seed_profile_example
from eligibility.scales import InitiativeLevel
from nominations.models import AwardRecord, AwardType, Nomination, NominationBasis, Staff, Unit
from workflows import award_decisions as decisions
from workflows import drafting, services
from workflows.steps import Decision

from .dossiers import _act, _to_office

CSTDCS_DECISION_NUMBER = "412/QĐ-SYT"
SESSION_TITLE = "Phiên họp Hội đồng TĐKT Sở xét danh hiệu Chiến sĩ thi đua cơ sở năm 2024"
RATING_CYCLE = ["htt", "htxs", "htt", "htt", "ht", "htt", "htxs", "htt"]
INITIATIVES = [
    "Ứng dụng bảng kiểm an toàn người bệnh trước phẫu thuật",
    "Quy trình sàng lọc sớm nhiễm khuẩn huyết tại khoa Cấp cứu",
    "Phần mềm nhắc lịch tiêm chủng cho trạm y tế",
    "Cải tiến quy trình cấp phát thuốc ngoại trú giảm thời gian chờ",
]


def _user(username):
    return get_user_model().objects.get(username=username)


def _staff(unit: Unit, number: int) -> Staff:
    return Staff.objects.get(staff_code=f"{unit.code.upper()}-{number:04d}")


def _award(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def _record(staff: Staff, code: str, year: int, number: str) -> None:
    AwardRecord.objects.get_or_create(
        staff=staff,
        unit=staff.unit,
        award_type=_award(code),
        year=year,
        defaults={"decision_number": number, "decision_date": datetime.date(year + 1, 1, 15)},
    )


def seed_ratings_and_history(unit: Unit) -> None:
    """Ratings 2021–2024 for the unit's staff; LĐTT 2024 for about two thirds of them; three
    years of Chiến sĩ thi đua cơ sở for staff 20–22."""
    for index, staff in enumerate(Staff.objects.filter(unit=unit).order_by("staff_code")):
        for year in range(2021, 2025):
            PerformanceRating.objects.get_or_create(
                staff=staff, year=year, defaults={"rating": RATING_CYCLE[(index + year) % len(RATING_CYCLE)]}
            )
        if index % 3 != 2:
            _record(staff, "ldtt", 2024, "15/QĐ-SYT")
    for number in (20, 21, 22):
        staff = _staff(unit, number)
        for year in (2022, 2023, 2024):
            PerformanceRating.objects.filter(staff=staff, year=year).update(rating="htxs")
            _record(staff, "ldtt", year, f"{year - 2000}/QĐ-SYT")
            _record(staff, "csdt-co-so", year, f"{year - 1990}/QĐ-SYT")


def _dossier(unit: Unit, *, award: str, staff=None, collective: str = "", summary: str) -> Nomination:
    return drafting.create_nomination(
        author=_user(f"{unit.code}.canbo"),
        unit=unit,
        year=2024,
        basis=NominationBasis.ANNUAL,
        campaign=None,
        nominee_kind="collective" if collective else "individual",
        staff=staff,
        collective_name=collective,
        award_type=_award(award),
        achievement_summary=summary,
    )


def _initiative(staff: Staff, title: str, level: str, nomination: Nomination) -> None:
    initiative, _created = Initiative.objects.get_or_create(
        staff=staff,
        title=title,
        defaults={
            "level": level,
            "year": 2024,
            "decision_number": "88/QĐ-HĐSK",
            "decision_date": datetime.date(2024, 11, 5),
        },
    )
    initiative.nominations.add(nomination)


def seed_council_session(unit: Unit) -> CouncilSession:
    """Three Chiến sĩ thi đua cơ sở dossiers through the office and the union to the council,
    then a session that passes two and fails one, closed through the service."""
    dossiers = []
    for number, title in zip((5, 6, 7), INITIATIVES, strict=False):
        staff = _staff(unit, number)
        PerformanceRating.objects.filter(staff=staff, year=2024).update(rating="htxs")
        _record(staff, "ldtt", 2024, "15/QĐ-SYT")
        nomination = _dossier(
            unit,
            award="csdt-co-so",
            staff=staff,
            summary="Hoàn thành xuất sắc nhiệm vụ năm 2024; có sáng kiến được Hội đồng sáng kiến cơ sở công nhận.",
        )
        _initiative(staff, title, InitiativeLevel.CO_SO, nomination)
        _to_office(nomination, unit.code)
        _act(nomination, "vanphong", Decision.FORWARD)
        _act(nomination, "congdoan", Decision.AGREE)
        nomination.refresh_from_db()
        dossiers.append(nomination)
    office = _user("vanphong")
    session = council.create_session(
        by=office,
        title=SESSION_TITLE,
        meeting_date=datetime.date(2025, 12, 15),
        place="Phòng họp số 1, Sở Y tế Đồng Nai",
        total_members=11,
        members_present=10,
        chair="Trần Minh Khang",
        secretary="Nguyễn Thị Ngọc Lan",
    )
    for nomination, votes_for in zip(dossiers, (10, 10, 8), strict=True):
        ballot = council.add_nomination(session, nomination)
        council.record_tally(ballot, votes_for=votes_for, votes_against=10 - votes_for, invalid=0)
    council.close_session(session, by=office)
    decide_council_results(dossiers)
    return session


def decide_council_results(dossiers) -> None:
    """The director approves what the council passed, and signs a decision dated after
    01/07/2025, so the decision page shows NĐ 152's cash awards and legal bases."""
    passed = []
    for nomination in dossiers:
        nomination.refresh_from_db()
        if nomination.status == "director_signoff":
            _act(nomination, "giamdoc", Decision.APPROVE)
            nomination.refresh_from_db()
            passed.append(nomination)
    decision = decisions.prepare_decision(
        by=_user("vanphong"),
        number=CSTDCS_DECISION_NUMBER,
        decision_date=datetime.date(2025, 12, 22),
        title="Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
        nominations=passed,
    )
    decisions.submit_decision(decision, by=_user("chanhvanphong"))
    decisions.issue_decision(decision, by=_user("giamdoc"))


def seed_eligibility_demo() -> None:
    if CouncilSession.objects.filter(title=SESSION_TITLE).exists():
        return
    seed_profile_example(activate=True)
    CalendarDay.objects.get_or_create(
        date=datetime.date(2025, 4, 26),
        defaults={"kind": CalendarDayKind.WORKING_DAY, "reason": "Làm bù cho ngày nghỉ 02/05/2025 (ví dụ)"},
    )
    unit = Unit.objects.get(code="bvtn")
    seed_ratings_and_history(unit)
    seed_council_session(unit)
    # A Chiến sĩ thi đua cấp tỉnh dossier (three CSTĐCS in a row, an initiative at provincial level).
    cstd = _dossier(
        unit,
        award="csdt-tinh",
        staff=_staff(unit, 20),
        summary="Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2022–2024); sáng kiến cấp tỉnh.",
    )
    _initiative(_staff(unit, 20), INITIATIVES[3], InitiativeLevel.BO_TINH, cstd)
    services.submit_for_signoff(cstd, _user("bvtn.canbo"))
    # A collective: the unit's staff counted for Tập thể lao động tiên tiến (draft).
    _dossier(
        unit,
        award="tt-ldtt",
        collective="Khoa Hồi sức tích cực - Chống độc (BVĐK Thống Nhất)",
        summary="Tập thể hoàn thành tốt nhiệm vụ năm 2024; trên 50% thành viên đạt Lao động tiên tiến.",
    )
