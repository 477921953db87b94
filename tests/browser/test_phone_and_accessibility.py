"""Every role's main pages at 390 × 844 (a director signs from a phone): nothing scrolls
sideways; and axe-core finds no serious or critical accessibility violation on them, at
the desktop width and on the phone."""

import pytest

from .pages import PHONE, ROLES, axe_violations, horizontal_overflow, main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_fit_a_phone_and_pass_axe(demo, web, username):
    page = web.page
    web.login(username)
    paths = main_pages(web)
    assert len(paths) >= 3, paths
    problems = {}
    page.set_viewport_size(PHONE)
    for path in paths:
        web.goto(path)
        overflow = horizontal_overflow(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{username} {path}: {overflow}px wider than a 390px phone"
        )
        violations = axe_violations(page)
        if violations:
            problems[f"phone {path}"] = violations
        slug = path.strip("/").replace("/", "-") or "home"
        web.screenshot(f"phone-{username}-{slug}")
    page.set_viewport_size({"width": 1366, "height": 900})
    for path in paths:
        web.goto(path)
        violations = axe_violations(page)
        if violations:
            problems[f"desktop {path}"] = violations
    assert not problems, "\n".join(f"{where}: {v}" for where, found in problems.items() for v in found)


def test_phone_menu_opens_and_closes(demo, web):
    page = web.page
    web.login("giamdoc")
    page.set_viewport_size(PHONE)
    web.goto("/")
    toggle = page.locator("button.menu-toggle")
    menu = page.locator("#mainnav")
    assert toggle.is_visible() and not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    web.screenshot("phone-giamdoc-menu-open")
    toggle.click()
    assert not menu.is_visible()
