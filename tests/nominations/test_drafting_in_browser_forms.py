"""Drafting a dossier and attaching evidence through the pages: bad input changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nominations.models import Attachment, Nomination
from tests.factories import AwardTypeFactory, StaffFactory, make_nomination

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n"


@pytest.fixture
def award(db):
    return AwardTypeFactory()


def form_data(**overrides):
    data = {
        "year": "2024",
        "basis": "annual",
        "nominee_kind": "individual",
        "collective_name": "",
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ; sáng kiến cấp cơ sở.",
    }
    data.update(overrides)
    return data


def test_officer_drafts_a_dossier(login, officer_a, unit_a, award):
    staff = StaffFactory(unit=unit_a, full_name="Lê Thị Ánh Tuyết")
    response = login(officer_a).post("/dossiers/new/", form_data(staff=staff.pk, award_type=award.pk))
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/dossiers/{nomination.code}/"
    assert nomination.unit == unit_a
    assert nomination.nominee_name == "Lê Thị Ánh Tuyết"
    assert nomination.status == "draft"


def test_missing_fields_are_reported_and_nothing_is_saved(login, officer_a):
    response = login(officer_a).post("/dossiers/new/", form_data(achievement_summary=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"achievement_summary", "award_type"} <= set(errors)
    assert Nomination.objects.count() == 0


def test_wrong_award_for_nominee_kind_is_a_field_error(login, officer_a, award):
    response = login(officer_a).post(
        "/dossiers/new/",
        form_data(nominee_kind="collective", collective_name="Khoa Dược", award_type=award.pk),
    )
    assert response.status_code == 200
    assert "award_type" in response.context["form"].errors
    assert Nomination.objects.count() == 0


def test_staff_of_another_unit_is_not_offered(login, officer_a, unit_b, award):
    stranger = StaffFactory(unit=unit_b)
    response = login(officer_a).post("/dossiers/new/", form_data(staff=stranger.pk, award_type=award.pk))
    assert "staff" in response.context["form"].errors
    assert Nomination.objects.count() == 0


def test_year_out_of_range_is_refused(login, officer_a, unit_a, award):
    staff = StaffFactory(unit=unit_a)
    response = login(officer_a).post(
        "/dossiers/new/", form_data(year="1900", staff=staff.pk, award_type=award.pk)
    )
    assert "year" in response.context["form"].errors


def test_unit_head_cannot_open_the_draft_form(login, head_a):
    assert login(head_a).get("/dossiers/new/").status_code == 403


def test_officer_edits_own_draft(login, officer_a, unit_a):
    nomination = make_nomination(unit=unit_a, author=officer_a)
    response = login(officer_a).post(
        f"/dossiers/{nomination.code}/edit/",
        form_data(
            staff=nomination.staff.pk,
            award_type=nomination.award_type.pk,
            achievement_summary="Đã bổ sung minh chứng.",
        ),
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.achievement_summary == "Đã bổ sung minh chứng."


class TestEvidenceUpload:
    def upload(self, client, nomination, name, content, **extra):
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        return client.post(f"/dossiers/{nomination.code}/files/", {"file": upload, **extra})

    def test_vietnamese_file_name_is_kept_and_given_back(self, login, officer_a, unit_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        client = login(officer_a)
        response = self.upload(
            client, nomination, "Báo cáo thành tích năm 2024.pdf", PDF, description="Bản ký"
        )
        assert response.status_code == 302
        attachment = Attachment.objects.get()
        assert attachment.original_name == "Báo cáo thành tích năm 2024.pdf"
        download = client.get(f"/dossiers/{nomination.code}/files/{attachment.pk}/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert "filename*=utf-8''B%C3%A1o%20c%C3%A1o" in download["Content-Disposition"]

    def test_file_over_the_limit_is_refused_with_a_clear_message(self, login, officer_a, unit_a, settings):
        settings.ATTACHMENT_MAX_BYTES = 1024
        nomination = make_nomination(unit=unit_a, author=officer_a)
        response = self.upload(login(officer_a), nomination, "lon.pdf", PDF + b"0" * 2048)
        assert response.status_code == 400
        assert "giới hạn" in response.content.decode()
        assert Attachment.objects.count() == 0

    def test_disallowed_type_is_refused(self, login, officer_a, unit_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        response = self.upload(login(officer_a), nomination, "virus.exe", b"MZ\x90\x00")
        assert response.status_code == 400
        assert "exe" in response.content.decode()
        assert Attachment.objects.count() == 0

    def test_renamed_file_is_refused(self, login, officer_a, unit_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        response = self.upload(login(officer_a), nomination, "giay-to.pdf", b"MZ not a pdf")
        assert response.status_code == 400
        assert Attachment.objects.count() == 0

    def test_empty_file_is_refused(self, login, officer_a, unit_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        response = self.upload(login(officer_a), nomination, "rong.pdf", b"")
        assert response.status_code == 400
        assert Attachment.objects.count() == 0
