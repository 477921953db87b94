"""The office manages campaigns in the browser; units register and report, each for itself only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns import services
from campaigns.models import ResultsReport, UnitRegistration
from nominations.models import Campaign
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_office_creates_a_campaign_with_phases(office, login):
    client = login(office)
    assert client.get("/campaigns/new/").status_code == 200
    response = client.post(
        "/campaigns/new/",
        {
            "name": "Thi đua “Đổi mới, sáng tạo” năm 2025",
            "plan_number": "45/KH-SYT",
            "plan_date": "2025-03-01",
            "start_date": "2025-04-01",
            "end_date": "2025-12-15",
            "themes": "Chuyển đổi số\nCải cách hành chính",
            "participants": "Các đơn vị trực thuộc",
            "criteria_collective": "Hoàn thành tốt nhiệm vụ",
            "criteria_individual": "Có sáng kiến",
            "registration_deadline": "2025-05-15",
            "report_deadline": "2025-12-31",
            "is_open": "on",
            "phases-TOTAL_FORMS": "2",
            "phases-INITIAL_FORMS": "0",
            "phases-MIN_NUM_FORMS": "0",
            "phases-MAX_NUM_FORMS": "1000",
            "phases-0-name": "Đợt 1",
            "phases-0-start_date": "2025-04-01",
            "phases-0-end_date": "2025-10-01",
            "phases-1-name": "Đợt 2",
            "phases-1-start_date": "2025-10-01",
            "phases-1-end_date": "2025-12-15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(plan_number="45/KH-SYT")
    assert campaign.registration_deadline == datetime.date(2025, 5, 15)
    assert campaign.theme_list == ["Chuyển đổi số", "Cải cách hành chính"]
    assert [p.name for p in campaign.phases.all()] == ["Đợt 1", "Đợt 2"]
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Đợt 2" in page and "Cải cách hành chính" in page


def test_units_cannot_manage_campaigns(officer_a, campaign, login):
    client = login(officer_a)
    assert client.get("/campaigns/new/").status_code == 403
    assert client.get(f"/campaigns/{campaign.pk}/edit/").status_code == 403


def test_unit_registers_and_the_office_sees_who_did(
    campaign, officer_a, officer_b, office, unit_a, unit_b, login
):
    campaign.registration_deadline = timezone.localdate() + datetime.timedelta(days=30)
    campaign.save()
    client = login(officer_a)
    response = client.post(f"/campaigns/{campaign.pk}/register/", {"theme": "Mô hình bệnh án điện tử"})
    assert response.status_code == 302
    client.post(f"/campaigns/{campaign.pk}/register/", {"theme": "Mô hình “Bệnh viện không giấy tờ”"})
    registration = UnitRegistration.objects.get()
    assert (registration.unit, registration.theme) == (unit_a, "Mô hình “Bệnh viện không giấy tờ”")
    assert registration.registered_by == officer_a

    page = login(office).get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Bệnh viện không giấy tờ" in page
    assert unit_b.name in page and ("Chưa đăng ký" in page or "Not registered" in page)

    other = login(officer_b).get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Bệnh viện không giấy tờ" not in other  # unit B sees only its own registration


def test_registration_after_the_deadline_is_refused(campaign, officer_a, unit_a):
    with pytest.raises(ValidationError):
        services.register_unit(
            campaign=campaign, unit=unit_a, by=officer_a, theme="Muộn", day=datetime.date(2024, 7, 16)
        )
    assert not UnitRegistration.objects.exists()


def test_a_unit_cannot_register_another_unit(campaign, officer_b, unit_a):
    with pytest.raises(PermissionDenied):
        services.register_unit(
            campaign=campaign, unit=unit_a, by=officer_b, theme="x", day=datetime.date(2024, 7, 1)
        )


def test_results_report_is_checked_like_evidence_and_kept_per_unit(
    campaign, officer_a, officer_b, office, login
):
    client = login(officer_a)
    bad = SimpleUploadedFile("bao-cao.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    assert client.post(f"/campaigns/{campaign.pk}/report/", {"file": bad}).status_code == 400
    assert not ResultsReport.objects.exists()
    good = SimpleUploadedFile("Báo cáo kết quả.pdf", PDF, content_type="application/pdf")
    assert client.post(f"/campaigns/{campaign.pk}/report/", {"file": good}).status_code == 302
    report = ResultsReport.objects.get()
    assert report.original_name == "Báo cáo kết quả.pdf"
    url = f"/campaigns/{campaign.pk}/reports/{report.pk}/"
    assert client.get(url).status_code == 200
    assert login(office).get(url).status_code == 200
    assert login(officer_b).get(url).status_code == 404


@pytest.mark.parametrize("role", ["director", "deputy_director", "trade_union", "inspector"])
def test_department_roles_outside_the_office_read_campaigns(role, campaign, login):
    # The menu offers Campaigns to each of them (the production smoke visit opens every menu link).
    client = login(UserFactory(username=f"doc-{role}", roles=[role]))
    assert client.get("/campaigns/").status_code == 200
    assert client.get(f"/campaigns/{campaign.pk}/").status_code == 200
