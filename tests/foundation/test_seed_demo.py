"""seed_demo builds the Đồng Nai demo and a second run changes nothing."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from nominations.models import Nomination, Staff, Unit
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows of every table of every installed model, history and permissions included."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(tables):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the ORM
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def seeded(settings):
    settings.DEMO_PASSWORD = DEFAULT_PASSWORD
    call_command("seed_demo")


def test_second_run_changes_nothing(seeded):
    before = row_counts()
    call_command("seed_demo")
    assert row_counts() == before


def test_organisation_of_dong_nai(seeded):
    kinds = set(Unit.objects.values_list("kind", flat=True))
    assert {"office", "attached", "private", "union", "department"} <= kinds
    assert Unit.objects.exclude(kind__in=["department", "union"]).count() >= 10
    assert Staff.objects.count() >= 250
    assert Staff.objects.filter(full_name="Nguyễn Văn An").exists()


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", "administrator"),
        ("giamdoc", "director"),
        ("phogiamdoc", "deputy_director"),
        ("vanphong", "office_reviewer"),
        ("chanhvanphong", "office_head"),
        ("congdoan", "trade_union"),
        ("thanhtra", "inspector"),
        ("bvtn.truong", "unit_head"),
        ("bvtn.canbo", "unit_officer"),
        ("cdc.canbo", "unit_officer"),
    ],
)
def test_demo_users_have_their_roles_and_password(seeded, username, role):
    user = get_user_model().objects.get(username=username)
    assert user.groups.filter(name=role).exists()
    assert user.check_password(DEFAULT_PASSWORD)


def test_every_nominating_unit_has_a_head_and_an_officer(seeded):
    User = get_user_model()
    for unit in Unit.objects.exclude(kind__in=["department", "union"]).filter(dissolved_on__isnull=True):
        assert User.objects.filter(username=f"{unit.code}.truong", unit=unit).exists()
        assert User.objects.filter(username=f"{unit.code}.canbo", unit=unit).exists()


def test_demo_merges_two_district_centres_into_a_regional_one(seeded):
    regional = Unit.objects.get(code="ttytkv-tanphu")
    for code in ("ttyt-tanphu", "ttyt-dinhquan"):
        centre = Unit.objects.get(code=code)
        assert centre.successor == regional and centre.dissolved_on.isoformat() == "2025-07-01"
        assert not centre.staff.exists()
        # The award of 2024 stays in the old centre's history, under its name.
        assert centre.award_records.get(year=2024).collective_name == centre.name
    assert regional.staff.count() == 12
    assert get_user_model().objects.get(username="ttyt-tanphu.canbo").unit == regional


def test_demo_dossiers_are_visible_only_to_their_unit(seeded, client):
    client.post("/login/", {"username": "bvtn.canbo", "password": DEFAULT_PASSWORD})
    body = client.get("/dossiers/").content.decode()
    own = Nomination.objects.filter(unit__code="bvtn")
    other = Nomination.objects.exclude(unit__code="bvtn").first()
    assert own.exists()
    assert all(n.code in body for n in own)
    assert other.code not in body


def test_demo_shows_the_rules_and_a_finished_council_session(seeded):
    import io

    from council.models import CouncilSession, SessionStatus
    from eligibility.models import AwardRule, Initiative, PerformanceRating

    session = CouncilSession.objects.get(status=SessionStatus.CLOSED)
    assert {b.passed for b in session.ballots.all()} == {True, False}
    assert Initiative.objects.exists() and PerformanceRating.objects.exists()
    from workflows.models import AwardDecision

    decision = AwardDecision.objects.get(number="412/QĐ-SYT")
    assert decision.status == "issued" and decision.nominations.count() == 2
    dossier = Nomination.objects.get(award_type__code="csdt-tinh", unit__code="bvtn", year=2024)
    out = io.StringIO()
    call_command("check_eligibility", dossier.code, stdout=out)
    text = out.getvalue()
    assert "152/2025/NĐ-CP" in text
    rules = AwardRule.objects.filter(rule_set__legal_text__code="nd-152-2025", award_type=dossier.award_type)
    for rule in rules.filter(is_active=True):
        assert f"Căn cứ: {rule.source}" in text
        assert "Điều" in rule.source or "mục" in rule.source  # an article (or a guidance section)
