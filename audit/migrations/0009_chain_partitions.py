"""The audit trail in several hash chains (partitions), so that writers no longer queue on
one chain head: events get their chain's number (1 for every event written before), are
numbered 1, 2, 3… within their chain, and the heads of chains 2..AUDIT_CHAIN_PARTITIONS are
created (on databases with ``SKIP LOCKED``; SQLite keeps its one chain). No row is rewritten:
chain 1 hashes exactly as before (see ``audit.chain``)."""

from django.conf import settings
from django.db import migrations, models


def create_heads(apps, schema_editor):
    if not schema_editor.connection.features.has_select_for_update_skip_locked:
        return
    ChainHead = apps.get_model("audit", "ChainHead")
    wanted = range(1, max(1, getattr(settings, "AUDIT_CHAIN_PARTITIONS", 1)) + 1)
    existing = set(ChainHead.objects.values_list("pk", flat=True))
    ChainHead.objects.bulk_create(
        [ChainHead(pk=number, last_sequence=0, last_hash="") for number in wanted if number not in existing]
    )


def remove_empty_heads(apps, schema_editor):
    ChainHead = apps.get_model("audit", "ChainHead")
    ChainHead.objects.filter(pk__gt=1, last_sequence=0).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_signing_and_api_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, verbose_name="number"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "sequence"), name="audit_event_chain_sequence_unique"
            ),
        ),
        migrations.RunPython(create_heads, remove_empty_heads),
    ]
