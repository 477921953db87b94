"""The OpenAPI schema validates; Swagger UI and Redoc are for administrators and load their
assets from our own static files (the CSP allows nothing else, and no inline script)."""

import io
import re

import pytest
import yaml
from django.core.management import call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    paths = schema["paths"]
    for path in (
        "/api/dossiers/",
        "/api/dossiers/{code}/",
        "/api/dossiers/{code}/evidence/",
        "/api/decisions/",
        "/api/decisions/{id}/",
        "/api/decisions/{id}/pdf/",
        "/api/verify/{token}/",
    ):
        assert path in paths, path
    assert "IntegrationToken" in schema["components"]["securitySchemes"]
    assert {p["name"] for p in paths["/api/dossiers/"]["get"]["parameters"]} >= {"query", "status", "unit"}


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin2", roles=["administrator"])


def test_administrators_read_the_schema_and_its_pages(client, administrator):
    client.force_login(administrator)
    assert client.get("/api/schema/").status_code == 200
    for url in ("/api/docs/", "/api/redoc/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        # No inline script: every <script> names its source, on this site.
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert scripts
        for attributes, body in scripts:
            assert 'src="/' in attributes and not body.strip(), attributes
        assert "cdn" not in page.lower()
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_the_swagger_initialiser_is_a_script_of_our_own(client, administrator):
    client.force_login(administrator)
    page = client.get("/api/docs/").content.decode()
    init = re.search(r'<script src="(/api/docs/\?script=[^"]*)"', page)
    assert init, page
    script = client.get(init.group(1).replace("&amp;", "&"))
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.parametrize("role", ["office_reviewer", "director", "inspector", "unit_officer"])
def test_other_people_do_not_see_the_api_pages(client, role, unit_a):
    client.force_login(UserFactory(username=f"u-{role}", roles=[role], unit=unit_a))
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
        assert client.get(url).status_code == 403, (role, url)


def test_anonymous_people_do_not_see_the_api_pages(client):
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
        assert client.get(url).status_code in (401, 403)
