"""Lists count at most 10,000 rows: below that a page behaves as Django's paginator, above
it the heading says "more than 10,000" and the pages up to there are offered, each row once."""

import pytest

from common import pagination
from common.pagination import BoundedPaginator
from nominations.models import Unit
from tests.factories import make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db):
    Unit.objects.bulk_create(
        [
            Unit(code=f"u{i:03d}", name=f"Đơn vị {i:03d}", short_name=f"ĐV {i}", kind="attached")
            for i in range(23)
        ]
    )
    return Unit.objects.filter(code__startswith="u").order_by("code")


def walk(paginator) -> list:
    """Every row the pages offer, from the first page to the last by "next"."""
    seen, page = [], paginator.get_page(1)
    while True:
        seen += [row.code for row in page.object_list]
        if not page.has_next():
            return seen
        page = paginator.get_page(page.next_page_number())


def test_below_the_limit_the_count_and_pages_are_exact(units):
    paginator = BoundedPaginator(units, 5, limit=100)
    assert paginator.count == 23
    assert not paginator.is_bounded
    assert paginator.num_pages == 5
    assert paginator.count_label == "23"
    assert walk(paginator) == [unit.code for unit in units]


def test_above_the_limit_the_count_stops_and_says_more_than(units, settings):
    settings.LANGUAGE_CODE = "en"
    paginator = BoundedPaginator(units, 4, limit=10)
    assert paginator.count == 11  # counted up to limit + 1, not 23
    assert paginator.is_bounded
    assert paginator.num_pages == 3
    assert paginator.count_label == "more than 10"
    assert paginator.pages_label == "more than 3"


def test_bounded_pages_show_each_row_once_in_order_both_ways(units):
    paginator = BoundedPaginator(units, 4, limit=10)
    forward = walk(paginator)
    assert forward == [unit.code for unit in units[:12]]
    assert len(set(forward)) == len(forward)
    backward, page = [], paginator.get_page(paginator.num_pages)
    while True:
        backward = [row.code for row in page.object_list] + backward
        if not page.has_previous():
            break
        page = paginator.get_page(page.previous_page_number())
    assert backward == forward


def test_a_page_beyond_the_bounded_ones_shows_the_last_offered(units):
    paginator = BoundedPaginator(units, 4, limit=10)
    assert paginator.get_page(99).number == 3


def test_the_count_is_one_query_that_reads_at_most_limit_plus_one_rows(units, django_assert_num_queries):
    paginator = BoundedPaginator(units, 4, limit=10)
    with django_assert_num_queries(1) as captured:
        assert paginator.count == 11
    assert "LIMIT 11" in captured.captured_queries[0]["sql"]


def test_the_dossier_list_heading_says_more_than_above_the_limit(login, monkeypatch, officer_a, unit_a):
    for _ in range(4):
        make_nomination(unit=unit_a, author=officer_a)
    client = login(officer_a)
    assert "(4)" in client.get("/dossiers/").content.decode()
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    page = client.get("/dossiers/").content.decode()
    assert "(hơn 3)" in page


def test_the_decisions_list_is_paginated(login, db):
    from tests.factories import UserFactory

    reviewer = UserFactory(username="vanphong", roles=["office_reviewer"])
    response = login(reviewer).get("/decisions/")
    assert response.status_code == 200
    assert response.context["page"].paginator.per_page == 50


def test_a_count_the_page_already_knows_is_not_run_again(units, django_assert_num_queries):
    expected = [unit.code for unit in units[5:10]]
    paginator = BoundedPaginator(units, 5, limit=10, known_count=23)
    with django_assert_num_queries(1):  # the page's rows only
        page = paginator.get_page(2)
        assert [unit.code for unit in page.object_list] == expected
    assert paginator.count == 11 and paginator.is_bounded
    assert BoundedPaginator(units, 5, limit=100, known_count=23).num_pages == 5
