"""In Chromium, on the Đồng Nai demo: the statistics and step-analytics pages show the
figures the database holds; the report document downloads; the reviewer sees what changed
since a return; the public lookup shows a dossier's step and nothing else, and is throttled;
a return and a signoff are completed with the keyboard alone."""

import datetime
import statistics as pystats

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from viewflow.workflow.status import STATUS

from nominations.models import Nomination
from tests.documents.readers import docx_text, xlsx_rows
from workflows import drafting, services
from workflows.selectors import human_tasks
from workflows.steps import Decision

from .pages import PHONE, axe_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def user(username):
    return get_user_model().objects.get(username=username)


def figure(page, name) -> str:
    return page.locator(f"[data-figure='{name}']").first.inner_text().strip()


def check_page(web, name):
    """Screenshots at desktop and phone width, no sideways scroll, no serious axe finding."""
    page = web.page
    web.screenshot(f"{name}-desktop")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []
    web.screenshot(f"{name}-phone")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_statistics_show_the_databases_figures(demo, web):
    page = web.page
    web.login("vanphong")
    web.goto("/")
    web.submit(page.locator(".mainnav a[href='/reports/']"))
    everything = Nomination.objects.all()
    individuals = everything.filter(nominee_kind="individual")
    women = individuals.filter(staff__gender="female").count()
    assert figure(page, "total") == str(everything.count())
    assert figure(page, "individuals") == str(individuals.count())
    assert figure(page, "women-share") == f"{100 * women / individuals.count():.1f}%".replace(".", ",")
    assert page.locator("figure.stats-chart svg[role=img]").count() >= 4
    check_page(web, "reports-statistics")

    # Filter one unit through the form, as a clerk would.
    page.select_option("select[name=unit]", label="Bệnh viện Đa khoa Thống Nhất")
    web.submit(page.locator("form.filters button[type=submit]"))
    bvtn = everything.filter(unit__code="bvtn")
    assert figure(page, "total") == str(bvtn.count())
    with page.expect_download() as download:
        page.locator("#table-award a.button").click()
    rows = xlsx_rows(open(download.value.path(), "rb").read())
    assert rows[-1][0] in ("Tổng cộng", "Total") and rows[-1][1] == bvtn.count()


def test_step_analytics_show_the_medians_of_the_tasks(demo, web):
    page = web.page
    # The demo is seeded in seconds: make the director's signoffs take five days (three allowed).
    for task in human_tasks().filter(status=STATUS.DONE):
        if task.flow_task.name == "director_signoff":
            type(task).objects.filter(pk=task.pk).update(created=task.finished - datetime.timedelta(days=5))
    web.login("giamdoc")
    web.goto("/reports/steps/")
    # The demo's tasks of the unit head's signoff that are done, as the database has them.
    done = [
        (t.finished - t.created).total_seconds() / 86400
        for t in human_tasks().filter(status=STATUS.DONE)
        if t.flow_task.name == "unit_signoff"
    ]
    row = page.locator("tr[data-step='unit_signoff']")
    expect(row.locator("[data-figure='median']")).to_have_text(
        f"{pystats.median(done):.1f}".replace(".", ",")
    )
    expect(page.locator("tr[data-step='director_signoff'] [data-figure='median']")).to_have_text("5,0")
    assert page.locator("tr.bottleneck-row").get_attribute("data-step") == "director_signoff"
    assert page.locator(".bottleneck-note").count() == 1
    heatmap = page.locator("img.heatmap")
    assert heatmap.evaluate("img => img.complete && img.naturalWidth > 0")
    check_page(web, "reports-steps")


def test_office_downloads_the_year_end_report(demo, web):
    page = web.page
    web.login("vanphong")
    web.goto("/reports/documents/")
    check_page(web, "reports-documents")
    page.fill("input[name=year]", "2024")
    page.fill("textarea[name=situation]", "Năm 2024 toàn ngành triển khai phong trào thi đua.")
    with page.expect_download() as download:
        page.locator("main form button[type=submit]").click()
    text = docx_text(open(download.value.path(), "rb").read())
    year = Nomination.objects.filter(year=2024)
    assert f"Tổng số hồ sơ đề nghị khen thưởng: {year.count()} (" in text
    assert "Năm 2024 toàn ngành triển khai phong trào thi đua." in text


def _tab_to(page, selector: str, *, limit: int = 120):
    """Press Tab until the focused element matches ``selector``; its focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {selector}"
            return
    raise AssertionError(f"Tab never reached {selector}")


def _keyboard_press(web, key="Enter"):
    with web.page.expect_navigation(wait_until="load"):
        web.page.keyboard.press(key)
    web.assert_no_server_error()


def test_keyboard_only_return_then_diff_then_signoff(demo, web):
    page = web.page
    waiting = next(
        t
        for t in human_tasks().filter(status=STATUS.NEW).order_by("id")
        if t.flow_task.name == "office_review"
    )
    nomination = waiting.process.nominationprocess.nomination
    # The reviewer, keyboard only: take the task, choose "return", write why, confirm.
    web.login("vanphong")
    web.goto(f"/tasks/{waiting.pk}/")
    _tab_to(page, "form[action$='/claim/'] button")
    _keyboard_press(web)
    _tab_to(page, "input[name=decision][value=forward]")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=decision][value=return]").is_checked()
    _tab_to(page, "textarea[name=comment]")
    page.keyboard.type("Đề nghị bổ sung quyết định công nhận sáng kiến.")
    _tab_to(page, "main form button.primary")
    _keyboard_press(web)
    nomination.refresh_from_db()
    assert nomination.status == "returned"

    # The unit revises (through the services, this part is not under test) and sends it back.
    officer, head = user(f"{nomination.unit.code}.canbo"), user(f"{nomination.unit.code}.truong")
    drafting.update_nomination(
        nomination,
        editor=officer,
        achievement_summary=nomination.achievement_summary + " Có sáng kiến cấp cơ sở.",
    )
    services.complete_task(_open(nomination), officer, Decision.RESUBMIT)
    services.complete_task(_open(nomination), head, Decision.SUBMIT)

    web.goto(f"/tasks/{_open(nomination).pk}/")
    diff = page.locator("#changes-since-return")
    expect(diff).to_contain_text("Đề nghị bổ sung quyết định công nhận sáng kiến.")
    expect(diff.locator("ins")).to_contain_text("Có sáng kiến cấp cơ sở.")
    check_page(web, "task-changes-since-return")

    # The director, keyboard only, on a phone: take a dossier and approve it.
    signoff = next(
        t
        for t in human_tasks().filter(status=STATUS.NEW).order_by("id")
        if t.flow_task.name == "director_signoff"
    )
    web.login_as("giamdoc")
    page.set_viewport_size(PHONE)
    web.goto(f"/tasks/{signoff.pk}/")
    _tab_to(page, "form[action$='/claim/'] button")
    _keyboard_press(web)
    _tab_to(page, "input[name=decision][value=approve]")
    page.keyboard.press("Space")
    _tab_to(page, "main form button.primary")
    web.screenshot("phone-giamdoc-signoff")
    _keyboard_press(web)
    signed = signoff.process.nominationprocess.nomination
    signed.refresh_from_db()
    assert signed.status == "approved"


def _open(nomination):
    return (
        nomination.process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(flow_task_type="FUNCTION")
        .get()
    )


def test_public_lookup_from_the_receipt(demo, web, settings):
    page = web.page
    settings.PUBLIC_LOOKUP_LIMIT = 4
    dossier = Nomination.objects.filter(unit__code="bvtn", status="office_review").order_by("id").first()
    web.login("bvtn.canbo")
    web.goto(f"/dossiers/{dossier.code}/")
    web.submit(page.locator(f"a[href$='/reports/receipts/{dossier.code}/']"))
    secret = figure(page, "secret")
    web.screenshot("receipt")
    web.logout()

    web.goto("/lookup/")
    page.fill("input[name=code]", dossier.code)
    page.fill("input[name=secret]", secret)
    web.submit(page.locator("main form button[type=submit]"))
    assert figure(page, "code") == dossier.code
    assert figure(page, "step") == "Văn phòng Sở thẩm định"
    body = page.locator("main").inner_text()
    for private in (
        dossier.nominee_name,
        dossier.unit.name,
        dossier.award_type.name,
        dossier.achievement_summary[:30],
    ):
        assert private not in body
    check_page(web, "public-lookup")

    # Guessing: after the limit, even the right secret is refused (429) and the page says so.
    for _ in range(3):
        page.fill("input[name=code]", dossier.code)
        page.fill("input[name=secret]", "AAAA-AAAA")
        web.submit(page.locator("main form button[type=submit]"))
        assert page.locator("[data-figure='step']").count() == 0
    page.fill("input[name=code]", dossier.code)
    page.fill("input[name=secret]", secret)
    with page.expect_response(lambda r: r.url.endswith("/lookup/") and r.request.method == "POST") as answer:
        page.locator("main form button[type=submit]").click()
    assert answer.value.status == 429
    page.wait_for_load_state()
    assert page.locator("[data-figure='step']").count() == 0
    assert page.locator("p.alert[role=alert]").count() == 1
    web.screenshot("public-lookup-throttled")
