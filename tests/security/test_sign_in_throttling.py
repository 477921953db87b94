"""Guessing passwords: after a few failures an account, or an address, is locked for a while,
even against the right password; the lockout and the unlock are in the audit trail."""

import pytest
from django.test import Client

from audit.models import AuditEvent, EventType
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _fail(client, username, times, path="/login/"):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "sai-mat-khau"})
    return response


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_locked_account_cannot_sign_in_with_the_right_password(world, client, settings):
    _fail(client, world.officer_b.username, settings.AXES_FAILURE_LIMIT)
    response = client.post("/login/", {"username": world.officer_b.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert "Tạm dừng đăng nhập" in page and "15 phút" in page


def test_fewer_failures_than_the_limit_do_not_lock(world, client, settings):
    _fail(client, world.officer_b.username, settings.AXES_FAILURE_LIMIT - 1)
    response = client.post("/login/", {"username": world.officer_b.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and _signed_in(client)


def test_the_admin_sign_in_is_throttled_too(world, client, settings):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    _fail(client, admin.username, settings.AXES_FAILURE_LIMIT, path="/admin/login/")
    response = client.post("/admin/login/", {"username": admin.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert not _signed_in(client)


def test_one_address_guessing_many_accounts_is_locked(world, settings):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": f"doan-{number}", "password": "x"})
    response = client.post("/login/", {"username": world.head_b.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert (
        other.post("/login/", {"username": world.head_b.username, "password": DEFAULT_PASSWORD}).status_code
        == 302
    )


def test_a_lockout_is_audited_and_the_head_of_the_office_unlocks_it(world, client, settings):
    _fail(client, world.officer_b.username, settings.AXES_FAILURE_LIMIT)
    locked = AuditEvent.objects.filter(event_type=EventType.ACCOUNT_LOCKED).last()
    assert locked is not None and locked.actor_username == world.officer_b.username

    office = Client(REMOTE_ADDR="198.51.100.7")
    office.post("/login/", {"username": world.office_head.username, "password": DEFAULT_PASSWORD})
    page = office.get("/accounts/lockouts/")
    assert page.status_code == 200 and world.officer_b.username in page.content.decode()
    attempt = page.context["lockouts"][0]
    assert office.post(f"/accounts/lockouts/{attempt.pk}/unlock/").status_code == 302
    unlocked = AuditEvent.objects.filter(event_type=EventType.ACCOUNT_UNLOCKED).last()
    assert unlocked.actor == world.office_head and unlocked.detail["username"] == world.officer_b.username

    response = client.post("/login/", {"username": world.officer_b.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and _signed_in(client)


@pytest.mark.parametrize("who", ["reviewer", "director", "officer_b"])
def test_only_the_head_of_the_office_or_an_administrator_unlocks(world, as_user, who):
    client = as_user(getattr(world, who))
    assert client.get("/accounts/lockouts/").status_code == 403
    assert client.post("/accounts/lockouts/1/unlock/").status_code == 403
