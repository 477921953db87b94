"""The workflow announces each thing that happens, inside the transaction that does it."""

import pytest

from tests.workflows.conftest import act, open_task, to_director
from workflows import events, services
from workflows.events import workflow_event
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    received = []

    def receiver(sender, **kwargs):
        received.append((sender, kwargs))

    workflow_event.connect(receiver, dispatch_uid="test-heard")
    yield received
    workflow_event.disconnect(dispatch_uid="test-heard")


def test_a_return_loop_is_announced_step_by_step(submitted, people, heard):
    act(submitted, people.head, Decision.RETURN, "Bổ sung")
    act(submitted, people.officer, Decision.RESUBMIT)
    names = [name for name, _ in heard]
    assert names == [
        events.Event.COMPLETED,
        events.Event.TASK_CREATED,
        events.Event.COMPLETED,
        events.Event.TASK_CREATED,
    ]
    completed = heard[0][1]
    assert (completed["actor"], completed["decision"], completed["comment"]) == (
        people.head,
        "return",
        "Bổ sung",
    )
    assert heard[1][1]["step"] == "revise"


def test_claim_reassign_and_outcomes_are_announced(submitted, people, heard):
    to_director(submitted, people)
    services.reassign_task(open_task(submitted), people.director, people.deputy)
    act(submitted, people.deputy, Decision.APPROVE)
    names = [name for name, _ in heard]
    assert events.Event.REASSIGNED in names
    assert names[-1] == events.Event.APPROVED
    reassigned = dict(heard)[events.Event.REASSIGNED]
    assert (reassigned["previous_owner"], reassigned["new_owner"]) == (None, people.deputy)


def test_a_refused_action_announces_nothing_that_sticks(submitted, people, heard):
    with pytest.raises(services.WorkflowError):
        act(submitted, people.head, Decision.RETURN, "")
    assert heard == []
