"""The audit log's search (``search_key LIKE '%word%'``) served by a trigram index on
PostgreSQL (``common.trigram``); nothing on SQLite."""

from django.db import migrations

from common.trigram import trigram_index


class Migration(migrations.Migration):
    dependencies = [("audit", "0008_signing_and_api_events")]

    operations = [trigram_index("audit_auditevent", "search_key", "audit_event_search_trgm")]
