"""Each status counter of the home page links to the dossier list filtered by that status,
and the list shows as many dossiers as the counter says."""

import re

import pytest

pytestmark = pytest.mark.django_db

COUNTER = re.compile(r'<a class="count status-(\w+)" href="([^"]+)"><strong>(\d+)</strong>')


@pytest.mark.parametrize("who", ["office", "unit"])
def test_counters_lead_to_lists_of_that_many(dataset, office_reader, officer_a, login, who):
    client = login(office_reader if who == "office" else officer_a)
    counters = COUNTER.findall(client.get("/").content.decode())
    assert len(counters) == 13
    shown = {status: int(count) for status, _href, count in counters}
    assert shown["decided"] == 1
    assert sum(shown.values()) == (6 if who == "office" else 4)
    for status, href, count in counters:
        assert href == f"/dossiers/?status={status}"
        listing = client.get(href)
        assert listing.context["page"].paginator.count == int(count), status
