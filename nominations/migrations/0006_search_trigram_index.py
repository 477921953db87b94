"""The dossier search (``search_key LIKE '%word%'``) served by a trigram index on PostgreSQL
(``common.trigram``); nothing on SQLite."""

from django.db import migrations

from common.trigram import trigram_index


class Migration(migrations.Migration):
    dependencies = [("nominations", "0005_organisation_changes")]

    operations = [trigram_index("nominations_nomination", "search_key", "nomination_search_trgm")]
