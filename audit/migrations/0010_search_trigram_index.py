"""Indexes of the audit log's pages: its search (``search_key LIKE '%word%'``) served by a
trigram index on PostgreSQL (``common.trigram``; nothing on SQLite), and the events of an award
decision (``object_type``, ``object_id``) that a dossier's timeline shows beside its own.

Plain SQL, outside the model's state: the audit models belong to the chain's migrations."""

from django.db import migrations

from common.trigram import trigram_index


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_chain_partitions")]

    operations = [
        trigram_index("audit_auditevent", "search_key", "audit_event_search_trgm"),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS audit_event_object ON audit_auditevent (object_type, object_id)",
            "DROP INDEX IF EXISTS audit_event_object",
        ),
    ]
