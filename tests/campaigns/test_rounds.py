"""Nomination rounds: the office opens and closes them; a dossier needs an open round."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.models import NominationRound
from nominations.models import Nomination
from tests.factories import AwardTypeFactory, StaffFactory, make_nomination

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def make_round(office, **fields):
    values = {
        "name": "Đợt xét khen thưởng phong trào 2024",
        "basis": "campaign",
        "opens_at": TODAY - datetime.timedelta(days=10),
        "deadline": TODAY + datetime.timedelta(days=10),
        "created_by": office,
    }
    values.update(fields)
    return NominationRound.objects.create(**values)


def test_without_a_round_nothing_is_restricted(campaign, unit_a):
    make_nomination(unit=unit_a, basis="campaign", campaign=campaign)


def test_an_open_round_accepts_dossiers(campaign, office, unit_a):
    make_round(office, campaign=campaign)
    make_nomination(unit=unit_a, basis="campaign", campaign=campaign)


def test_a_closed_round_refuses_with_a_campaign_field_error(campaign, office, unit_a):
    make_round(office, campaign=campaign, is_open=False)
    with pytest.raises(ValidationError) as caught:
        make_nomination(unit=unit_a, basis="campaign", campaign=campaign)
    assert "campaign" in caught.value.message_dict
    assert "Đợt xét khen thưởng phong trào 2024" in caught.value.message_dict["campaign"][0]
    assert not Nomination.objects.exists()


def test_a_round_past_its_deadline_refuses(campaign, office, unit_a):
    make_round(office, campaign=campaign, deadline=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        make_nomination(unit=unit_a, basis="campaign", campaign=campaign)
    assert TODAY.strftime("%d/%m/%Y") not in caught.value.message_dict["campaign"][0]
    assert (TODAY - datetime.timedelta(days=1)).strftime("%d/%m/%Y") in caught.value.message_dict["campaign"][
        0
    ]


def test_annual_round_governs_its_year_only(office, unit_a):
    make_round(office, name="Tổng kết năm 2024", basis="annual", year=2024, is_open=False)
    with pytest.raises(ValidationError) as caught:
        make_nomination(unit=unit_a, year=2024)
    assert "year" in caught.value.message_dict
    make_nomination(unit=unit_a, year=2025)
    make_nomination(unit=unit_a, year=2024, basis="ad_hoc")


def test_the_form_shows_the_round_error_on_the_campaign_field(campaign, office, unit_a, officer_a, login):
    make_round(office, campaign=campaign, is_open=False)
    staff = StaffFactory(unit=unit_a)
    award = AwardTypeFactory()
    response = login(officer_a).post(
        "/dossiers/new/",
        {
            "year": 2024,
            "basis": "campaign",
            "campaign": campaign.pk,
            "nominee_kind": "individual",
            "staff": staff.pk,
            "award_type": award.pk,
            "achievement_summary": "Thành tích",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "campaign" in form.errors
    assert not Nomination.objects.exists()


def test_office_opens_and_closes_rounds_units_cannot(campaign, office, officer_a, login):
    client = login(office)
    response = client.post(
        "/campaigns/rounds/",
        {
            "name": "Đợt 1",
            "basis": "campaign",
            "campaign": campaign.pk,
            "opens_at": "2024-12-01",
            "deadline": "2025-01-15",
        },
    )
    assert response.status_code == 302
    nomination_round = NominationRound.objects.get()
    assert nomination_round.is_open and nomination_round.created_by == office
    listing = client.get("/campaigns/rounds/").content.decode()
    assert f"/documents/rounds/{nomination_round.pk}/to-trinh.docx" in listing
    assert '<option value="bva">' in listing  # the office picks the unit whose Tờ trình it wants
    client.post(f"/campaigns/rounds/{nomination_round.pk}/toggle/")
    nomination_round.refresh_from_db()
    assert not nomination_round.is_open
    unit = login(officer_a)
    assert unit.post(f"/campaigns/rounds/{nomination_round.pk}/toggle/").status_code == 403
    assert unit.post("/campaigns/rounds/", {"name": "x"}).status_code == 403
    assert unit.get("/campaigns/rounds/").status_code == 200


def test_a_campaign_round_needs_its_campaign(office, login):
    response = login(office).post(
        "/campaigns/rounds/",
        {"name": "Đợt 1", "basis": "campaign", "opens_at": "2024-12-01", "deadline": "2025-01-15"},
    )
    assert response.status_code == 400
    assert not NominationRound.objects.exists()
