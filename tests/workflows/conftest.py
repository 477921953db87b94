import pytest
from viewflow.workflow.status import STATUS

from tests.factories import AwardTypeFactory, UserFactory, make_nomination
from workflows import services
from workflows.steps import Decision


@pytest.fixture
def people(db, unit_a, officer_a, head_a):
    """Everyone who works on a dossier of unit A, by role."""

    class People:
        officer = officer_a
        head = head_a
        reviewer = UserFactory(
            username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"]
        )
        reviewer2 = UserFactory(username="vanphong2", full_name="Lê Văn Hậu", roles=["office_reviewer"])
        office_head = UserFactory(username="chanhvanphong", full_name="Phạm Quốc Bảo", roles=["office_head"])
        union = UserFactory(username="congdoan", full_name="Võ Văn Tâm", roles=["trade_union"])
        director = UserFactory(username="giamdoc", full_name="Trần Minh Khang", roles=["director"])
        deputy = UserFactory(username="phogiamdoc", full_name="Lê Thị Thanh Hà", roles=["deputy_director"])
        inspector = UserFactory(username="thanhtra", roles=["inspector"])

    return People


@pytest.fixture
def higher_award(db):
    return AwardTypeFactory(
        code="bang-khen-ubnd-ca-nhan", name="Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", authority="province"
    )


def open_task(nomination):
    """The human task the dossier waits at."""
    return (
        nomination.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(flow_task_type="FUNCTION")
        .get()
    )


def step_name(nomination) -> str:
    return open_task(nomination).flow_task.name


def act(nomination, user, decision, comment="", **extra):
    return services.complete_task(open_task(nomination), user, decision, comment, **extra)


@pytest.fixture
def submitted(people, unit_a):
    """A dossier of unit A waiting for its unit head."""
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    nomination.refresh_from_db()
    return nomination


def to_office(nomination, people):
    act(nomination, people.head, Decision.SUBMIT)


def to_director(nomination, people):
    to_office(nomination, people)
    act(nomination, people.reviewer, Decision.FORWARD)
    act(nomination, people.union, Decision.AGREE)
