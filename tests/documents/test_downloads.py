"""Who downloads which document, and what the files served over HTTP hold."""

import datetime

import pytest

from campaigns.models import NominationRound
from tests.factories import CampaignFactory, StaffFactory, UserFactory, make_nomination

from .readers import docx_text, pdf_text, xlsx_rows

pytestmark = pytest.mark.django_db


def test_office_downloads_the_decision_as_docx_pdf_certificates_and_list(issued_decision, office, login):
    client = login(office)
    base = f"/documents/decisions/{issued_decision.pk}"
    docx = client.get(f"{base}/quyet-dinh.docx")
    assert docx.status_code == 200
    assert "attachment" in docx["Content-Disposition"] and ".docx" in docx["Content-Disposition"]
    text = docx_text(docx.content)
    assert "Số: 125/QĐ-SYT" in text and "Nguyễn Thị Ánh Tuyết" in text and "Khoa Hồi sức tích cực" in text
    assert "cho 1 tập thể và 1 cá nhân" in text
    assert "125/QĐ-SYT" in pdf_text(client.get(f"{base}/quyet-dinh.pdf").content)
    certificates = pdf_text(client.get(f"{base}/giay-khen.pdf").content)
    assert "Ông Nguyễn Thị Ánh Tuyết" in certificates  # the factory's staff are male
    rows = xlsx_rows(client.get(f"{base}/trich-ngang.xlsx").content)
    assert any(row[2] == "Nguyễn Thị Ánh Tuyết" for row in rows)


def test_decision_page_links_to_its_documents(issued_decision, office, login):
    page = login(office).get(f"/decisions/{issued_decision.pk}/").content.decode()
    assert f"/documents/decisions/{issued_decision.pk}/quyet-dinh.docx" in page
    assert f"/documents/decisions/{issued_decision.pk}/giay-khen.pdf" in page


def test_pdf_and_certificates_exist_only_once_issued(issued_decision, office, login):
    issued_decision.status = "submitted"
    issued_decision.save()
    client = login(office)
    assert client.get(f"/documents/decisions/{issued_decision.pk}/quyet-dinh.docx").status_code == 200
    assert client.get(f"/documents/decisions/{issued_decision.pk}/quyet-dinh.pdf").status_code == 404
    assert client.get(f"/documents/decisions/{issued_decision.pk}/giay-khen.pdf").status_code == 404


def test_units_cannot_download_decisions(issued_decision, officer_a, login):
    assert (
        login(officer_a).get(f"/documents/decisions/{issued_decision.pk}/quyet-dinh.docx").status_code == 403
    )


@pytest.fixture
def campaign_round(office):
    campaign = CampaignFactory(plan_number="KH-SYT/2024")
    return NominationRound.objects.create(
        name="Đợt khen thưởng phong trào 2024",
        basis="campaign",
        campaign=campaign,
        opens_at=datetime.date(2024, 1, 1),
        deadline=datetime.date(2100, 1, 1),
        created_by=office,
    )


def test_unit_submission_letter_lists_only_its_own_nominees(campaign_round, unit_a, unit_b, officer_a, login):
    campaign = campaign_round.campaign
    head = UserFactory(username="bva.truong", full_name="Phạm Quốc Bảo", unit=unit_a, roles=["unit_head"])
    make_nomination(
        unit=unit_a,
        author=officer_a,
        basis="campaign",
        campaign=campaign,
        staff=StaffFactory(unit=unit_a, full_name="Đặng Thị Thu Hà"),
    )
    make_nomination(
        unit=unit_b,
        basis="campaign",
        campaign=campaign,
        staff=StaffFactory(unit=unit_b, full_name="Lê Hoàng Đạt"),
    )
    response = login(officer_a).get(f"/documents/rounds/{campaign_round.pk}/to-trinh.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "TỜ TRÌNH" in text and "Kính gửi: Giám đốc Sở Y tế tỉnh Đồng Nai." in text
    assert "BỆNH VIỆN A" in text and "/TTr-BVA" in text
    assert "Đặng Thị Thu Hà" in text and "Lê Hoàng Đạt" not in text
    assert "cho 1 cá nhân" in text
    assert head.full_name in text
    # Dated today (27/11/2026 or later): the texts in force then, not NĐ 98/2023.
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "98/2023/NĐ-CP" not in text
    rows = xlsx_rows(login(officer_a).get(f"/documents/rounds/{campaign_round.pk}/trich-ngang.xlsx").content)
    names = [row[2] for row in rows]
    assert "Đặng Thị Thu Hà" in names and "Lê Hoàng Đạt" not in names


def test_office_summary_of_a_round_covers_every_unit(campaign_round, unit_a, unit_b, office, login):
    campaign = campaign_round.campaign
    make_nomination(
        unit=unit_a,
        basis="campaign",
        campaign=campaign,
        staff=StaffFactory(unit=unit_a, full_name="Đặng Thị Thu Hà"),
    )
    make_nomination(
        unit=unit_b,
        basis="campaign",
        campaign=campaign,
        staff=StaffFactory(unit=unit_b, full_name="Lê Hoàng Đạt"),
    )
    rows = xlsx_rows(login(office).get(f"/documents/rounds/{campaign_round.pk}/trich-ngang.xlsx").content)
    names = [row[2] for row in rows]
    assert "Đặng Thị Thu Hà" in names and "Lê Hoàng Đạt" in names
    letter = login(office).get(f"/documents/rounds/{campaign_round.pk}/to-trinh.docx?unit={unit_b.code}")
    assert "Lê Hoàng Đạt" in docx_text(letter.content)
