"""Two people acting on the same task at the same moment leave exactly one result (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from tests.factories import make_nomination
from tests.workflows.conftest import open_task
from workflows import services
from workflows.steps import Decision

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
    ),
]


def race(*actions):
    """Run the actions in threads released at the same instant; return each outcome."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = ("ok", action())
        except services.WorkflowError as exc:
            outcomes[index] = (type(exc).__name__, exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_unit_heads_signing_at_once_leave_one_result(people, unit_a):
    from tests.factories import UserFactory

    second_head = UserFactory(username="bva.photruong", unit=unit_a, roles=["unit_head"])
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    task = open_task(nomination)

    outcomes = race(
        lambda: services.complete_task(task, people.head, Decision.SUBMIT),
        lambda: services.complete_task(task, second_head, Decision.RETURN, "Trả lại"),
    )

    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["AlreadyHandled", "ok"]
    nomination.refresh_from_db()
    assert nomination.status in ("office_review", "returned")
    assert nomination.process.task_set.filter(flow_task_type="HUMAN", status="DONE").count() == 1
    assert (
        nomination.process.task_set.filter(status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN").count()
        == 1
    )


def test_two_reviewers_claiming_at_once_leave_one_owner(people, unit_a):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    services.complete_task(open_task(nomination), people.head, Decision.SUBMIT)
    task = open_task(nomination)

    outcomes = race(
        lambda: services.claim_task(task, people.reviewer),
        lambda: services.claim_task(task, people.reviewer2),
    )

    assert sorted(kind for kind, _ in outcomes) == ["AlreadyHandled", "ok"]
    task.refresh_from_db()
    assert task.owner in (people.reviewer, people.reviewer2)
