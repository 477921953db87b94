"""Evidence files: only real documents and pictures of the allowed types and size are stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

HOSTILE_FILES = [
    ("setup.exe", b"MZ\x90\x00\x03"),
    ("minh-chung.pdf", b"MZ\x90\x00 an executable renamed"),
    ("anh.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ("bao-cao.pdf.exe", b"%PDF-1.4"),
    ("trang.html", b"<html><script>alert(1)</script></html>"),
    ("rong.pdf", b""),
    ("../../etc/passwd.pdf", b"root:x:0:0"),
    ("macro.docm", b"PK\x03\x04"),
]


@pytest.mark.parametrize(("name", "content"), HOSTILE_FILES)
def test_a_hostile_evidence_file_is_refused_and_nothing_is_stored(world, as_user, unchanged, name, content):
    client = as_user(world.officer_b)
    with unchanged():
        response = client.post(
            f"/dossiers/{world.draft_b.code}/files/",
            {"file": SimpleUploadedFile(name, content), "description": "minh chứng"},
        )
    assert response.status_code == 400
    assert response.context["attachment_form"].errors["file"]


def test_an_evidence_file_over_the_limit_is_refused(world, as_user, unchanged, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    client = as_user(world.officer_b)
    with unchanged():
        response = client.post(
            f"/dossiers/{world.draft_b.code}/files/",
            {"file": SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * 2048)},
        )
    assert response.status_code == 400


def test_a_results_report_of_another_unit_cannot_be_read(world, as_user):
    from campaigns import services
    from tests.factories import CampaignFactory

    campaign = CampaignFactory()
    report = services.upload_results_report(
        campaign=campaign,
        unit=world.officer_b.unit,
        by=world.officer_b,
        uploaded_file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test"),
    )
    assert as_user(world.officer_a).get(f"/campaigns/{campaign.pk}/reports/{report.pk}/").status_code == 404
