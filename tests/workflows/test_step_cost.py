"""What one step of the flow costs, and what it still guarantees: the statements it runs, by
source, stay within fixed bounds; its audit events, outbox rows and grants are written in
the step's own transaction, so a step that fails after writing them leaves none of them."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit import chain
from audit.models import AuditEvent, ChainHead
from common import batching
from eligibility.models import Judgement
from nominations.models import NominationStatus
from notifications.models import Notification
from permissions.grants import CHANGE, VIEW, unit_group
from tests.workflows.conftest import act, open_task, step_name, to_office
from workflows import events, services
from workflows.events import workflow_event
from workflows.flows import NominationFlow
from workflows.steps import Decision

pytestmark = pytest.mark.django_db

# The first table a statement reads or writes names its source.
SOURCES = {
    "audit_": "audit",
    "nominations_historical": "history",
    "notifications_": "outbox",
    "accounts_user": "outbox",  # the recipients (the actor's roles read auth_group first)
    "nominations_nominationgroupobjectpermission": "grants",
    "eligibility_judgement": "eligibility",
    "eligibility_ruleset": "eligibility",
    "eligibility_awardrule": "eligibility",
    "eligibility_regulationprofile": "due date",
    "eligibility_calendarday": "due date",
    "workflows_stepdeadline": "due date",
    "nominations_nomination": "dossier",
    "auth_group": "roles",
    "viewflow_": "viewflow",
    "workflows_nominationprocess": "viewflow",
}
TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


def by_source(captured) -> Counter:
    """Statements by source; savepoints are left out (inside a test's transaction every
    ``atomic`` block adds two that production, in its own transaction, does not run)."""
    counts = Counter()
    for query in captured:
        sql = query["sql"]
        if sql.startswith(SAVEPOINTS):
            continue
        table = TABLE.search(sql).group(1)
        counts[next((source for prefix, source in SOURCES.items() if table.startswith(prefix)), table)] += 1
    return counts


# Office review forwards to the union: the upper bound of each source's statements.
OFFICE_STEP_BOUNDS = {
    # the flow's lock, the task with its process and dossier, task assigned, the decision
    # on the process (last_decision), task done, the next task and its link to this one
    "viewflow": 7,
    "dossier": 1,  # the dossier's new status (its changed fields only)
    "roles": 1,  # the actor's roles, once
    # the step's three events (step completed, status changed, task created) in one chained
    # append at its end: the chain head taken (the transaction's first event), moved, and one
    # insert (head and insert are one statement on PostgreSQL)
    "audit": 3,
    "history": 1,  # the status's historical row (its diff is against the dossier as read)
    # the submission date, and the judgement kept (the rule set is kept in the process)
    "eligibility": 2,
    "due date": 1,  # the due date (the step limits and the calendar are kept in the process)
    "outbox": 2,  # the union's people with their settings, one insert skipping notices already written
}
SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def test_a_step_runs_a_fixed_number_of_statements_by_source(submitted, people):
    to_office(submitted, people)
    task = open_task(submitted)
    with CaptureQueriesContext(connection) as captured:
        services.complete_task(task, people.reviewer, Decision.FORWARD)
    counts = by_source(captured)
    over = {source: n for source, n in counts.items() if n > OFFICE_STEP_BOUNDS.get(source, 0)}
    assert over == {}, f"{dict(counts)}\n" + "\n".join(q["sql"][:120] for q in captured)
    assert sum(counts.values()) <= sum(OFFICE_STEP_BOUNDS.values())


def test_a_step_reads_its_dossier_once_whatever_its_listeners_need(submitted, people):
    """The unit (audit, grants), the nominee (search key) and the award (routes, notices)
    come with the task: no listener loads them again."""
    to_office(submitted, people)
    task = open_task(submitted)
    with CaptureQueriesContext(connection) as captured:
        services.complete_task(task, people.reviewer, Decision.FORWARD)
    lookups = [
        q["sql"]
        for q in captured
        if re.match(r'SELECT .* FROM "nominations_(unit|staff|awardtype|nomination)"', q["sql"])
    ]
    assert lookups == []


def test_workflow_events_in_the_trail_carry_no_signal_object(submitted, people):
    act(submitted, people.head, Decision.SUBMIT)
    workflow_events = AuditEvent.objects.filter(nomination=submitted, event_type__in=events.Event.values)
    assert workflow_events.count() >= 3
    for event in workflow_events:
        assert "signal" not in event.detail
        assert "Signal object" not in str(event.detail)
    assert chain.verify().intact


def _written(nomination):
    return {
        "audit": AuditEvent.objects.count(),
        "outbox": Notification.objects.count(),
        "judgements": Judgement.objects.count(),
        "tasks": Task.objects.count(),
        "history": nomination.history.count(),
        "heads": list(ChainHead.objects.order_by("id").values_list("id", "last_sequence", "last_hash")),
    }


def _left_as_it_was(nomination, before):
    assert _written(nomination) == before
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.OFFICE_REVIEW
    assert open_task(nomination).status == STATUS.NEW
    assert chain.verify().intact


def test_a_step_that_fails_after_its_writes_leaves_none_of_them(submitted, people):
    """A listener that fails after the outbox and the history have written, and the audit
    trail has kept its events for the step's end (it is connected last, so it hears the new
    task last), takes the whole step back."""
    to_office(submitted, people)
    task = open_task(submitted)
    before = _written(submitted)
    written = {}

    def fail_after_the_others(sender, **kwargs):
        if sender == events.Event.TASK_CREATED:
            written.update(_written(submitted), kept=len(connection._audit_kept or []))
            raise RuntimeError("the disk is full")

    workflow_event.connect(fail_after_the_others, dispatch_uid="test-fail-after-writes")
    try:
        with pytest.raises(RuntimeError):
            services.complete_task(task, people.reviewer, Decision.FORWARD)
    finally:
        workflow_event.disconnect(dispatch_uid="test-fail-after-writes")

    assert written["outbox"] > before["outbox"] and written["history"] > before["history"]
    assert written["kept"] == 3  # step completed, status changed, task created
    assert connection._audit_kept is None  # forgotten with the step, not left for the next one
    _left_as_it_was(submitted, before)


def test_a_step_that_fails_once_its_audit_events_are_written_leaves_none_of_them(
    submitted, people, monkeypatch
):
    """The step's events are written at its end, before its commit: a failure right after
    them (the last thing in the step's transaction) takes them back with everything else."""
    to_office(submitted, people)
    task = open_task(submitted)
    before = _written(submitted)
    written = {}
    flush = chain.flush_kept

    def flush_then_fail():
        flush()
        written.update(_written(submitted))
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(chain, "flush_kept", flush_then_fail)
    monkeypatch.setattr(batching, "_listeners", [(chain.flush_kept, chain.discard_kept)])
    with pytest.raises(RuntimeError):
        services.complete_task(task, people.reviewer, Decision.FORWARD)

    assert written["audit"] == before["audit"] + 3
    assert all(written[key] > before[key] for key in ("outbox", "judgements", "tasks", "history"))
    _left_as_it_was(submitted, before)


def unit_rights(nomination) -> set:
    from guardian.core import ObjectPermissionChecker

    codenames = ObjectPermissionChecker(unit_group(nomination.unit)).get_group_perms(nomination)
    return {f"nominations.{codename}" for codename in codenames}


def test_the_unit_holds_edit_rights_exactly_while_the_dossier_is_in_its_hands(submitted, people):
    assert unit_rights(submitted) == {VIEW}
    act(submitted, people.head, Decision.RETURN, "Bổ sung minh chứng")
    assert step_name(submitted) == "revise" and unit_rights(submitted) == {VIEW, CHANGE}
    act(submitted, people.officer, Decision.RESUBMIT)
    assert unit_rights(submitted) == {VIEW}
    act(submitted, people.head, Decision.SUBMIT)
    act(submitted, people.reviewer, Decision.FORWARD)
    act(submitted, people.union, Decision.AGREE)
    act(submitted, people.director, Decision.RETURN, "Xem lại thành tích")
    assert step_name(submitted) == "office_review" and unit_rights(submitted) == {VIEW}
    act(submitted, people.reviewer, Decision.REJECT, "Không đủ điều kiện")
    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.REJECTED and unit_rights(submitted) == {VIEW}


def test_a_dossier_that_went_through_the_old_gateways_still_shows_and_moves_on(submitted, people, login):
    """Dossiers started before the steps routed themselves hold done tasks of the gateway
    nodes that followed each step (``after_unit_signoff``…); viewflow reads them as obsolete
    nodes, and their pages, their chart and their next steps work as before."""
    first = open_task(submitted)
    gateway = Task.objects.create(
        process=first.process,
        flow_task=NominationFlow.instance.node("after_unit_signoff"),
        flow_task_type="EXCLUSIVE_GATEWAY",
        status=STATUS.DONE,
    )
    assert Task.objects.get(pk=gateway.pk).flow_task.name == "after_unit_signoff"
    client = login(people.officer)
    assert client.get(f"/dossiers/{submitted.code}/").status_code == 200
    assert client.get(f"/dossiers/{submitted.code}/chart.svg").status_code == 200
    act(submitted, people.head, Decision.SUBMIT)
    assert step_name(submitted) == "office_review"


def test_a_steps_status_change_is_diffed_against_the_dossier_as_read_with_the_same_result(submitted, people):
    """The trail's diff of the status change comes from the values read under the lock; it is
    the one the previous historical record would give."""
    from audit.history import field_changes
    from audit.models import EventType

    to_office(submitted, people)
    act(submitted, people.reviewer, Decision.FORWARD)
    event = (
        AuditEvent.objects.filter(nomination=submitted, event_type=EventType.CHANGED)
        .order_by("sequence")
        .last()
    )
    history = submitted.history.get(history_id=event.detail["history_id"])
    assert event.changes == chain.jsonable(field_changes(history))
    assert event.changes == [{"field": "status", "old": "office_review", "new": "union_consultation"}]


def test_a_step_writes_the_dossiers_changed_fields_and_its_history_row_is_the_dossier_as_saved(
    submitted, people
):
    to_office(submitted, people)
    task = open_task(submitted)
    with CaptureQueriesContext(connection) as captured:
        services.complete_task(task, people.reviewer, Decision.FORWARD)
    (update,) = [q["sql"] for q in captured if q["sql"].startswith('UPDATE "nominations_nomination"')]
    assert re.findall(r'"(\w+)" = ', update.split(" WHERE ")[0]) == ["status", "updated_at", "search_key"]
    saved = type(submitted).objects.get(pk=submitted.pk)
    row = submitted.history.latest("history_id")
    fields = [f.attname for f in row.tracked_fields]
    assert {f: getattr(row, f) for f in fields} == {f: getattr(saved, f) for f in fields}
    assert saved.status == NominationStatus.UNION_CONSULTATION


def test_inside_a_callers_transaction_a_step_opens_one_savepoint_its_listeners_none(submitted, people):
    """The flow's lock is an ``atomic`` block (a savepoint inside a caller's transaction, such
    as a batch action's); the outbox's insert and the audit trail's append add none."""
    to_office(submitted, people)
    task = open_task(submitted)
    with CaptureQueriesContext(connection) as captured:
        services.complete_task(task, people.reviewer, Decision.FORWARD)
    assert sum(q["sql"].startswith("SAVEPOINT") for q in captured) == 1
