"""In the browser: accounts invited in bulk set their own password from the mail (a real SMTP
server, aiosmtpd); "forgot my password" answers the same for an unknown address and mails
nothing; a merger moves staff and open dossiers while an old decision keeps the old name."""

import email
import re
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail as django_mail
from playwright.sync_api import expect

from nominations.models import Nomination, NominationStatus, Staff, Unit
from tests.factories import UnitFactory, UserFactory
from tests.notifications.realparts import SinkHandler
from workflows.models import AwardDecision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMTP_PORT = 8183  # this branch's range: 8181-8189
NEW_PASSWORD = "Mật-khẩu-riêng-2026"


@pytest.fixture
def smtp(settings, live_server):
    """A real SMTP server; mails are sent by the Celery task, run inline when queued."""
    from config.celery import app

    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    settings.SITE_URL = live_server.url
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield handler
    app.conf.task_always_eager = eager
    controller.stop()
    assert not django_mail.outbox  # everything went through SMTP


def wait_for(handler, count, timeout=10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if handler.count() >= count:
            return True
        time.sleep(0.05)
    return handler.count() >= count


def body_of(envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_invited_person_sets_a_password_and_signs_in(smtp, web, db):
    UnitFactory(code="bva", name="Bệnh viện A", short_name="BV A")
    UserFactory(username="quantri", full_name="Quản trị", roles=["administrator"])
    page = web.page
    web.login("quantri")
    web.goto("/onboarding/accounts/")
    sheet = "Mã đơn vị,Vai trò,Họ và tên,Email\nbva,Cán bộ phụ trách TĐKT,Nguyễn Thị Lan,lan@example.vn\n"
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "tai-khoan.csv", "mimeType": "text/csv", "buffer": sheet.encode()}],
    )
    page.uncheck("input[name=dry_run]")
    web.submit(page.locator("#accounts-submit"))
    expect(page.locator("ul.messages")).to_be_visible()
    expect(page.locator("#accounts-waiting")).to_contain_text("bva.canbo")
    assert wait_for(smtp, 1)
    envelope = smtp.messages[0]
    assert envelope.rcpt_tos == ["lan@example.vn"]
    link = re.search(r"http://\S+/invitation/\S+/", body_of(envelope)).group(0)
    web.screenshot("accounts-invited")

    web.logout()
    page.goto(link)
    expect(page.locator("main")).to_contain_text("bva.canbo")
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    web.submit(page.locator("main form button[type=submit]"))
    assert "/login/" in page.url
    web.login("bva.canbo", NEW_PASSWORD)
    expect(page.locator(".topbar")).to_contain_text("Nguyễn Thị Lan")
    # The link was for one use only.
    web.logout()
    page.goto(link)
    expect(page.locator("#invalid-link")).to_be_visible()


def test_forgot_password_answers_the_same_and_mails_only_a_known_address(smtp, web, db):
    UserFactory(username="bva.canbo", email="lan@example.vn")
    page = web.page

    def ask(address) -> str:
        web.goto("/login/")
        web.submit(page.locator("#forgot-password"))
        page.fill("input[name=email]", address)
        web.submit(page.locator("main form button[type=submit]"))
        return page.locator("main").inner_text()

    unknown = ask("nobody@example.vn")
    time.sleep(1)
    assert smtp.count() == 0
    known = ask("lan@example.vn")
    assert known == unknown
    assert wait_for(smtp, 1) and smtp.messages[0].rcpt_tos == ["lan@example.vn"]
    link = re.search(r"http://\S+/password/set/\S+/", body_of(smtp.messages[0])).group(0)
    page.goto(link)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    web.submit(page.locator("main form button[type=submit]"))
    web.login("bva.canbo", NEW_PASSWORD)


def test_administrator_checks_then_imports_staff_from_the_page(smtp, web, db):
    """The import page: a dry run's report row by row, then the same file applied."""
    UnitFactory(code="bva", name="Bệnh viện A", short_name="BV A")
    UserFactory(username="quantri", full_name="Quản trị", roles=["administrator"])
    page = web.page
    web.login("quantri")
    web.goto("/onboarding/import/")
    expect(page.locator("#templates")).to_contain_text(".xlsx")
    sheet = (
        "Mã nhân viên,Họ và tên,Giới tính,Mã đơn vị\n"
        "NV-1,Nguyễn Văn An,Nam,bva\n"
        "NV-2,Trần Thị Bình,Nữ,bva\n"
        "NV-3,Lê Văn Cường,Nam,khong-co\n"
    )
    page.select_option("select[name=kind]", "staff")
    page.set_input_files(
        "input[name=file]", files=[{"name": "nhan-su.csv", "mimeType": "text/csv", "buffer": sheet.encode()}]
    )
    web.submit(page.locator("main form button[type=submit]"))
    expect(page.locator("#run-progress")).to_have_attribute("value", "100")
    expect(page.locator("#run-rows tr.row-refuse")).to_contain_text("khong-co")
    expect(page.locator("#apply-run")).to_have_count(0)
    assert not Staff.objects.exists()

    web.goto("/onboarding/import/")
    page.select_option("select[name=kind]", "staff")
    page.set_input_files(
        "input[name=file]",
        files=[
            {"name": "nhan-su.csv", "mimeType": "text/csv", "buffer": sheet.rsplit("NV-3", 1)[0].encode()}
        ],
    )
    web.submit(page.locator("main form button[type=submit]"))
    expect(page.locator("#run-rows tr.row-create")).to_have_count(2)
    web.screenshot("import-dry-run")
    web.submit(page.locator("#apply-run"))
    expect(page.locator("#run-counts")).to_contain_text("2")
    assert sorted(Staff.objects.values_list("staff_code", flat=True)) == ["NV-1", "NV-2"]


def test_a_merger_moves_staff_and_open_dossiers_and_old_decisions_keep_the_old_name(demo, web):
    page = web.page
    decision = AwardDecision.objects.filter(status="issued").order_by("id").first()
    awardee = decision.nominations.select_related("unit").first()
    old_unit = awardee.unit
    other = Unit.objects.get(code="bvydct")
    staff = set(Staff.objects.filter(unit=old_unit).values_list("pk", flat=True))
    open_dossiers = set(
        Nomination.objects.filter(unit=old_unit)
        .exclude(status__in=[NominationStatus.DECIDED, NominationStatus.REJECTED, NominationStatus.AWARDED])
        .exclude(status=NominationStatus.NOT_AWARDED)
        .values_list("pk", flat=True)
    )
    assert staff and open_dossiers

    web.login("admin")
    web.goto("/onboarding/organisation/")
    page.select_option("select[name=kind]", "merge")
    page.select_option("select[name=units]", [str(old_unit.pk), str(other.pk)])
    page.fill("input[name=new_unit_code]", "bvkv-hopnhat")
    page.fill("input[name=new_unit_name]", "Bệnh viện Đa khoa khu vực Hợp Nhất")
    page.fill("input[name=effective_date]", "01/07/2025")
    page.fill("input[name=decision_number]", "2001/QĐ-UBND")
    web.submit(page.locator("#organisation-form button[type=submit]"))
    expect(page.locator("#organisation-changes")).to_contain_text(old_unit.name)
    web.screenshot("organisation-merged")

    merged = Unit.objects.get(code="bvkv-hopnhat")
    assert set(Staff.objects.filter(unit=merged).values_list("pk", flat=True)) >= staff
    assert set(Nomination.objects.filter(unit=merged).values_list("pk", flat=True)) >= open_dossiers

    # The unit's officer now works for the merged unit and still finds the open dossiers.
    web.login_as(f"{old_unit.code}.canbo")
    web.goto("/dossiers/")
    moved = Nomination.objects.get(pk=sorted(open_dossiers)[0])
    expect(page.locator("main")).to_contain_text(moved.code)

    # The decision of before keeps the name the unit had.
    web.login_as("vanphong")
    web.goto(f"/decisions/{decision.pk}/")
    row = page.locator("tr", has_text=awardee.code)
    expect(row.locator("td.awardee-unit")).to_have_text(old_unit.name)
    web.screenshot("decision-keeps-old-name")
