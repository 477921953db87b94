"""Decisions through the API (list, detail with the signature verified now, the signed PDF) and
the public verification lookup as JSON, with the page's limits."""

import pytest
from rest_framework.test import APIClient

from documents.models import CertificateCode, SignedDecision
from tests.api.conftest import Integrations
from tests.signing.conftest import people, pki, server_certificate, submitted_decision, trust  # noqa: F401
from workflows import award_decisions as decisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(server_certificate, submitted_decision, people):  # noqa: F811
    decisions.issue_decision(submitted_decision, by=people.director)
    submitted_decision.refresh_from_db()
    return submitted_decision


@pytest.fixture
def eoffice(db):
    return Integrations().add("eoffice", name="Văn phòng điện tử Sở")


def test_decision_list_and_detail_with_signature(eoffice, issued):
    listed = eoffice.get("/api/decisions/").json()["results"]
    assert [row["number"] for row in listed] == ["125/QĐ-SYT"]
    body = eoffice.get(f"/api/decisions/{issued.pk}/").json()
    assert body["status"] == "issued"
    assert body["signer"] == "Trần Minh Khang"
    assert body["signature"]["signed"] and body["signature"]["valid"]
    assert "Sở Y tế tỉnh Đồng Nai" in body["signature"]["signer"]
    assert len(body["awardees"]) == 2


def test_decision_pdf_is_the_signed_file(eoffice, issued):
    response = eoffice.get(f"/api/decisions/{issued.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Signature-Status"] == "valid"
    assert response.content == bytes(SignedDecision.objects.get(decision=issued).pdf)


def test_a_decision_not_yet_issued_has_no_pdf(eoffice, submitted_decision):  # noqa: F811
    assert eoffice.get(f"/api/decisions/{submitted_decision.pk}/pdf/").status_code == 404


def test_verification_lookup_as_json_shows_only_the_certificates_facts(issued):
    code = CertificateCode.objects.select_related("nomination").first()
    response = APIClient().get(f"/api/verify/{code.token}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"number", "date", "awardee", "unit", "award", "signature"}
    assert body["number"] == "125/QĐ-SYT" and body["date"] == "2025-02-25"
    assert body["awardee"] == code.nomination.nominee_name
    assert body["signature"] == "valid"


def test_verification_lookup_unknown_and_rate_limited(issued, settings):
    settings.VERIFY_RATE_PER_MINUTE = 2
    anyone = APIClient()
    assert anyone.get("/api/verify/khong-co/").status_code == 404
    code = CertificateCode.objects.first()
    assert anyone.get(f"/api/verify/{code.token}/").status_code == 200
    limited = anyone.get(f"/api/verify/{code.token}/")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
