"""In the browser: a unit registers to the campaign and imports its nominee list from Excel."""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from campaigns.models import UnitRegistration
from documents.importer import COLUMNS
from nominations.models import Campaign, Nomination, Staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def workbook(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([label for label, _width in COLUMNS])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_unit_registers_to_the_campaign_then_imports_its_nominees(demo, web):
    # One test, so that the demo (the slow part) is built once for both journeys.
    registers_its_model_and_the_office_sees_it(web)
    web.login_as("bvtn.canbo")
    imports_its_nominee_list(web)


def registers_its_model_and_the_office_sees_it(web):
    page = web.page
    campaign = Campaign.objects.get(plan_number="KH-SYT/2024")
    # The demo's registration deadline is in 2024; open it again for this test.
    campaign.registration_deadline = None
    campaign.save()

    web.login("bvdn2.canbo")
    web.goto("/campaigns/")
    web.submit(page.get_by_role("link", name=campaign.name))
    expect(page.locator("#progress")).to_have_count(0)  # a unit sees only its own part
    page.fill("#registration input[name=theme]", "Mô hình “Khám bệnh không chờ đợi”")
    web.submit(page.locator("#registration button[type=submit]"))
    expect(page.locator("ul.messages")).to_be_visible()
    expect(page.locator("#registration .registered")).to_contain_text("Khám bệnh không chờ đợi")
    assert UnitRegistration.objects.get(campaign=campaign, unit__code="bvdn2").theme.startswith("Mô hình")
    web.screenshot("campaign-registered")

    web.login_as("vanphong")
    web.goto(f"/campaigns/{campaign.pk}/")
    row = page.locator("#progress tr", has_text="Đồng Nai - 2")
    expect(row).to_contain_text("Khám bệnh không chờ đợi")
    expect(page.locator("#progress tr", has_text="Thống Nhất")).to_contain_text("Bệnh viện không giấy tờ")


def imports_its_nominee_list(web):
    page = web.page
    staff = list(Staff.objects.filter(unit__code="bvtn", nominations__isnull=True).order_by("staff_code")[:2])
    before = Nomination.objects.count()
    web.goto("/documents/import/")
    with page.expect_download() as download:
        page.locator("a[href$='/documents/import/template.xlsx']").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    bad = workbook(
        [
            [1, "Cá nhân", staff[0].staff_code, "", "giay-khen-ca-nhan", 2024, "Đột xuất", "", "Cứu người."],
            [2, "Cá nhân", "KHONG-CO-MA", "", "giay-khen-ca-nhan", 2024, "Đột xuất", "", "x"],
        ]
    )
    page.set_input_files(
        "input[name=file]", {"name": "danh-sach.xlsx", "mimeType": "application/octet-stream", "buffer": bad}
    )
    web.submit(page.locator("main form button[type=submit]"))
    expect(page.locator("#import-errors tr.import-error")).to_have_count(1)
    expect(page.locator("#import-errors")).to_contain_text("KHONG-CO-MA")
    assert Nomination.objects.count() == before
    web.screenshot("import-errors")

    good = workbook(
        [
            [1, "Cá nhân", staff[0].staff_code, "", "giay-khen-ca-nhan", 2024, "Đột xuất", "", "Cứu người."],
            [2, "Cá nhân", staff[1].staff_code, "", "giay-khen-ca-nhan", 2024, "Đột xuất", "", "Sáng kiến."],
        ]
    )
    page.set_input_files(
        "input[name=file]", {"name": "danh-sach.xlsx", "mimeType": "application/octet-stream", "buffer": good}
    )
    web.submit(page.locator("main form button[type=submit]"))
    expect(page.locator("ul.messages")).to_contain_text("2")
    assert Nomination.objects.count() == before + 2
