import datetime

import pytest

from tests.factories import CampaignFactory, UserFactory


@pytest.fixture
def office(db):
    return UserFactory(username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"])


@pytest.fixture
def campaign(db):
    return CampaignFactory(
        plan_number="KH-SYT/2024",
        registration_deadline=datetime.date(2024, 7, 15),
        report_deadline=datetime.date(2024, 12, 31),
    )
