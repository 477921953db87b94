import datetime

import pytest
from django.db import connection

from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.workflows.conftest import higher_award, people, submitted  # noqa: F401
from workflows import award_decisions as decisions


@pytest.fixture
def inspector(db):
    return UserFactory(username="thanhtra", full_name="Đỗ Thị Thanh", roles=["inspector"])


def events(**filters):
    """The trail in the order it was written."""
    return list(AuditEvent.objects.filter(**filters).order_by("sequence"))


def last(event_type, **filters) -> AuditEvent:
    return AuditEvent.objects.filter(event_type=event_type, **filters).order_by("sequence").last()


def prepare_decision(team, nominations, number="125/QĐ-SYT"):
    return decisions.prepare_decision(
        by=team.reviewer,
        number=number,
        decision_date=datetime.date(2025, 2, 25),
        title="Về việc tặng Giấy khen",
        nominations=nominations,
    )


def raw_sql(sql: str, params=()):
    """Change the trail behind the application's back, as someone with database access could."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=table), params)
