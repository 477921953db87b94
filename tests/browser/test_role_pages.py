"""Every demo account signs in through the login page and sees its own pages, in Vietnamese."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# username → whether the account works on steps of the flow (and so has an inbox and a queue).
DEMO_USERS = {
    "bvtn.canbo": True,
    "bvtn.truong": True,
    "vanphong": True,
    "chanhvanphong": True,
    "congdoan": True,
    "giamdoc": True,
    "phogiamdoc": True,
    "thanhtra": False,
    "admin": False,
}
INBOX_TITLE = re.compile(r"^(Việc của tôi|My tasks)$")
QUEUE_TITLE = re.compile(r"^(Hàng chờ|Queue)$")
# A list's heading carries its true count: "Việc của tôi (3)".
INBOX_HEADING = re.compile(r"^(Việc của tôi|My tasks) \(\d+\)$")
QUEUE_HEADING = re.compile(r"^(Hàng chờ|Queue) \(\d+\)$")


def test_each_role_main_page(demo, web):
    page = web.page
    for username, works_on_steps in DEMO_USERS.items():
        web.login_as(username)

        web.goto("/")
        expect(page.locator("main h1")).to_contain_text("Xin chào")
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        expect(page.locator(".topbar .who")).to_contain_text("Đăng xuất")
        tasks_links = page.locator(".mainnav a[href='/tasks/'], .mainnav a[href='/tasks/queue/']")
        expect(tasks_links).to_have_count(2 if works_on_steps else 0)
        web.screenshot(f"{username}-home")

        if works_on_steps:
            web.goto("/tasks/")
            expect(page.locator("main h1")).to_have_text(INBOX_HEADING)
            expect(page.locator("nav.tabs a.active")).to_have_text(INBOX_TITLE)
            web.screenshot(f"{username}-inbox")

            web.goto("/tasks/queue/")
            expect(page.locator("main h1")).to_have_text(QUEUE_HEADING)
            expect(page.locator("nav.tabs a.active")).to_have_text(QUEUE_TITLE)
            web.screenshot(f"{username}-queue")
        web.assert_no_server_error()
