import os

# Mails go out one by one in the tests (and in the Celery workers they start), unless a test of
# grouping sets a window itself.
os.environ.setdefault("NOTIFICATION_GROUP_SECONDS", "0")

import pytest
from django.db.backends.signals import connection_created

from common.reference_cache import clear_all
from tests.factories import DEFAULT_PASSWORD, UnitFactory, UserFactory


def _audit_maintenance(sender, connection, **kwargs):
    # On PostgreSQL the audit table refuses UPDATE, DELETE and TRUNCATE (audit 0005). The test
    # runner empties tables between transactional tests, and the tamper-evidence tests play an
    # intruder with database access: both act as the maintenance superuser. The tests of the
    # trigger itself switch this off again.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET khenthuong.audit_maintenance = 'on'")


connection_created.connect(_audit_maintenance, dispatch_uid="tests_audit_maintenance")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Fast hashing and private folders per test; nothing else differs from production.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.LANGUAGE_CODE = "vi"
    settings.NOTIFICATION_GROUP_SECONDS = 0  # see the top of this file
    # The rows a process cache read belong to the test before (rolled back or flushed).
    clear_all()
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        broker = tmp_path / "broker"
        broker.mkdir()
        settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            "data_folder_in": str(broker),
            "data_folder_out": str(broker),
            "control_folder": str(tmp_path / "broker-control"),
        }


@pytest.fixture
def unit_a(db):
    return UnitFactory(code="bva", name="Bệnh viện A", short_name="BV A")


@pytest.fixture
def unit_b(db):
    return UnitFactory(code="bvb", name="Bệnh viện B", short_name="BV B")


@pytest.fixture
def officer_a(unit_a):
    return UserFactory(username="bva.canbo", unit=unit_a, roles=["unit_officer"])


@pytest.fixture
def head_a(unit_a):
    return UserFactory(username="bva.truong", unit=unit_a, roles=["unit_head"])


@pytest.fixture
def officer_b(unit_b):
    return UserFactory(username="bvb.canbo", unit=unit_b, roles=["unit_officer"])


@pytest.fixture
def login(client):
    """Sign ``user`` in through the real login form and return the client."""

    def _login(user):
        client.logout()
        response = client.post("/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return _login
