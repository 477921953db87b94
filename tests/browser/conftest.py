"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's sync API keeps an asyncio loop running in the test thread, so Django would
refuse ORM calls there (SynchronousOnlyOperation); the tests read the database between
clicks, hence DJANGO_ALLOW_ASYNC_UNSAFE, set before anything imports Django.
"""

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import io  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402

from tests.factories import DEFAULT_PASSWORD  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TIMEOUT_MS = 15_000

# Pages that must never show, whatever the language.
SERVER_ERROR = re.compile(r"Server Error|Traceback|Internal Server Error|Lỗi máy chủ", re.IGNORECASE)


NO_CHROMIUM = "Chromium not installed at /usr/bin/chromium: apt-get install chromium"


@pytest.fixture(autouse=True)
def _chromium_required():
    # Autouse, so that a machine without Chromium skips before the demo is built.
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Browsing:
    """One browser tab on the live server, with the few moves every test makes."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.server_errors: list[str] = []
        page.on("response", self._watch)

    def _watch(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        response = self.page.goto(self.url(path))
        assert response is not None and response.status < 400, f"GET {path}: {response and response.status}"
        self.assert_no_server_error()
        return response

    def submit(self, locator):
        """Click a link or a form button and wait for the page it leads to."""
        with self.page.expect_navigation(wait_until="load"):
            locator.click()
        self.assert_no_server_error()

    def assert_no_server_error(self):
        assert not self.server_errors, self.server_errors
        assert not SERVER_ERROR.search(self.page.title()), self.page.title()

    def login(self, username: str, password: str = DEFAULT_PASSWORD):
        self.goto("/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.submit(self.page.locator("main form button[type=submit]"))
        assert "/login/" not in self.page.url, f"{username} could not sign in"

    def logout(self):
        self.submit(self.page.locator(".topbar form[action$='/logout/'] button"))
        assert "/login/" in self.page.url

    def login_as(self, username: str):
        """Sign out whoever is signed in, then sign ``username`` in through the login page."""
        if self.page.locator(".topbar form[action$='/logout/']").count():
            self.logout()
        self.login(username)

    def messages(self, kind: str = "") -> str:
        selector = f"ul.messages li.msg-{kind}" if kind else "ul.messages li"
        return "\n".join(self.page.locator(selector).all_inner_texts())

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def page(browser, live_server):
    # Vietnamese as a Vietnamese clerk's browser asks for it (LocaleMiddleware reads Accept-Language).
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    # Chromium asks for /favicon.ico on its own; answer it here so that no stray request
    # reaches the live server while the test reads the shared in-memory database.
    tab.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    yield tab
    context.close()


@pytest.fixture
def web(page, live_server) -> Browsing:
    return Browsing(page, live_server.url)


@pytest.fixture
def demo(settings, live_server):
    """The Đồng Nai demo, every account with the test password."""
    settings.DEMO_PASSWORD = DEFAULT_PASSWORD
    call_command("seed_demo", stdout=io.StringIO())
