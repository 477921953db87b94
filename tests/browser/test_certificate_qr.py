"""The director signs a decision in the browser; the QR code printed on a certificate is read
back from the PDF and followed by a phone that is signed in nowhere: it sees the certificate's
verification page with a valid signature."""

import pytest
from playwright.sync_api import expect

from documents.models import CertificateCode
from tests.signing.conftest import pki, server_certificate, trust  # noqa: F401  (fixtures)
from tests.signing.qr import decode_page
from workflows import award_decisions as decisions
from workflows.models import AwardDecision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("server_certificate")
def test_scanning_a_certificate_opens_its_verification_page(demo, web, browser, settings):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    settings.SITE_URL = web.base_url
    waiting = decisions.decidable_nominations()[:3]
    decision = decisions.prepare_decision(
        by=users.get(username="vanphong"),
        number="200/QĐ-SYT",
        decision_date=AwardDecision.objects.get(number="125/QĐ-SYT").decision_date,
        title="Về việc tặng Giấy khen",
        nominations=waiting,
    )
    decisions.submit_decision(decision, by=users.get(username="chanhvanphong"))

    web.login_as("giamdoc")
    web.goto(f"/decisions/{decision.pk}/")
    web.submit(web.page.locator(f"form.inline[action='/decisions/{decision.pk}/issue/'] button"))
    # The decision page asks once more before signing (how many awardees are told at once).
    web.submit(web.page.locator(f"form.confirm[action='/decisions/{decision.pk}/issue/'] button"))
    expect(web.page.locator(".signature-status")).to_have_class("signature-status valid")
    web.screenshot("decision-signed")

    response = web.page.request.get(web.url(f"/documents/decisions/{decision.pk}/giay-khen.pdf"))
    assert response.status == 200
    target = decode_page(response.body(), 0)
    first = CertificateCode.objects.select_related("nomination").get(
        token=target.rstrip("/").rsplit("/", 1)[-1]
    )

    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    try:
        scan = phone.new_page()
        answer = scan.goto(target)
        assert answer.status == 200
        expect(scan.locator(".decision-number")).to_have_text("200/QĐ-SYT")
        expect(scan.locator(".awardee")).to_have_text(first.nomination.nominee_name)
        expect(scan.locator(".signature-status")).to_have_class("signature-status valid")
        expect(scan.locator(".topbar form[action$='/logout/']")).to_have_count(0)
        scan.screenshot(path=str(web.screenshot("decision-signed").parent / "certificate-verification.png"))
    finally:
        phone.close()
