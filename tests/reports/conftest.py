"""A small data set whose figures are known by heart, for the statistics and analytics tests."""

import datetime

import pytest
from django.utils import timezone

from nominations.models import Nomination
from tests.factories import AwardTypeFactory, CampaignFactory, StaffFactory, UserFactory, make_nomination


def _with_status(nomination, status):
    Nomination.objects.filter(pk=nomination.pk).update(status=status)
    return nomination


@pytest.fixture
def dataset(db, unit_a, unit_b, officer_a, officer_b):
    """Six dossiers: five individuals (three of them women) and one collective.

    | unit | nominee | gender | award | year | campaign | status |
    | A | individual | female | Giấy khen | 2024 | yes | decided |
    | A | individual | female | Giấy khen | 2024 | yes | rejected |
    | A | individual | male | Giấy khen | 2024 | no | draft |
    | A | collective | – | Tập thể LĐTT | 2024 | no | office_review |
    | B | individual | female | Bằng khen | 2024 | no | awarded |
    | B | individual | male | Giấy khen | 2023 | no | approved |
    """
    campaign = CampaignFactory()
    giay_khen = AwardTypeFactory()
    bang_khen = AwardTypeFactory(
        code="bang-khen-ubnd-ca-nhan", name="Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", authority="province"
    )
    tap_the = AwardTypeFactory(
        code="tap-the-lao-dong-tien-tien", name="Tập thể lao động tiên tiến", applies_to="collective"
    )

    def woman(unit):
        return StaffFactory(unit=unit, gender="female", full_name="Trần Thị Bích Ngọc")

    def man(unit):
        return StaffFactory(unit=unit, gender="male", full_name="Lê Hoàng Đạt")

    a = {"unit": unit_a, "author": officer_a}
    b = {"unit": unit_b, "author": officer_b}
    made = [
        _with_status(
            make_nomination(
                **a, staff=woman(unit_a), award_type=giay_khen, basis="campaign", campaign=campaign
            ),
            "decided",
        ),
        _with_status(
            make_nomination(
                **a, staff=woman(unit_a), award_type=giay_khen, basis="campaign", campaign=campaign
            ),
            "rejected",
        ),
        make_nomination(**a, staff=man(unit_a), award_type=giay_khen),
        _with_status(
            make_nomination(
                **a,
                nominee_kind="collective",
                staff=None,
                collective_name="Khoa Hồi sức tích cực",
                award_type=tap_the,
            ),
            "office_review",
        ),
        _with_status(make_nomination(**b, staff=woman(unit_b), award_type=bang_khen), "awarded"),
        _with_status(make_nomination(**b, staff=man(unit_b), award_type=giay_khen, year=2023), "approved"),
    ]
    return {
        "nominations": made,
        "campaign": campaign,
        "giay_khen": giay_khen,
        "bang_khen": bang_khen,
        "tap_the": tap_the,
    }


@pytest.fixture
def office_reader(db):
    return UserFactory(username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"])


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)
