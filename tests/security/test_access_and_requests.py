"""Hostile requests against unit isolation, roles, CSRF, redirects, paths and control
characters. Each case checks the answer and that nothing changed in the database."""

import pytest
from django.test import Client

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


# --- Another unit's dossier is a 404 (never a 403 that confirms it exists) -----------------

OTHER_UNIT_GETS = [
    "/dossiers/{draft}/",
    "/dossiers/{draft}/edit/",
    "/dossiers/{signoff}/",
    "/audit/dossiers/{draft}/",
    "/dossiers/{signoff}/chart.svg",
    "/eligibility/dossiers/{draft}/initiatives/",
]
OTHER_UNIT_POSTS = [
    ("/dossiers/{draft}/edit/", {"achievement_summary": "đổi"}),
    ("/dossiers/{draft}/submit/", {}),
    ("/dossiers/{draft}/files/", {"description": "x"}),
    ("/eligibility/dossiers/{draft}/initiatives/", {"title": "x", "level": "co_so", "year": 2024}),
]


def _fill(template, world):
    return template.format(draft=world.draft_b.code, signoff=world.signoff_b.code)


@pytest.mark.parametrize("path", OTHER_UNIT_GETS)
@pytest.mark.parametrize("who", ["officer_a", "head_a"])
def test_another_units_dossier_is_not_found(world, as_user, unchanged, path, who):
    client = as_user(getattr(world, who))
    with unchanged():
        assert client.get(_fill(path, world)).status_code == 404


@pytest.mark.parametrize(("path", "data"), OTHER_UNIT_POSTS)
def test_another_units_dossier_cannot_be_changed(world, as_user, unchanged, path, data):
    client = as_user(world.officer_a)
    with unchanged():
        assert client.post(_fill(path, world), data).status_code == 404


def test_another_units_task_in_a_batch_reveals_neither_code_nor_holder(world, as_user, unchanged):
    from .conftest import open_task

    client = as_user(world.head_a)
    task = open_task(world.office_b)
    with unchanged():
        response = client.post(
            "/tasks/batch/", {"step": "office_review", "tasks": [task.pk], "decision": "forward"}, follow=True
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert world.office_b.code not in page and world.reviewer.full_name not in page


# --- Roles: pages and actions of another role -----------------------------------------------

ROLE_REFUSALS = [
    ("officer_a", "get", "/audit/", 403),
    ("officer_a", "get", "/audit/export/csv/", 403),
    ("officer_a", "get", "/decisions/new/", 403),
    ("officer_a", "get", "/council/", 404),
    ("officer_a", "get", "/campaigns/new/", 403),
    ("officer_a", "get", "/notifications/outbox/", 403),
    ("officer_a", "get", "/accounts/lockouts/", 403),
    ("officer_a", "get", "/admin/", 302),
    ("head_a", "get", "/decisions/", 403),
    ("union", "get", "/decisions/new/", 403),
    ("union", "get", "/council/", 404),
    ("reviewer", "get", "/audit/", 403),
    ("reviewer", "get", "/accounts/lockouts/", 403),
    ("director", "get", "/campaigns/new/", 403),
    ("inspector", "get", "/decisions/new/", 403),
    ("inspector", "post", "/campaigns/rounds/", 403),
]


@pytest.mark.parametrize(("who", "method", "path", "status"), ROLE_REFUSALS)
def test_a_role_is_refused_another_roles_pages(world, as_user, unchanged, who, method, path, status):
    client = as_user(getattr(world, who))
    with unchanged():
        response = getattr(client, method)(path, {"name": "x"} if method == "post" else None)
    assert response.status_code == status
    if status == 302:
        assert "/admin/login/" in response["Location"]


def test_a_unit_officer_cannot_act_on_the_office_step(world, as_user, unchanged):
    from .conftest import open_task

    client = as_user(world.officer_b)
    with unchanged():
        response = client.post(f"/tasks/{open_task(world.office_b).pk}/", {"decision": "forward"})
    assert response.status_code == 404


# --- CSRF -------------------------------------------------------------------------------------

CSRF_POSTS = [
    "/dossiers/new/",
    "/dossiers/{draft}/submit/",
    "/tasks/batch/",
    "/decisions/new/",
    "/logout/",
    "/notifications/read-all/",
]


@pytest.mark.parametrize("path", CSRF_POSTS)
def test_a_post_without_the_csrf_token_is_refused(world, unchanged, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer_b, backend="django.contrib.auth.backends.ModelBackend")
    with unchanged():
        assert client.post(_fill(path, world), {}).status_code == 403


# --- Redirects off the site -------------------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_sign_in_never_redirects_off_the_site(world, client, target):
    response = client.post(
        "/login/", {"username": world.officer_a.username, "password": DEFAULT_PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] in ("/", "/?")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_a_batch_never_sends_the_user_off_the_site(world, as_user, target):
    client = as_user(world.head_b)
    response = client.post(
        "/tasks/batch/", {"step": "unit_signoff", "tasks": [], "decision": "submit", "next": target}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# --- Paths and query strings that no database should see --------------------------------------

NUL_PATHS = [
    "/dossiers/KT%00/",
    "/dossiers/KT-2024-000001%00/",
    "/audit/dossiers/%00/",
    "/dossiers/KT-2024-000001%00/chart.svg",
    "/eligibility/dossiers/%00/initiatives/",
]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_nul_byte_in_the_path_is_a_clear_400(world, as_user, unchanged, path):
    client = as_user(world.reviewer)
    with unchanged():
        response = client.get(path)
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


HOSTILE_PATHS = [
    "/dossiers/KT/",
    "/audit/dossiers/KT-24-1/",
    "/tasks/99999999999999999999999999/",
    "/decisions/99999999999999999999/",
    "/campaigns/0/",
    "/documents/decisions/-1/quyet-dinh.docx",
    "/dossiers/%27%20OR%201=1--/",
    "/dossiers/" + "K" * 5000 + "/",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_malformed_path_is_not_found_not_an_error(world, as_user, unchanged, path):
    client = as_user(world.reviewer)
    with unchanged():
        assert client.get(path).status_code == 404


HOSTILE_QUERIES = [
    "/documents/rounds/1/trich-ngang.xlsx?unit=%00",
    "/dossiers/?query=%00",
    "/dossiers/?status=%01",
    "/tasks/queue/?query=nguy%00en",
    "/audit/?user=%00",
    "/audit/?query=%1b%5b31m",
]


@pytest.mark.parametrize("path", HOSTILE_QUERIES)
def test_control_characters_in_the_query_are_a_clear_400(world, as_user, unchanged, path):
    client = as_user(world.office_head)
    with unchanged():
        response = client.get(path)
    assert response.status_code == 400
    assert (
        "ký tự điều khiển" in response.content.decode() or "control characters" in response.content.decode()
    )


@pytest.mark.parametrize("comment", ["trả lại\x00", "trả\x01 lại", "\x1b[31mđỏ"])
def test_control_characters_in_a_comment_are_a_form_error(world, as_user, unchanged, comment):
    from .conftest import open_task

    client = as_user(world.head_b)
    with unchanged():
        response = client.post(
            f"/tasks/{open_task(world.signoff_b).pk}/", {"decision": "return", "comment": comment}
        )
    assert response.status_code == 200
    assert response.context["form"].errors["comment"]


@pytest.mark.parametrize("summary", ['=HYPERLINK("http://evil.example")\x00', "bình\x07thường", "a\x0bb"])
def test_control_characters_in_a_dossier_are_a_form_error(world, as_user, unchanged, summary):
    client = as_user(world.officer_b)
    with unchanged():
        response = client.post(
            f"/dossiers/{world.draft_b.code}/edit/",
            {
                "year": 2024,
                "basis": "annual",
                "nominee_kind": "individual",
                "staff": world.draft_b.staff_id,
                "award_type": world.draft_b.award_type_id,
                "achievement_summary": summary,
            },
        )
    assert response.status_code == 200
    assert response.context["form"].errors["achievement_summary"]


# --- Stored XSS: a person's text is shown, never run --------------------------------------------

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("path", ["/dossiers/{code}/", "/dossiers/", "/audit/dossiers/{code}/"])
def test_text_from_a_person_is_escaped_in_pages(world, as_user, path):
    from workflows.drafting import update_nomination

    update_nomination(world.draft_b, editor=world.officer_b, achievement_summary=XSS, collective_name="")
    client = as_user(world.officer_b)
    page = client.get(path.format(code=world.draft_b.code)).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page


# --- Headers ----------------------------------------------------------------------------------


def test_signed_in_pages_carry_a_strict_csp_and_are_not_cached(world, as_user):
    response = as_user(world.officer_b).get("/dossiers/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Cache-Control"] == "private, no-store"


def test_an_evidence_download_is_not_cached(world, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflows.drafting import add_attachment

    attachment = add_attachment(
        world.draft_b,
        uploaded_by=world.officer_b,
        uploaded_file=SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    response = as_user(world.officer_b).get(f"/dossiers/{world.draft_b.code}/files/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_pages_have_no_inline_script_handlers(world, as_user):
    client = as_user(world.head_b)
    for path in ["/", "/tasks/queue/", "/dossiers/"]:
        page = client.get(path).content.decode()
        assert " onclick=" not in page and " onchange=" not in page and "<script>" not in page
