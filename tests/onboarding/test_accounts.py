"""Accounts in bulk with invitation mails, "forgot my password" without account enumeration,
a forced change of a password the administrator typed, deactivation from the page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from audit.models import AuditEvent, EventType
from onboarding import accounts
from tests.factories import UserFactory

from .conftest import csv_bytes

User = get_user_model()
NEW_PASSWORD = "Mật-khẩu-riêng-2026"


def sheet(rows):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in accounts.COLUMNS])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in accounts.COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


ROWS = [
    {"unit": "bva", "role": "Cán bộ phụ trách TĐKT", "name": "Nguyễn Thị Lan", "email": "lan@example.vn"},
    {"unit": "bva", "role": "Thủ trưởng đơn vị", "name": "Trần Văn Hùng", "email": "hung@example.vn"},
    {
        "username": "vp.lan",
        "role": "Chuyên viên Văn phòng Sở",
        "name": "Lê Thị Mai",
        "email": "mai@example.vn",
    },
]


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def create(plan_rows, actor, captured):
    plan = accounts.plan_accounts("tai-khoan.csv", sheet(plan_rows))
    assert plan.ok, [(r.row, r.messages) for r in plan.rows]
    with captured(execute=True):
        return accounts.create_accounts(plan, actor=actor)


def test_accounts_from_a_sheet_get_roles_units_and_invitations(
    province, admin_user, eager, django_capture_on_commit_callbacks
):
    created = create(ROWS, admin_user, django_capture_on_commit_callbacks)
    assert [u.username for u in created] == ["bva.canbo", "bva.truong", "vp.lan"]
    officer = User.objects.get(username="bva.canbo")
    assert officer.unit.code == "bva" and not officer.has_usable_password()
    assert {g.name for g in officer.groups.all()} >= {"unit_officer", "unit:bva"}
    assert sorted(m.to[0] for m in mail.outbox) == ["hung@example.vn", "lan@example.vn", "mai@example.vn"]
    assert AuditEvent.objects.filter(event_type=EventType.ACCOUNT_INVITED).count() == 3


def test_invitation_link_sets_a_password_once_and_the_person_signs_in(
    province, admin_user, eager, django_capture_on_commit_callbacks, client
):
    create(ROWS[:1], admin_user, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    path = link.split("8000", 1)[1] if "8000" in link else link
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    assert "bva.canbo" in response.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == "/login/"
    # Through the sign-in form, as the person does (sign-in throttling needs the request).
    signed_in = client.post("/login/", {"username": "bva.canbo", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    again = client.get(path, follow=True)
    assert 'id="invalid-link"' in again.content.decode()


def test_accounts_from_staff_records_by_role(province, run_import, admin_user):
    run_import(
        "staff",
        csv_bytes(
            "staff",
            [
                {
                    "code": "NV-1",
                    "name": "Phạm Văn Tú",
                    "gender": "Nam",
                    "unit": "bvb",
                    "email": "tu@example.vn",
                }
            ],
        ),
    )
    plan = accounts.plan_accounts("a.csv", sheet([{"staff": "NV-1", "role": "Thủ trưởng"}]))
    assert plan.ok
    user = accounts.create_accounts(plan, actor=admin_user)[0]
    assert (user.username, user.full_name, user.email, user.unit.code) == (
        "bvb.truong",
        "Phạm Văn Tú",
        "tu@example.vn",
        "bvb",
    )


def test_second_identical_sheet_changes_nothing_and_sends_nothing(
    province, admin_user, eager, django_capture_on_commit_callbacks
):
    create(ROWS, admin_user, django_capture_on_commit_callbacks)
    sent, users = len(mail.outbox), User.objects.count()
    plan = accounts.plan_accounts("tai-khoan.csv", sheet(ROWS))
    assert [r.action for r in plan.rows] == ["unchanged"] * 3
    with django_capture_on_commit_callbacks(execute=True):
        assert accounts.create_accounts(plan, actor=admin_user) == []
    assert len(mail.outbox) == sent and User.objects.count() == users


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"unit": "bva", "name": "X", "email": "x@example.vn"}, "the role is missing"),
        ({"unit": "bva", "role": "Bảo vệ", "name": "X", "email": "x@example.vn"}, "Bảo vệ"),
        (
            {"role": "Thủ trưởng", "name": "X", "email": "x@example.vn"},
            "a unit's officer or head needs the unit code",
        ),
        (
            {"unit": "bva", "role": "Thủ trưởng", "name": "X"},
            "the email address is missing: the invitation is sent to it",
        ),
        ({"unit": "bva", "role": "Thủ trưởng", "name": "X", "email": "khong-phai-email"}, "khong-phai-email"),
        ({"staff": "NV-404", "role": "Thủ trưởng"}, "NV-404"),
        ({"username": "có dấu", "role": "Thanh tra", "name": "X", "email": "x@example.vn"}, "có dấu"),
        ({"username": "taken", "role": "Thanh tra", "name": "X", "email": "other@example.vn"}, "taken"),
        ({"username": "new", "role": "Thanh tra", "name": "X", "email": "taken@example.vn"}, "taken"),
        (
            {"username": "=cmd|calc", "role": "Thanh tra", "name": "X", "email": "y@example.vn"},
            "Tên đăng nhập",
        ),
    ],
)
def test_bad_account_rows_are_refused_with_their_row_number(province, row, message):
    from django.utils.translation import gettext

    UserFactory(username="taken", email="taken@example.vn")
    plan = accounts.plan_accounts("a.csv", sheet([ROWS[0], row]))
    assert not plan.ok
    bad = {r.row: " ".join(r.messages) for r in plan.rows if r.action == "refuse"}
    assert list(bad) == [3] and gettext(message) in bad[3]


def test_forgot_password_says_the_same_and_sends_only_to_a_known_address(
    province, eager, django_capture_on_commit_callbacks, client
):
    UserFactory(username="bva.canbo", email="lan@example.vn", unit=province["bva"])
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/password/forgot/", {"email": "LAN@example.vn"}, follow=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/password/forgot/", {"email": "nobody@example.vn"}, follow=True)
    assert len(mail.outbox) == 1

    def main(response):
        return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)

    assert known.redirect_chain == unknown.redirect_chain == [("/password/forgot/sent/", 302)]
    assert main(known) == main(unknown)
    # The link in the mail lets the person choose a new password.
    link = link_in(mail.outbox[0])
    path = link.split("8000", 1)[1]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    # Through the sign-in form, as the person does (sign-in throttling needs the request).
    signed_in = client.post("/login/", {"username": "bva.canbo", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session


def test_inactive_accounts_get_no_reset_mail(province, eager, django_capture_on_commit_callbacks, client):
    UserFactory(username="old", email="old@example.vn", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/password/forgot/", {"email": "old@example.vn"})
    assert mail.outbox == []


def test_a_password_typed_by_the_administrator_must_be_changed_at_first_sign_in(province, client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "bva.moi",
            "full_name": "Đỗ Văn Mới",
            "unit": province["bva"].pk,
            "password1": "Tạm-thời-2026!",
            "password2": "Tạm-thời-2026!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newcomer = User.objects.get(username="bva.moi")
    assert newcomer.must_change_password
    client.logout()
    client.post("/login/", {"username": "bva.moi", "password": "Tạm-thời-2026!"})
    assert client.get("/").url == "/password/change/"
    assert client.get("/dossiers/").url == "/password/change/"
    response = client.post(
        "/password/change/",
        {"old_password": "Tạm-thời-2026!", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert not newcomer.must_change_password
    assert client.get("/").status_code == 200


def test_administrator_setting_someones_password_forces_a_change(province, client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    person = UserFactory(username="bva.canbo", unit=province["bva"])
    client.force_login(admin)
    response = client.post(
        f"/admin/accounts/user/{person.pk}/password/",
        {"password1": "Tạm-thời-2026!", "password2": "Tạm-thời-2026!", "usable_password": "true"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.must_change_password


def test_accounts_page_checks_creates_and_deactivates(
    province, admin_user, login, eager, django_capture_on_commit_callbacks
):
    import io

    client = login(admin_user)
    upload = io.BytesIO(sheet(ROWS))
    upload.name = "tai-khoan.csv"
    page = client.post("/onboarding/accounts/", {"file": upload, "dry_run": "on"}).content.decode()
    assert page.count('class="row-create"') == 3 and User.objects.filter(username="bva.canbo").count() == 0
    upload = io.BytesIO(sheet(ROWS))
    upload.name = "tai-khoan.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/onboarding/accounts/", {"file": upload})
    assert response.status_code == 302 and len(mail.outbox) == 3
    page = client.get("/onboarding/accounts/").content.decode()
    assert "bva.canbo" in page and 'id="accounts-waiting"' in page
    client.post("/onboarding/accounts/deactivate/", {"username": "bva.canbo"})
    assert not User.objects.get(username="bva.canbo").is_active


def test_only_the_administrator_manages_accounts(province, login):
    officer = UserFactory(username="bva.canbo", unit=province["bva"], roles=["unit_officer"])
    client = login(officer)
    assert client.get("/onboarding/accounts/").status_code == 404
    assert client.post("/onboarding/accounts/deactivate/", {"username": "bva.canbo"}).status_code == 404
