"""The inbox, the queue and a dossier's page run a fixed number of queries, whatever the
number of dossiers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StaffFactory, make_nomination
from tests.workflows.conftest import open_task
from workflows import services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


def add_dossiers_at_office(people, unit, count, claim_every=2):
    """``count`` dossiers waiting at office review; every other one claimed by the reviewer."""
    for index in range(count):
        nomination = make_nomination(unit=unit, author=people.officer, staff=StaffFactory(unit=unit))
        services.submit_for_signoff(nomination, people.officer)
        services.complete_task(open_task(nomination), people.head, Decision.SUBMIT)
        if index % claim_every == 0:
            services.claim_task(open_task(nomination), people.reviewer)


def queries(client, url) -> int:
    client.get(url)  # warm the process-wide caches (content types), as a running server has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


PAGES = ["/tasks/", "/tasks/queue/", "/dossiers/", "/"]


def test_lists_and_dossier_page_do_not_grow_with_the_number_of_dossiers(login, people, unit_a):
    add_dossiers_at_office(people, unit_a, 10)
    reviewer = login(people.reviewer)
    sample = open_task(unit_a.nominations.first()).process.nominationprocess.nomination
    small = {url: queries(reviewer, url) for url in [*PAGES, f"/dossiers/{sample.code}/"]}
    small["dispatch"] = queries(login(people.office_head), "/tasks/dispatch/")

    add_dossiers_at_office(people, unit_a, 190)
    reviewer = login(people.reviewer)
    large = {url: queries(reviewer, url) for url in [*PAGES, f"/dossiers/{sample.code}/"]}
    large["dispatch"] = queries(login(people.office_head), "/tasks/dispatch/")

    assert large == small
    assert max(small.values()) <= 25


def test_task_page_query_count_is_fixed(login, people, unit_a):
    add_dossiers_at_office(people, unit_a, 10, claim_every=1)
    reviewer = login(people.reviewer)
    first = open_task(unit_a.nominations.order_by("id").first())
    small = queries(reviewer, f"/tasks/{first.pk}/")
    add_dossiers_at_office(people, unit_a, 190, claim_every=1)
    reviewer = login(people.reviewer)
    assert queries(reviewer, f"/tasks/{first.pk}/") == small
