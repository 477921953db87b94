"""The REST API for other systems: the same unit isolation and role rules as the pages, writes
through the same services and audited with the integration's name, throttled."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from audit.models import AuditEvent
from nominations.models import Nomination
from tests.factories import StaffFactory, UserFactory
from workflows import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


# --- Reading dossiers ----------------------------------------------------------------------


def test_a_units_token_lists_only_its_units_dossiers(api, dossiers):
    assert codes(api.hr_a.get("/api/dossiers/")) == {dossiers["a1"].code, dossiers["a2"].code}
    assert codes(api.hr_b.get("/api/dossiers/")) == {dossiers["b1"].code}


def test_a_units_token_cannot_see_another_units_dossier(api, dossiers):
    assert api.hr_a.get(f"/api/dossiers/{dossiers['b1'].code}/").status_code == 404
    assert api.hr_b.get(f"/api/dossiers/{dossiers['a1'].code}/").status_code == 404


def test_a_units_token_cannot_filter_its_way_into_another_unit(api, dossiers, unit_b):
    assert codes(api.hr_a.get("/api/dossiers/", {"unit": unit_b.pk})) == {
        dossiers["a1"].code,
        dossiers["a2"].code,
    }


def test_the_departments_token_sees_every_unit_and_filters_like_the_page(api, dossiers, unit_b):
    assert codes(api.eoffice.get("/api/dossiers/")) == {d.code for d in dossiers.values()}
    assert codes(api.eoffice.get("/api/dossiers/", {"unit": unit_b.pk})) == {dossiers["b1"].code}
    assert codes(api.eoffice.get("/api/dossiers/", {"query": "tran thi binh"})) == {dossiers["a2"].code}
    services.submit_for_signoff(dossiers["a1"], dossiers["a1"].created_by)
    assert codes(api.eoffice.get("/api/dossiers/", {"status": "unit_signoff"})) == {dossiers["a1"].code}


def test_an_invalid_filter_is_a_400_not_every_row(api, dossiers):
    response = api.eoffice.get("/api/dossiers/", {"status": "khong-ton-tai"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_detail_has_status_current_step_and_timeline(api, dossiers):
    nomination = dossiers["a1"]
    services.submit_for_signoff(nomination, nomination.created_by)
    body = api.hr_a.get(f"/api/dossiers/{nomination.code}/").json()
    assert body["status"] == "unit_signoff"
    assert body["current_step"]["step"]
    assert body["current_step"]["due_at"]
    assert [entry["is_open"] for entry in body["timeline"]] == [False, True]
    assert body["timeline"][0]["actor"] == nomination.created_by.get_full_name()


# --- Writing: drafts and evidence ---------------------------------------------------------


def draft(staff, award, **extra):
    return {
        "year": 2024,
        "basis": "annual",
        "nominee_kind": "individual",
        "staff_code": staff.staff_code,
        "award": award.code,
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        **extra,
    }


def test_a_units_token_drafts_a_dossier_for_its_unit_audited_with_its_name(api, unit_a, award):
    staff = StaffFactory(unit=unit_a, full_name="Phạm Minh Đức")
    response = api.hr_a.post("/api/dossiers/", draft(staff, award), format="json")
    assert response.status_code == 201, response.content
    nomination = Nomination.objects.get(code=response.json()["code"])
    assert nomination.unit == unit_a and nomination.status == "draft"
    assert nomination.created_by == api.hr_a.integration.user
    event = AuditEvent.objects.filter(event_type="api_write").get()
    assert event.detail["integration"] == "Phần mềm nhân sự BV A"
    assert event.reason == "create_draft"
    assert event.nomination_code == nomination.code
    # The dossier's own history names the integration's account too.
    created = AuditEvent.objects.filter(event_type="created", nomination_code=nomination.code).first()
    assert created.actor_username == api.hr_a.integration.user.username


def test_a_draft_for_another_units_staff_is_refused(api, unit_b, award):
    staff = StaffFactory(unit=unit_b)
    response = api.hr_a.post("/api/dossiers/", draft(staff, award), format="json")
    assert response.status_code == 400
    assert "staff_code" in response.json()
    assert not Nomination.objects.exists()
    assert not AuditEvent.objects.filter(event_type="api_write").exists()


def test_the_departments_read_only_token_cannot_draft(api, unit_a, award):
    response = api.eoffice.post("/api/dossiers/", draft(StaffFactory(unit=unit_a), award), format="json")
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_model_rules_answer_400_with_the_fields(api, unit_a, award):
    response = api.hr_a.post(
        "/api/dossiers/", draft(StaffFactory(unit=unit_a), award, basis="campaign"), format="json"
    )
    assert response.status_code == 400
    assert "campaign" in response.json()


def test_evidence_is_attached_through_the_page_checks_and_audited(api, dossiers):
    code = dossiers["a1"].code
    upload = SimpleUploadedFile("minh-chung.pdf", PDF, content_type="application/pdf")
    response = api.hr_a.post(f"/api/dossiers/{code}/evidence/", {"file": upload, "description": "Bằng"})
    assert response.status_code == 201, response.content
    assert dossiers["a1"].attachments.get().original_name == "minh-chung.pdf"
    event = AuditEvent.objects.filter(event_type="api_write").get()
    assert event.reason == "attach_evidence" and event.detail["file"] == "minh-chung.pdf"


def test_evidence_that_is_not_what_it_claims_is_refused(api, dossiers):
    upload = SimpleUploadedFile("minh-chung.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = api.hr_a.post(f"/api/dossiers/{dossiers['a1'].code}/evidence/", {"file": upload})
    assert response.status_code == 400
    assert not dossiers["a1"].attachments.exists()


def test_evidence_for_another_units_dossier_is_a_404(api, dossiers):
    upload = SimpleUploadedFile("minh-chung.pdf", PDF, content_type="application/pdf")
    assert (
        api.hr_a.post(f"/api/dossiers/{dossiers['b1'].code}/evidence/", {"file": upload}).status_code == 404
    )
    assert not dossiers["b1"].attachments.exists()


def test_evidence_for_a_submitted_dossier_is_refused(api, dossiers):
    nomination = dossiers["a1"]
    services.submit_for_signoff(nomination, nomination.created_by)
    upload = SimpleUploadedFile("minh-chung.pdf", PDF, content_type="application/pdf")
    assert api.hr_a.post(f"/api/dossiers/{nomination.code}/evidence/", {"file": upload}).status_code == 403


# --- Decisions ----------------------------------------------------------------------------


def test_decisions_are_for_the_department_not_for_a_unit(api, dossiers):
    assert api.hr_a.get("/api/decisions/").status_code == 403
    response = api.eoffice.get("/api/decisions/")
    assert response.status_code == 200
    assert response.json()["results"] == []


# --- Authentication and throttling ----------------------------------------------------------


def test_requests_without_a_valid_token_are_refused(api, dossiers):
    assert APIClient().get("/api/dossiers/").status_code == 401
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token khong-phai-token")
    assert stranger.get("/api/dossiers/").status_code == 401
    api.hr_a.integration.is_active = False
    api.hr_a.integration.save()
    assert api.hr_a.get("/api/dossiers/").status_code == 401


def test_a_signed_in_person_does_not_use_the_api_with_their_session(client, dossiers):
    client.force_login(UserFactory(username="vanphong", roles=["office_reviewer"]))
    assert client.get("/api/dossiers/").status_code in (401, 403)


def test_throttling_answers_429(api, dossiers, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    statuses = [api.hr_a.get("/api/dossiers/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert api.hr_b.get("/api/dossiers/").status_code == 200  # each integration its own bucket


def test_answers_are_never_cached(api, dossiers):
    assert api.hr_a.get("/api/dossiers/")["Cache-Control"] == "private, no-store"


def test_create_integration_command_prints_a_token_that_works(db, unit_a, dossiers):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("create_integration", "HIS BV A", unit=unit_a.code, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")
    assert codes(client.get("/api/dossiers/")) == {dossiers["a1"].code, dossiers["a2"].code}
