import pytest
from rest_framework.test import APIClient

from api.services import create_integration
from tests.factories import AwardTypeFactory, StaffFactory, make_nomination


class Integrations:
    """One client per integration, each sending its own token."""

    def __init__(self):
        self.clients = {}

    def add(self, key, *, name, unit=None):
        integration, token = create_integration(name=name, unit=unit)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        client.integration = integration
        self.clients[key] = client
        return client

    def __getattr__(self, key):
        try:
            return self.clients[key]
        except KeyError as exc:
            raise AttributeError(key) from exc


@pytest.fixture
def api(db, unit_a, unit_b):
    integrations = Integrations()
    integrations.add("hr_a", name="Phần mềm nhân sự BV A", unit=unit_a)
    integrations.add("hr_b", name="Phần mềm nhân sự BV B", unit=unit_b)
    integrations.add("eoffice", name="Văn phòng điện tử Sở")
    return integrations


@pytest.fixture
def award(db):
    return AwardTypeFactory(code="giay-khen-ca-nhan", name="Giấy khen (cá nhân)")


@pytest.fixture
def dossiers(unit_a, unit_b, officer_a, officer_b, award):
    """Two dossiers of unit A, one of unit B."""
    return {
        "a1": make_nomination(
            unit=unit_a,
            author=officer_a,
            award_type=award,
            staff=StaffFactory(unit=unit_a, full_name="Nguyễn Văn An"),
        ),
        "a2": make_nomination(
            unit=unit_a,
            author=officer_a,
            award_type=award,
            staff=StaffFactory(unit=unit_a, full_name="Trần Thị Bình"),
        ),
        "b1": make_nomination(
            unit=unit_b,
            author=officer_b,
            award_type=award,
            staff=StaffFactory(unit=unit_b, full_name="Lê Văn Cường"),
        ),
    }
