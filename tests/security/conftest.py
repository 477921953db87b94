"""A small Department for hostile-input tests: two units, every role, dossiers of unit B at
several steps, and a way to check that a request changed nothing in the database."""

from dataclasses import dataclass

import pytest
from django.apps import apps
from viewflow.workflow.status import STATUS

from tests.factories import DEFAULT_PASSWORD, UserFactory, make_nomination
from workflows import services
from workflows.steps import Decision

# Tables a hostile request must leave as they were. The audit trail, sessions and sign-in
# attempts are left out: a refused request may rightly be recorded there.
WATCHED_APPS = {
    "nominations",
    "workflows",
    "campaigns",
    "council",
    "eligibility",
    "notifications",
    "accounts",
    "viewflow",
}


def snapshot() -> dict:
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in WATCHED_APPS and not model._meta.proxy:
            state[model._meta.label] = model.objects.count()
    from nominations.models import Nomination

    state["dossiers"] = sorted(
        Nomination.objects.values_list(
            "code", "status", "achievement_summary", "collective_name", "updated_at"
        )
    )
    return state


@pytest.fixture
def unchanged(db):
    """``with unchanged(): …`` fails if the block changed any watched table."""

    class Guard:
        def __enter__(self):
            self.before = snapshot()

        def __exit__(self, *exc):
            if exc[0] is None:
                assert snapshot() == self.before, "the database changed"

    return Guard


@dataclass
class World:
    officer_a: object
    head_a: object
    officer_b: object
    head_b: object
    reviewer: object
    office_head: object
    union: object
    director: object
    inspector: object
    draft_b: object  # a draft of unit B
    signoff_b: object  # a dossier of unit B waiting for its unit head
    office_b: object  # a dossier of unit B at the office, taken by the reviewer


@pytest.fixture
def world(db, unit_a, unit_b, officer_a, head_a, officer_b):
    head_b = UserFactory(username="bvb.truong", unit=unit_b, roles=["unit_head"])
    reviewer = UserFactory(username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"])
    draft_b = make_nomination(unit=unit_b, author=officer_b)
    signoff_b = make_nomination(unit=unit_b, author=officer_b)
    services.submit_for_signoff(signoff_b, officer_b)
    office_b = make_nomination(unit=unit_b, author=officer_b)
    services.submit_for_signoff(office_b, officer_b)
    services.complete_task(open_task(office_b), head_b, Decision.SUBMIT)
    services.claim_task(open_task(office_b), reviewer)
    return World(
        officer_a=officer_a,
        head_a=head_a,
        officer_b=officer_b,
        head_b=head_b,
        reviewer=reviewer,
        office_head=UserFactory(username="chanhvanphong", roles=["office_head"]),
        union=UserFactory(username="congdoan", roles=["trade_union"]),
        director=UserFactory(username="giamdoc", roles=["director"]),
        inspector=UserFactory(username="thanhtra", roles=["inspector"]),
        draft_b=draft_b,
        signoff_b=signoff_b,
        office_b=office_b,
    )


def open_task(nomination):
    return (
        nomination.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(flow_task_type="FUNCTION")
        .get()
    )


@pytest.fixture
def as_user(client):
    """Sign in through the real form (so throttling and audit see it) and return the client."""

    def _as(user):
        client.logout()
        response = client.post("/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302
        return client

    return _as
