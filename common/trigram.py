"""Trigram (pg_trgm) GIN indexes for the accent-folded search columns, on PostgreSQL only.

Searches are ``search_key LIKE '%word%'`` on text already folded by ``common.text.fold``
("nguyen van an" finds "Nguyễn Văn An"); a B-tree cannot serve a pattern with a leading
``%``, a trigram GIN index can, so a search that matches few rows (or none) no longer reads
the whole table. SQLite has no such index and keeps scanning: correct, only slower.
Used by the migrations of the apps that own the columns.
"""

from django.db import migrations


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def trigram_index(table: str, column: str, name: str) -> migrations.RunPython:
    """A migration operation creating ``name`` (GIN, ``gin_trgm_ops``) on PostgreSQL."""

    def create(apps, schema_editor):
        if _postgres(schema_editor):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if _postgres(schema_editor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
