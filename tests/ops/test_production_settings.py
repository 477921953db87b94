"""The production settings as a deployment runs them (DJANGO_DEBUG=0, collected static files,
WhiteNoise, the SSL redirect): each check runs in a fresh process that imports those settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

ROOT = Path(__file__).resolve().parents[2]
HOST = "khenthuong.soyte.example"

# Runs in the child process: collectstatic into an empty folder, then requests through the whole
# middleware stack (WhiteNoise included) with the production settings; prints what it saw.
PROBE = r"""
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client

call_command("collectstatic", "--noinput", verbosity=0)
plain = Client()
secure = Client(headers={"X-Forwarded-Proto": "https"})
seen = {}
r = plain.get("/healthz", HTTP_HOST="10.0.0.5:8000")
seen["healthz_plain"] = [r.status_code, r.get("Content-Type"), r.content.decode()]
for path in ["/", "/login/", "/healthz/", "/healthzz"]:
    r = plain.get(path, HTTP_HOST=sys.argv[1])
    seen["plain " + path] = [r.status_code, r.get("Location")]
r = secure.get("/login/", HTTP_HOST=sys.argv[1])
seen["login"] = [r.status_code, r.content.decode()]
css = r.content.decode().split('rel="stylesheet" href="')[1].split('"')[0]
s = secure.get(css, HTTP_HOST=sys.argv[1])
seen["css"] = [css, s.status_code, s.get("Cache-Control"), b"".join(s.streaming_content).decode()[:200]]
r = secure.get("/admin/login/", HTTP_HOST=sys.argv[1])
seen["admin_login"] = [r.status_code, r.content.decode()]
r = secure.get("/no-such-page/", HTTP_HOST=sys.argv[1])
seen["404"] = [r.status_code, r.content.decode()]
r = secure.get("/login/", HTTP_HOST="evil.example")
seen["400"] = [r.status_code, r.content.decode()]
r = Client(enforce_csrf_checks=True, headers={"X-Forwarded-Proto": "https"}).post(
    "/login/", {"username": "x", "password": "y"}, HTTP_HOST=sys.argv[1]
)
seen["csrf"] = [r.status_code, r.content.decode()]
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """What the production settings answered, with the folder collectstatic filled."""
    tmp = tmp_path_factory.mktemp("production")
    inherited = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-settings-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": f"{HOST},10.0.0.5",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "KHENTHUONG_VAR_DIR": str(tmp / "var"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", PROBE, HOST], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), tmp / "static"


def test_collectstatic_collects_our_stylesheet_and_the_admin_but_not_viewflow(production):
    _, static_root = production
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    assert "css/app.css" in manifest
    assert "admin/css/base.css" in manifest
    assert not any(path.startswith("viewflow/") for path in manifest)


def test_healthz_answers_json_over_plain_http(production):
    seen, _ = production
    status, content_type, body = seen["healthz_plain"]
    assert (status, content_type) == (200, "application/json")
    assert json.loads(body) == {"status": "ok", "database": True, "broker": True}


@pytest.mark.parametrize("path", ["/", "/login/", "/healthz/", "/healthzz"])
def test_every_other_plain_http_path_redirects_to_https(production, path):
    seen, _ = production
    assert seen[f"plain {path}"] == [301, f"https://{HOST}{path}"]


def test_pages_link_the_hashed_stylesheet_served_with_far_future_caching(production):
    seen, _ = production
    assert seen["login"][0] == 200
    css, status, cache_control, body = seen["css"]
    assert css.startswith("/static/css/app.") and css.endswith(".css") and css != "/static/css/app.css"
    assert status == 200
    assert "immutable" in cache_control and "max-age=315360000" in cache_control
    assert "{" in body
    assert seen["admin_login"][0] == 200


def test_not_found_is_our_page(production):
    seen, _ = production
    status, body = seen["404"]
    assert status == 404
    assert "Không tìm thấy" in body or "Not found" in body
    assert "/static/css/app." in body
    assert "viewflow" not in body.lower() and "material" not in body.lower()


def test_bad_request_is_our_page_in_both_languages(production):
    seen, _ = production
    status, body = seen["400"]
    assert status == 400
    assert "Yêu cầu không hợp lệ" in body and "Bad request" in body
    assert "viewflow" not in body.lower() and "material" not in body.lower()


def test_csrf_failure_is_our_page_in_both_languages(production):
    seen, _ = production
    status, body = seen["csrf"]
    assert status == 403
    assert "Không gửi được biểu mẫu" in body and "The form could not be sent" in body


def test_server_error_page_is_ours_in_both_languages():
    request = RequestFactory().get("/")
    body = defaults.server_error(request).content.decode()
    assert "Đã có lỗi xảy ra" in body and "Something went wrong" in body
    assert "viewflow" not in body.lower() and "material" not in body.lower()


@pytest.mark.django_db
def test_forbidden_page_is_ours_in_the_users_language():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    for language, title in [("vi", "Không được phép"), ("en", "Not allowed")]:
        with translation.override(language):
            body = defaults.permission_denied(request, PermissionDenied()).content.decode()
        assert title in body, body
        assert "viewflow" not in body.lower() and "material" not in body.lower()
