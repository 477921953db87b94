"""The API's Swagger UI and Redoc render for an administrator from our own static files, with
no script blocked by the CSP (Redoc's page alone allows injected styles and a blob: worker)."""

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_and_redoc_render(web, live_server):
    UserFactory(username="quantri", roles=["administrator"])
    console = []
    web.page.on("console", lambda message: console.append(message.text))
    web.login("quantri", DEFAULT_PASSWORD)
    web.goto("/api/docs/")
    expect(web.page.locator(".swagger-ui .info .title")).to_contain_text("Khen thưởng")
    expect(web.page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
    web.goto("/api/redoc/")
    expect(web.page.locator("h1").first).to_contain_text("Khen thưởng")
    expect(web.page.get_by_text("/api/dossiers/").first).to_be_attached()
    web.screenshot("api-redoc")
    assert not [line for line in console if "script-src" in line], console
