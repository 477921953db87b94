"""Two people acting on the same task at the same moment leave exactly one result (PostgreSQL);
so do twenty, each through the page in their own browser session."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent
from nominations.models import NominationStatus
from tests.factories import UserFactory, make_nomination
from tests.workflows.conftest import open_task, to_director, to_office
from workflows import services
from workflows.events import Event
from workflows.steps import Decision

RACERS = 20

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


def race_through_pages(users, path, data):
    """Each user posts ``data`` to ``path`` from their own signed-in client, on their own database
    connection, all released at the same instant; returns each answer's status and messages."""
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def run(index, client):
        try:
            barrier.wait()
            response = client.post(path, data)
            messages = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
            answers[index] = (response.status_code, messages)
        except Exception as exc:  # noqa: BLE001 - a server error is an outcome the test reports
            answers[index] = ("error", repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def message_levels(answers) -> list[str]:
    return sorted(level for _status, messages in answers for level, _text in messages)


def events_of(task, event: Event):
    return AuditEvent.objects.filter(event_type=event, detail__task=task.pk)


def test_twenty_reviewers_taking_one_task_leave_one_holder_and_a_message_for_the_rest(people, unit_a):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    to_office(nomination, people)
    task = open_task(nomination)
    reviewers = [UserFactory(username=f"vanphong{i}", roles=["office_reviewer"]) for i in range(RACERS)]

    answers = race_through_pages(reviewers, reverse("workflows:claim", args=[task.pk]), {})

    assert all(status == 302 for status, _messages in answers), answers
    assert message_levels(answers) == ["error"] * (RACERS - 1) + ["success"]
    refusals = [text for _status, messages in answers for level, text in messages if level == "error"]
    assert all(nomination.code in text for text in refusals)
    task.refresh_from_db()
    winner = next(
        user for user, (_s, messages) in zip(reviewers, answers, strict=True) if messages[0][0] == "success"
    )
    assert (task.status, task.owner) == (STATUS.ASSIGNED, winner)
    assert events_of(task, Event.CLAIMED).count() == 1


def test_twenty_signers_approving_one_dossier_approve_it_once(people, unit_a):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    to_director(nomination, people)
    task = open_task(nomination)
    assert task.flow_task.name == "director_signoff"
    signers = [UserFactory(username=f"phogiamdoc{i}", roles=["deputy_director"]) for i in range(RACERS)]

    answers = race_through_pages(
        signers, reverse("workflows:task", args=[task.pk]), {"decision": Decision.APPROVE, "comment": ""}
    )

    assert all(status == 302 for status, _messages in answers), answers
    assert message_levels(answers) == ["error"] * (RACERS - 1) + ["success"]
    nomination.refresh_from_db()
    task.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    assert task.status == STATUS.DONE
    # Nothing half-saved: one decision at the step, one completion and one approval in the trail.
    done = nomination.process.task_set.filter(flow_task=task.flow_task, status=STATUS.DONE)
    assert done.count() == 1
    assert events_of(task, Event.COMPLETED).count() == 1
    assert AuditEvent.objects.filter(event_type=Event.APPROVED, nomination=nomination).count() == 1
