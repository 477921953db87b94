"""The public lookup: code + secret from the receipt show the current step, the last update
and the outcome, and nothing else; wrong secrets reveal nothing; attempts are throttled and
every one is in the audit trail."""

import pytest

from audit.models import AuditEvent, EventType
from reports import lookup
from tests.factories import UserFactory, make_nomination
from workflows import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(unit_a, officer_a):
    nomination = make_nomination(
        unit=unit_a, author=officer_a, achievement_summary="Bí mật: thành tích chưa công bố."
    )
    services.submit_for_signoff(nomination, officer_a)
    nomination.refresh_from_db()
    return nomination


def lookups():
    return AuditEvent.objects.filter(event_type=EventType.PUBLIC_LOOKUP).order_by("sequence")


def test_unit_prints_the_receipt_with_the_secret(submitted, login, officer_a):
    page = login(officer_a).get(f"/reports/receipts/{submitted.code}/").content.decode()
    secret = lookup.secret_for(submitted)
    assert secret.display in page and "/lookup/" in page
    assert len(secret.secret) == 8 and set(secret.secret) <= set(lookup.ALPHABET)
    # The same secret every time the receipt is printed.
    assert (
        login(officer_a).get(f"/reports/receipts/{submitted.code}/").content.decode().count(secret.display)
        == 1
    )


def test_other_units_and_other_roles_cannot_print_it(submitted, login, officer_b):
    assert login(officer_b).get(f"/reports/receipts/{submitted.code}/").status_code == 404
    inspector = UserFactory(username="thanhtra", roles=["inspector"])
    assert login(inspector).get(f"/reports/receipts/{submitted.code}/").status_code == 403


def test_lookup_shows_only_step_date_and_outcome(submitted, client, officer_a):
    secret = lookup.secret_for(submitted).display
    response = client.post("/lookup/", {"code": submitted.code.lower(), "secret": secret.lower()})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-figure="step">Thủ trưởng đơn vị ký trình<' in page
    assert 'data-figure="updated">' in page and 'data-figure="outcome">' in page
    for private in (
        submitted.nominee_name,
        submitted.unit.name,
        "Bí mật",
        submitted.award_type.name,
        officer_a.get_full_name(),
    ):
        assert private not in page
    event = lookups().last()
    assert event.detail == {"code": submitted.code, "result": "found"}
    assert event.ip_address == "127.0.0.1" and event.actor_id is None


def test_wrong_secret_and_unknown_code_answer_the_same(submitted, client):
    lookup.secret_for(submitted)
    wrong = client.post("/lookup/", {"code": submitted.code, "secret": "AAAA-AAAA"}).content.decode()
    unknown = client.post("/lookup/", {"code": "KT-2024-999999", "secret": "AAAA-AAAA"}).content.decode()
    assert 'data-figure="step"' not in wrong and 'data-figure="step"' not in unknown

    def alert(page):
        start = page.index('<p class="alert" role="alert">')
        return page[start : page.index("</p>", start)]

    assert alert(wrong) == alert(unknown)
    assert [e.detail["result"] for e in lookups()] == ["not_found", "not_found"]


def test_no_secret_before_the_receipt_means_no_lookup(submitted, client):
    response = client.post("/lookup/", {"code": submitted.code, "secret": "ABCD-2345"})
    assert 'data-figure="step"' not in response.content.decode()


def test_throttled_by_address(submitted, client, settings):
    settings.PUBLIC_LOOKUP_LIMIT = 3
    secret = lookup.secret_for(submitted).display
    for _ in range(3):
        client.post("/lookup/", {"code": "KT-2024-999999", "secret": "AAAA-AAAA"})
    # Even the right secret is refused now, and the refusal is recorded.
    response = client.post("/lookup/", {"code": submitted.code, "secret": secret})
    assert response.status_code == 429
    assert 'data-figure="step"' not in response.content.decode()
    assert lookups().last().detail["result"] == "throttled"
    other = client.post("/lookup/", {"code": submitted.code, "secret": secret}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200 and 'data-figure="step"' in other.content.decode()


def test_throttled_by_dossier_code_across_addresses(submitted, client, settings):
    settings.PUBLIC_LOOKUP_CODE_FAILURES = 2
    secret = lookup.secret_for(submitted).display
    for i in range(2):
        client.post(
            "/lookup/", {"code": submitted.code, "secret": "AAAA-AAAA"}, REMOTE_ADDR=f"10.0.0.{i + 1}"
        )
    response = client.post("/lookup/", {"code": submitted.code, "secret": secret}, REMOTE_ADDR="10.0.0.50")
    assert response.status_code == 429


def test_lookup_events_are_on_the_dossier_history_for_inspectors(submitted, client):
    client.post("/lookup/", {"code": submitted.code, "secret": "AAAA-AAAA"})
    assert lookups().get().nomination_code == submitted.code


def test_inspector_reads_the_lookups_in_the_audit_log(submitted, client, login):
    client.post("/lookup/", {"code": submitted.code, "secret": "AAAA-AAAA"})
    inspector = UserFactory(username="thanhtra", roles=["inspector"])
    page = login(inspector).get("/audit/", {"event_type": "public_lookup"}).content.decode()
    # "no match" until the pending Vietnamese catalog is merged, "không khớp" after.
    assert f"{submitted.code}: no match" in page or f"{submitted.code}: không khớp" in page
