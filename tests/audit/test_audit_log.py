"""The global log: for the inspector, the administrator and the head of the office only;
filters, accent-insensitive search, and keyset pages that cost the same however long the trail."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit import services
from audit.models import AuditEvent, EventType
from tests.factories import UserFactory, make_nomination

pytestmark = pytest.mark.django_db


def shown(response) -> list[AuditEvent]:
    assert response.status_code == 200
    return [entry.event for entry in response.context["entries"]]


def add_logins(count: int, user) -> None:
    for _ in range(count):
        services.record_event(EventType.LOGIN, actor=user)


class TestWhoReadsIt:
    @pytest.mark.parametrize(
        "make_reader",
        [
            lambda: UserFactory(username="thanhtra", roles=["inspector"]),
            lambda: UserFactory(username="quantri", roles=["administrator"]),
            lambda: UserFactory(username="root", is_superuser=True),
            lambda: UserFactory(username="chanhvanphong", roles=["office_head"]),
        ],
        ids=["inspector", "administrator", "superuser", "office_head"],
    )
    def test_readers_see_the_log_and_its_menu_entry(self, login, make_reader):
        response = login(make_reader()).get("/audit/")
        assert response.status_code == 200
        assert response.context["audit_nav"] == {"can_read_log": True}
        assert 'href="/audit/"' in response.content.decode()

    @pytest.mark.parametrize("roles", [["office_reviewer"], ["director"], ["unit_officer"], ["unit_head"]])
    def test_everyone_else_is_refused_the_log_and_its_exports(self, login, unit_a, roles):
        user = UserFactory(username="khac", unit=unit_a, roles=roles)
        client = login(user)
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export/csv/").status_code == 403
        assert client.get("/audit/export/xlsx/").status_code == 403
        assert 'href="/audit/"' not in client.get("/").content.decode()

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get("/audit/")
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


class TestFilters:
    @pytest.fixture
    def history(self, unit_a, unit_b, officer_a, officer_b):
        """Dossiers of two units by two officers, one named with accents."""
        self.mine = make_nomination(
            unit=unit_a, author=officer_a, collective_name="", achievement_summary="Đạt"
        )
        self.theirs = make_nomination(unit=unit_b, author=officer_b)
        return self

    def test_by_user(self, login, inspector, history, officer_b):
        events = shown(login(inspector).get("/audit/", {"user": officer_b.username}))
        assert events
        assert {e.actor_username for e in events} == {officer_b.username}

    def test_by_unit(self, login, inspector, history, unit_b):
        events = shown(login(inspector).get("/audit/", {"unit": unit_b.pk}))
        assert events
        assert {e.unit_code for e in events} == {"bvb"}

    def test_by_dossier_code_in_any_case(self, login, inspector, history):
        events = shown(login(inspector).get("/audit/", {"dossier": history.theirs.code.lower()}))
        assert events
        assert {e.nomination_id for e in events} == {history.theirs.pk}

    def test_by_event_type(self, login, inspector, history):
        events = shown(login(inspector).get("/audit/", {"event_type": "permission_granted"}))
        assert {e.event_type for e in events} == {"permission_granted"}
        on_dossiers = [e for e in events if e.nomination_id]
        assert len(on_dossiers) == 4  # view and change, to each unit

    def test_by_date_range(self, login, inspector, history):
        today = timezone.localtime(AuditEvent.objects.earliest("sequence").occurred_at).date()
        client = login(inspector)
        assert shown(client.get("/audit/", {"date_from": today.isoformat(), "date_to": today.isoformat()}))
        yesterday = (today - datetime.timedelta(days=1)).isoformat()
        assert shown(client.get("/audit/", {"date_to": yesterday})) == []
        response = client.get("/audit/", {"date_from": today.isoformat(), "date_to": yesterday})
        assert response.context["filters"].errors["date_to"]

    def test_search_ignores_accents_and_case(self, login, inspector, unit_a, officer_a):
        from tests.factories import StaffFactory

        nomination = make_nomination(
            unit=unit_a, author=officer_a, staff=StaffFactory(unit=unit_a, full_name="Nguyễn Văn Ân")
        )
        events = shown(login(inspector).get("/audit/", {"query": "nguyen van an"}))
        assert {e.object_type for e in events} == {"nominations.Staff", "nominations.Nomination"}
        assert {e.nomination_id for e in events if e.nomination_id} == {nomination.pk}
        assert shown(login(inspector).get("/audit/", {"query": "NGUYỄN văn ân"})) == events

    def test_filters_carry_over_to_the_export_links(self, login, inspector, history, unit_b):
        response = login(inspector).get("/audit/", {"unit": unit_b.pk, "query": "Đạt"})
        assert response.context["filter_query"] == f"query=%C4%90%E1%BA%A1t&unit={unit_b.pk}"
        assert (
            f'/audit/export/xlsx/?query=%C4%90%E1%BA%A1t&amp;unit={unit_b.pk}"' in response.content.decode()
        )


class TestPages:
    def test_pages_walk_the_log_newest_first_without_overlap(self, login, inspector):
        start = AuditEvent.objects.count()
        add_logins(120, inspector)
        client = login(inspector)
        first = client.get("/audit/")
        second = client.get("/audit/", {"before": first.context["page"].older_than})
        third = client.get("/audit/", {"before": second.context["page"].older_than})
        ids = [e.pk for e in shown(first) + shown(second) + shown(third)]
        assert ids == sorted(ids, reverse=True)
        assert len(set(ids)) == len(ids) == start + 121  # every event once, the last login included
        assert third.context["page"].older_than is None
        back = client.get("/audit/", {"after": second.context["page"].newer_than})
        assert [e.pk for e in shown(back)] == [e.pk for e in shown(first)][: len(shown(back))]

    @pytest.mark.parametrize("boundary", ["abc", "-5", str(2**70)])
    def test_a_meaningless_page_boundary_shows_the_newest_page(self, login, inspector, boundary):
        response = login(inspector).get("/audit/", {"before": boundary})
        assert shown(response)[0] == AuditEvent.objects.latest("id")

    def test_a_page_never_counts_the_whole_trail_and_costs_the_same_when_it_grows(self, login, inspector):
        client = login(inspector)
        add_logins(60, inspector)
        client.get("/audit/")
        with CaptureQueriesContext(connection) as small:
            client.get("/audit/", {"query": "thanh"})
        add_logins(600, inspector)
        with CaptureQueriesContext(connection) as large:
            response = client.get("/audit/", {"query": "thanh"})
        assert len(shown(response)) == 50
        assert len(large) == len(small) <= 12
        on_the_trail = [
            q["sql"].upper() for q in large.captured_queries if "AUDIT_AUDITEVENT" in q["sql"].upper()
        ]
        assert len(on_the_trail) == 1
        assert "COUNT(" not in on_the_trail[0]
        assert "LIMIT 51" in on_the_trail[0]


@pytest.mark.parametrize(
    "query",
    [
        "date_from=0001-01-01&date_to=9999-12-31",
        "date_to=9999-12-31",
        "date_from=abc",
        "event_type=bogus",
        "unit=abc",
    ],
)
def test_an_invalid_log_filter_is_an_error_and_shows_no_events(inspector, login, query):
    add_logins(3, inspector)
    response = login(inspector).get(f"/audit/?{query}")
    assert response.status_code == 200
    assert response.context["filters"].form.errors
    assert response.context["entries"] == []


def test_an_export_with_invalid_filters_is_refused_and_not_recorded(inspector, login):
    client = login(inspector)
    exports_before = AuditEvent.objects.filter(event_type=EventType.EXPORT).count()
    response = client.get("/audit/export/csv/?date_to=9999-12-31")
    assert response.status_code == 400
    assert AuditEvent.objects.filter(event_type=EventType.EXPORT).count() == exports_before
