"""Signing in costs the password hasher, by design, and little else: no write beyond the
session, the sign-in's audit event, django-axes' bookkeeping and the time of the sign-in."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_records_its_time_without_a_history_row(client, officer_a):
    history = officer_a.history.count()

    response = client.post("/login/", {"username": officer_a.username, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.last_login is not None
    # History leaves last_login out: a sign-in used to add a row identical to the one before.
    assert officer_a.history.count() == history


# 19 on SQLite; Django's update_last_login made it 25 (history row, audit diff, unit-group sync).
def test_signing_in_takes_a_bounded_number_of_statements(client, officer_a, django_assert_max_num_queries):
    client.get("/login/")
    with django_assert_max_num_queries(20):
        client.post("/login/", {"username": officer_a.username, "password": DEFAULT_PASSWORD})


def test_a_password_reset_link_dies_with_the_next_sign_in(client, officer_a):
    """The reset token hashes last_login: updating it without save() must still expire links."""
    from django.contrib.auth.tokens import default_token_generator

    token = default_token_generator.make_token(officer_a)
    client.post("/login/", {"username": officer_a.username, "password": DEFAULT_PASSWORD})
    user = get_user_model().objects.get(pk=officer_a.pk)
    assert not default_token_generator.check_token(user, token)
