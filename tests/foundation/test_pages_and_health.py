"""Login, the home page of every role, /healthz, the admin, language."""

import pytest
from django.test import override_settings

from audit.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "unit_officer",
    "unit_head",
    "office_reviewer",
    "office_head",
    "trade_union",
    "council_member",
    "director",
    "deputy_director",
    "inspector",
    "administrator",
]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_a_home_page(login, unit_a, role):
    user = UserFactory(username=f"u.{role}", unit=unit_a, roles=[role], is_staff=role == "administrator")
    response = login(user).get("/")
    assert response.status_code == 200
    assert "Xin chào" in response.content.decode()


def test_login_page_is_in_vietnamese(client):
    body = client.get("/login/").content.decode()
    assert "Đăng nhập" in body
    assert 'lang="vi"' in body


def test_english_is_available(client, officer_a):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    body = client.get("/login/").content.decode()
    assert "Sign in" in body


def test_wrong_password_is_refused_and_recorded(client, officer_a):
    response = client.post("/login/", {"username": officer_a.username, "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert response.context["form"].errors
    event = AuditEvent.objects.get(event_type="login_failed")
    assert event.actor_username == officer_a.username


def test_login_and_logout_are_recorded(client, officer_a):
    client.post("/login/", {"username": officer_a.username, "password": DEFAULT_PASSWORD})
    client.post("/logout/")
    sessions = AuditEvent.objects.filter(event_type__in=["login", "logout"]).order_by("id")
    assert list(sessions.values_list("event_type", "actor")) == [
        ("login", officer_a.pk),
        ("logout", officer_a.pk),
    ]


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": True}


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_BROKER_CONNECTION_TIMEOUT=1)
def test_healthz_is_503_when_broker_is_unreachable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] is False


class TestAdmin:
    @pytest.fixture
    def admin_client(self, login, db):
        return login(UserFactory(username="quantri", is_staff=True, is_superuser=True))

    @pytest.mark.parametrize("model", ["unit", "staff", "awardtype", "campaign", "awardrecord", "nomination"])
    def test_master_data_pages_open(self, admin_client, model):
        assert admin_client.get(f"/admin/nominations/{model}/").status_code == 200

    def test_admin_speaks_vietnamese(self, admin_client):
        assert (
            "Quản trị" in admin_client.get("/admin/").content.decode()
            or "Đơn vị" in admin_client.get("/admin/").content.decode()
        )

    def test_campaign_ending_before_it_starts_gets_a_field_error(self, admin_client):
        from nominations.models import Campaign

        response = admin_client.post(
            "/admin/nominations/campaign/add/",
            {"name": "Phong trào thử", "start_date": "25/12/2024", "end_date": "01/06/2024"},
        )
        assert response.status_code == 200
        assert "end_date" in response.context["adminform"].form.errors
        assert Campaign.objects.count() == 0

    def test_dates_are_read_as_dd_mm_yyyy(self, admin_client):
        from nominations.models import Campaign

        response = admin_client.post(
            "/admin/nominations/campaign/add/",
            {"name": "Phong trào thử", "start_date": "10/06/2024", "end_date": "25/12/2024", "is_open": "on"},
        )
        assert response.status_code == 302
        campaign = Campaign.objects.get()
        assert (campaign.start_date.day, campaign.start_date.month) == (10, 6)

    def test_duplicate_unit_code_is_a_field_error(self, admin_client, unit_a):
        response = admin_client.post(
            "/admin/nominations/unit/add/",
            {"code": unit_a.code, "name": "Đơn vị trùng mã", "kind": "attached"},
        )
        assert response.status_code == 200
        assert "code" in response.context["adminform"].form.errors

    def test_dossiers_are_read_only_in_admin(self, admin_client):
        assert admin_client.get("/admin/nominations/nomination/add/").status_code == 403
