"""On PostgreSQL a statement a process sends again and again is planned once per connection
(psycopg prepares it from its fifth use; ``DATABASE_PREPARED_STATEMENTS``, on by default)."""

import pytest
from django.db import connection

from nominations.models import Unit

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements of PostgreSQL"),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_used_again_and_again_is_prepared_once():
    assert connection.settings_dict["OPTIONS"]["prepare_threshold"] == 5
    query = Unit.objects.filter(code="khong-co")
    for _ in range(4):
        list(query.all())
    assert not [s for s in prepared_statements() if '"nominations_unit"."code" = $1' in s]
    for _ in range(2):
        list(query.all())
    assert len([s for s in prepared_statements() if '"nominations_unit"."code" = $1' in s]) == 1
