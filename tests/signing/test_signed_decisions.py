"""Signed decisions (ký số): the organisation certificate signs as the decision is issued; a
file signed with the director's USB token is accepted only if it is the generated document and
its signature verifies; every download and the decision page say whether it is valid."""

import pytest
from django.urls import reverse
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from audit.models import AuditEvent
from documents import signatures
from documents.models import SignedDecision
from signing import pades
from tests.signing.conftest import der, reader, sign_like_a_token, token_signer
from workflows import award_decisions as decisions
from workflows.services import WorkflowError

pytestmark = pytest.mark.django_db


def issue(decision, people):
    decisions.issue_decision(decision, by=people.director)
    decision.refresh_from_db()
    return decision


def upload(client, decision, signer, content, name="quyet-dinh-da-ky.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("documents:decision_upload_signed", args=[decision.pk]),
        {"signer": signer.pk, "file": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


# --- Server signing with the organisation certificate -----------------------------------


def test_issuing_signs_the_decision_with_the_organisation_certificate(
    server_certificate, submitted_decision, people, pki
):
    decision = issue(submitted_decision, people)
    stored = SignedDecision.objects.get(decision=decision)
    assert stored.method == "server"
    assert "Sở Y tế tỉnh Đồng Nai" in stored.signer_subject
    # pyHanko's own validator, with the test CA as the only trust root, on the issued bytes.
    pdf = bytes(stored.pdf)
    embedded = reader(pdf).embedded_signatures
    assert len(embedded) == 1
    from asn1crypto import x509 as asn1_x509

    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der(pki.root.cert))])
    status = validate_pdf_signature(embedded[0], context)
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"


def test_the_visible_signature_sits_in_the_signature_block(server_certificate, submitted_decision, people):
    decision = issue(submitted_decision, people)
    pdf = bytes(SignedDecision.objects.get(decision=decision).pdf)
    page, box = __import__("documents.decision_pdf", fromlist=["x"]).build_decision_pdf_with_signature_box(
        signatures.signing_data(decision, people.director)
    )[1]
    field = reader(pdf).embedded_signatures[0].sig_field
    rect = [float(v) for v in field["/Rect"]]
    assert rect == pytest.approx(list(box), abs=0.01)
    # Right-hand column (NĐ 30/2020: the signer's block), on the page that carries it.
    assert box[0] > 250 and box[2] - box[0] > 150 and box[3] - box[1] > 50
    pages = reader(pdf).root["/Pages"]["/Kids"]
    assert field.get("/P") == pages[page] or field["/P"].get_object() == pages[page].get_object()


def test_issued_pdf_download_serves_the_signed_file_and_verifies_it(
    server_certificate, submitted_decision, people, client
):
    decision = issue(submitted_decision, people)
    client.force_login(people.reviewer)
    response = client.get(reverse("documents:decision_pdf", args=[decision.pk]))
    assert response.status_code == 200
    assert response["X-Signature-Status"] == "valid"
    assert response.content == bytes(SignedDecision.objects.get(decision=decision).pdf)


def test_decision_page_shows_signer_time_and_validity(server_certificate, submitted_decision, people, client):
    decision = issue(submitted_decision, people)
    client.force_login(people.inspector)
    page = client.get(reverse("workflows:decision", args=[decision.pk])).content.decode()
    assert "Sở Y tế tỉnh Đồng Nai" in page
    assert 'class="signature-status valid"' in page


def test_a_signed_pdf_changed_in_storage_is_shown_not_valid(
    server_certificate, submitted_decision, people, client
):
    decision = issue(submitted_decision, people)
    stored = SignedDecision.objects.get(decision=decision)
    pdf = bytearray(bytes(stored.pdf))
    at = pdf.index(b"/Title")
    pdf[at + 8 : at + 9] = b"X"  # one letter of the title, inside the signed bytes
    stored.pdf = bytes(pdf)
    stored.save()
    client.force_login(people.reviewer)
    response = client.get(reverse("documents:decision_pdf", args=[decision.pk]))
    assert response["X-Signature-Status"] == "invalid"
    page = client.get(reverse("workflows:decision", args=[decision.pk])).content.decode()
    assert 'class="signature-status invalid"' in page
    assert "changed after it was signed" in page


def test_issuing_fails_whole_when_the_certificate_cannot_be_opened(
    server_certificate, submitted_decision, people, settings
):
    settings.SIGNING_PKCS12_PASSWORD = "sai mật khẩu"
    with pytest.raises(WorkflowError):
        decisions.issue_decision(submitted_decision, by=people.director)
    submitted_decision.refresh_from_db()
    assert submitted_decision.status == "submitted"
    assert not SignedDecision.objects.exists()


def test_without_a_certificate_the_decision_is_issued_unsigned_and_says_so(
    trust, submitted_decision, people, client
):
    decision = issue(submitted_decision, people)
    assert not SignedDecision.objects.exists()
    client.force_login(people.reviewer)
    response = client.get(reverse("documents:decision_pdf", args=[decision.pk]))
    assert response["X-Signature-Status"] == "unsigned"
    assert not reader(response.content).embedded_signatures


def test_signing_check_reports_a_wrong_password(server_certificate, settings):
    from signing.checks import signing_configuration

    assert signing_configuration() == []
    settings.SIGNING_PKCS12_PASSWORD = "sai"
    assert [problem.id for problem in signing_configuration()] == ["signing.E001"]


# --- The director's own USB token ------------------------------------------------------


def test_token_signed_upload_issues_the_decision(trust, submitted_decision, people, pki, client):
    client.force_login(people.director)
    unsigned = client.get(reverse("documents:decision_for_signing", args=[submitted_decision.pk])).content
    assert not reader(unsigned).embedded_signatures
    signed = sign_like_a_token(unsigned, token_signer(pki, pki.signer))
    response = upload(client, submitted_decision, people.director, signed)
    assert response.status_code == 200
    submitted_decision.refresh_from_db()
    assert submitted_decision.status == "issued"
    assert submitted_decision.signer == people.director
    stored = SignedDecision.objects.get(decision=submitted_decision)
    assert stored.method == "token" and bytes(stored.pdf) == signed
    assert AuditEvent.objects.filter(event_type="signed_upload_accepted", actor=people.director).exists()


def test_the_office_uploads_on_the_deputys_behalf(trust, submitted_decision, people, pki, client):
    client.force_login(people.reviewer)
    url = reverse("documents:decision_for_signing", args=[submitted_decision.pk])
    unsigned = client.get(url, {"signer": people.deputy.pk}).content
    upload(
        client, submitted_decision, people.deputy, sign_like_a_token(unsigned, token_signer(pki, pki.signer))
    )
    submitted_decision.refresh_from_db()
    assert submitted_decision.status == "issued"
    assert submitted_decision.signer == people.deputy


def refused(client, decision, people, signed, signer=None):
    response = upload(client, decision, signer or people.director, signed)
    decision.refresh_from_db()
    assert decision.status == "submitted"
    assert not SignedDecision.objects.exists()
    event = AuditEvent.objects.filter(event_type="signed_upload_refused").latest("sequence")
    return response.content.decode(), event


def test_upload_of_a_different_document_is_refused(trust, submitted_decision, people, pki, client):
    client.force_login(people.director)
    other = signatures.signing_data(submitted_decision, people.director)
    other.title = "Về việc tặng Giấy khen (bản đã sửa)"
    from documents.decision_pdf import build_decision_pdf

    signed = sign_like_a_token(build_decision_pdf(other), token_signer(pki, pki.signer))
    page, event = refused(client, submitted_decision, people, signed)
    assert "content differs" in page
    assert event.actor == people.director
    assert "content differs" in event.reason


def test_upload_signed_for_another_signer_is_refused(trust, submitted_decision, people, pki, client):
    client.force_login(people.reviewer)
    url = reverse("documents:decision_for_signing", args=[submitted_decision.pk])
    for_deputy = client.get(url, {"signer": people.deputy.pk}).content
    refused(client, submitted_decision, people, sign_like_a_token(for_deputy, token_signer(pki, pki.signer)))


def test_upload_edited_after_signing_is_refused(trust, submitted_decision, people, pki, client):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    client.force_login(people.director)
    unsigned = client.get(reverse("documents:decision_for_signing", args=[submitted_decision.pk])).content
    signed = sign_like_a_token(unsigned, token_signer(pki, pki.signer))
    import io

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 0 m 100 100 l S")))
    edited = io.BytesIO()
    writer.write(edited)
    refused(client, submitted_decision, people, edited.getvalue())


def test_upload_with_an_expired_certificate_is_refused(trust, submitted_decision, people, pki, client):
    client.force_login(people.director)
    unsigned = client.get(reverse("documents:decision_for_signing", args=[submitted_decision.pk])).content
    page, event = refused(
        client, submitted_decision, people, sign_like_a_token(unsigned, token_signer(pki, pki.expired))
    )
    assert "expired" in event.reason


def test_upload_with_a_revoked_certificate_is_refused(trust, submitted_decision, people, pki, client):
    client.force_login(people.director)
    unsigned = client.get(reverse("documents:decision_for_signing", args=[submitted_decision.pk])).content
    page, event = refused(
        client, submitted_decision, people, sign_like_a_token(unsigned, token_signer(pki, pki.revoked))
    )
    assert "revoked" in event.reason


def test_upload_from_an_unknown_ca_is_refused(trust, submitted_decision, people, other_pki, client):
    client.force_login(people.director)
    unsigned = client.get(reverse("documents:decision_for_signing", args=[submitted_decision.pk])).content
    page, event = refused(
        client,
        submitted_decision,
        people,
        sign_like_a_token(unsigned, token_signer(other_pki, other_pki.signer)),
    )
    assert "trust root" in event.reason


def test_upload_of_an_unsigned_pdf_is_refused(trust, submitted_decision, people, client):
    client.force_login(people.director)
    unsigned = client.get(reverse("documents:decision_for_signing", args=[submitted_decision.pk])).content
    refused(client, submitted_decision, people, unsigned)


def test_unit_people_and_the_union_cannot_download_or_upload(trust, submitted_decision, people, client):
    for user in (people.officer, people.head, people.union):
        client.force_login(user)
        url = reverse("documents:decision_for_signing", args=[submitted_decision.pk])
        assert client.get(url, {"signer": people.director.pk}).status_code == 403
        assert upload(client, submitted_decision, people.director, b"%PDF-1.7").status_code == 403
    submitted_decision.refresh_from_db()
    assert submitted_decision.status == "submitted"


def test_the_pdf_to_sign_is_reproducible(trust, submitted_decision, people):
    first = signatures.pdf_for_signing(submitted_decision, people.director)
    assert first == signatures.pdf_for_signing(submitted_decision, people.director)
    assert first != signatures.pdf_for_signing(submitted_decision, people.deputy)


def test_verification_reports_a_missing_signature(trust):
    result = pades.verify_pdf(b"%PDF-1.7 not really")
    assert not result.signed and not result.valid
