import datetime

import pytest

from documents.data import DecisionData, Nominee
from tests.factories import AwardTypeFactory, StaffFactory, UserFactory, make_nomination
from workflows.models import AwardDecision

COLLECTIVE_AWARD = "Giấy khen của Giám đốc Sở Y tế (tập thể)"
INDIVIDUAL_AWARD = "Giấy khen của Giám đốc Sở Y tế (cá nhân)"
GIVEN_NAMES = ["Nguyễn Thị Ánh Tuyết", "Trần Văn Đức", "Lê Hoàng Đạt", "Phạm Thị Hương", "Võ Minh Hiếu"]


def seed_case() -> DecisionData:
    """The seed case: one decision for 10 collectives and 55 individuals."""
    collectives = [
        Nominee(
            "collective", f"Khoa Hồi sức tích cực số {i}", "Bệnh viện Đa khoa Thống Nhất", COLLECTIVE_AWARD
        )
        for i in range(1, 11)
    ]
    individuals = [
        Nominee(
            "individual",
            f"{GIVEN_NAMES[i % 5]} {i}",
            "Trung tâm Kiểm soát bệnh tật Đồng Nai",
            INDIVIDUAL_AWARD,
            position="Điều dưỡng trưởng",
            gender="female" if i % 2 else "male",
        )
        for i in range(1, 56)
    ]
    return DecisionData(
        number="125/QĐ-SYT",
        date=datetime.date(2025, 2, 5),
        title="Tặng Giấy khen cho các tập thể, cá nhân trong phong trào thi đua năm 2024",
        signer_name="Trần Minh Khang",
        issued=True,
        collectives=collectives,
        individuals=individuals,
    )


@pytest.fixture
def case() -> DecisionData:
    return seed_case()


@pytest.fixture
def office(db):
    return UserFactory(username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"])


@pytest.fixture
def director(db):
    return UserFactory(username="giamdoc", full_name="Trần Minh Khang", roles=["director"])


@pytest.fixture
def collective_award(db):
    return AwardTypeFactory(code="giay-khen-tap-the", name=COLLECTIVE_AWARD, applies_to="collective")


@pytest.fixture
def issued_decision(unit_a, officer_a, office, director, collective_award):
    """A small issued decision (made directly: the workflow is tested elsewhere)."""
    nominations = [
        make_nomination(
            unit=unit_a, author=officer_a, staff=StaffFactory(unit=unit_a, full_name="Nguyễn Thị Ánh Tuyết")
        ),
        make_nomination(
            unit=unit_a,
            author=officer_a,
            nominee_kind="collective",
            staff=None,
            collective_name="Khoa Hồi sức tích cực",
            award_type=collective_award,
        ),
    ]
    decision = AwardDecision.objects.create(
        number="125/QĐ-SYT",
        decision_date=datetime.date(2025, 2, 5),
        title="Tặng Giấy khen năm 2024",
        prepared_by=office,
        signer=director,
        status="issued",
    )
    decision.nominations.set(nominations)
    return decision
