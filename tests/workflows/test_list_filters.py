"""List filters (django-filter): valid values filter; a wrong value is an error on the page
and shows no rows, never the whole list as if it were filtered."""

import pytest

from tests.factories import make_nomination
from workflows import services


@pytest.fixture
def submitted(people, unit_a):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    return nomination


@pytest.mark.parametrize("query", ["status=bogus", "campaign=abc", "unit=abc", "award_type=999999"])
def test_an_invalid_dossier_filter_is_an_error_and_lists_nothing(people, submitted, login, query):
    response = login(people.reviewer).get(f"/dossiers/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters are not valid" in page or "Một số bộ lọc không hợp lệ" in page
    assert submitted.code not in page
    assert response.context["page"].paginator.count == 0


def test_a_valid_dossier_filter_still_filters(people, submitted, login):
    client = login(people.reviewer)
    assert submitted.code in client.get(f"/dossiers/?status={submitted.status}").content.decode()
    assert submitted.code not in client.get("/dossiers/?status=draft").content.decode()


@pytest.mark.parametrize("query", ["step=bogus", "due_before=31/02/2024", "campaign=abc"])
def test_an_invalid_task_filter_is_an_error_and_lists_nothing(people, submitted, login, query):
    response = login(people.head).get(f"/tasks/queue/?{query}")
    assert response.status_code == 200
    assert submitted.code not in response.content.decode()
    assert response.context["filters"].form.errors


def test_a_valid_task_filter_still_filters(people, submitted, login):
    client = login(people.head)
    assert submitted.code in client.get("/tasks/queue/?step=unit_signoff").content.decode()
    assert submitted.code not in client.get("/tasks/queue/?step=office_review").content.decode()
