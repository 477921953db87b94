"""Each Giấy khen carries a QR code of a public page that says whether it is genuine: the
decision's number and date, the awardee's name and unit, the award and the signature's
validity, nothing else; rate-limited and recorded."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from documents.models import CertificateCode, SignedDecision
from tests.signing.qr import decode_page, modules_of, page_qr_modules
from workflows import award_decisions as decisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(server_certificate, submitted_decision, people):
    decisions.issue_decision(submitted_decision, by=people.director)
    submitted_decision.refresh_from_db()
    return submitted_decision


def certificates(client, people, decision) -> bytes:
    client.force_login(people.reviewer)
    response = client.get(reverse("documents:decision_certificates", args=[decision.pk]))
    assert response.status_code == 200
    client.logout()
    return response.content


def test_every_certificate_page_carries_the_qr_code_of_its_own_verification_page(
    issued, people, client, settings
):
    settings.SITE_URL = "https://khenthuong.example.vn"
    content = certificates(client, people, issued)
    codes = {code.token for code in CertificateCode.objects.filter(decision=issued)}
    assert len(codes) == 2
    targets = [decode_page(content, index) for index in range(2)]
    assert {url.rsplit("/", 2)[-2] for url in targets} == codes
    assert all(url.startswith("https://khenthuong.example.vn/xac-minh/") for url in targets)


def test_a_qr_image_of_another_address_would_not_match(issued, people, client):
    content = certificates(client, people, issued)
    assert page_qr_modules(content)[0] != modules_of("https://example.org/xac-minh/other/")


def test_verification_page_shows_only_what_the_certificate_says(issued, client):
    code = CertificateCode.objects.select_related("nomination__unit", "nomination__award_type").filter(
        nomination__nominee_kind="individual"
    )[0]
    nomination = code.nomination
    response = client.get(reverse("verify_certificate", args=[code.token]))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "125/QĐ-SYT",
        "25/02/2025",
        nomination.nominee_name,
        nomination.unit.name,
        nomination.award_type.name,
    ):
        assert shown in page
    assert 'class="signature-status valid"' in page
    for hidden in (nomination.code, nomination.achievement_summary, nomination.staff.staff_code):
        assert hidden not in page
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_a_decision_whose_signed_pdf_was_altered_is_shown_not_valid(issued, client):
    stored = SignedDecision.objects.get(decision=issued)
    pdf = bytearray(bytes(stored.pdf))
    at = pdf.index(b"/Title")
    pdf[at + 8 : at + 9] = b"X"
    stored.pdf = bytes(pdf)
    stored.save()
    code = CertificateCode.objects.filter(decision=issued).first()
    page = client.get(reverse("verify_certificate", args=[code.token])).content.decode()
    assert 'class="signature-status invalid"' in page


def test_unknown_code_is_a_404_and_is_recorded(issued, client):
    response = client.get(reverse("verify_certificate", args=["khong-co-ma-nay"]))
    assert response.status_code == 404
    event = AuditEvent.objects.filter(event_type="certificate_lookup").latest("sequence")
    assert event.detail == {"found": False, "signature": ""}
    assert event.ip_address == "127.0.0.1"


def test_lookups_are_recorded_with_the_decision_and_dossier(issued, client):
    code = CertificateCode.objects.filter(decision=issued).first()
    client.get(reverse("verify_certificate", args=[code.token]))
    event = AuditEvent.objects.filter(event_type="certificate_lookup").latest("sequence")
    assert event.nomination_code == code.nomination.code
    assert event.object_repr.startswith("125/QĐ-SYT")
    assert event.detail == {"found": True, "signature": "valid"}


def test_lookups_are_rate_limited_per_address(issued, client, settings):
    settings.VERIFY_RATE_PER_MINUTE = 3
    code = CertificateCode.objects.filter(decision=issued).first()
    url = reverse("verify_certificate", args=[code.token])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get(url)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    # Another address still gets its answer.
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_codes_exist_only_once_the_decision_is_issued(trust, submitted_decision, client):
    assert not CertificateCode.objects.exists()


def test_a_post_to_the_verification_page_is_refused(issued, client):
    code = CertificateCode.objects.first()
    assert client.post(reverse("verify_certificate", args=[code.token])).status_code == 405
