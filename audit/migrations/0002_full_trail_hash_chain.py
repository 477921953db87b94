"""The full audit trail: more event types, the dossier and object an event concerns, field
changes, reason, search key, and the hash chain. Existing rows (sign-ins) are numbered and
chained in the order they were written."""

import unicodedata

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def fold(text):
    # A frozen copy of common.text.fold as it was when this migration was written.
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.lower().split())


def chain_existing_events(apps, schema_editor):
    from audit.chain import GENESIS_HASH, compute_hash, jsonable

    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    prev_hash, sequence = GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("occurred_at", "id").iterator(chunk_size=2000):
        sequence += 1
        event.sequence = sequence
        event.prev_hash = prev_hash
        event.detail = jsonable(event.detail)
        event.search_key = fold(event.actor_username)
        values = {name: getattr(event, name) for name in (
            "sequence", "occurred_at", "event_type", "actor_id", "actor_username", "ip_address",
            "nomination_id", "nomination_code", "unit_id", "unit_code", "object_type", "object_id",
            "object_repr", "changes", "reason", "detail", "search_key", "prev_hash",
        )}
        event.hash = compute_hash(values)
        event.save(update_fields=["sequence", "prev_hash", "detail", "search_key", "hash"])
        prev_hash = event.hash
    ChainHead.objects.create(pk=1, last_sequence=sequence, last_hash=prev_hash if sequence else "")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("nominations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_sequence", models.PositiveBigIntegerField(default=0)),
                ("last_hash", models.CharField(blank=True, max_length=64)),
            ],
            options={
                "verbose_name": "audit chain head",
                "verbose_name_plural": "audit chain head",
            },
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={"ordering": ["-id"], "verbose_name": "audit event", "verbose_name_plural": "audit events"},
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="time"
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="actor_username",
            field=models.CharField(blank=True, db_index=True, max_length=150, verbose_name="user name"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="number"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="nomination",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="nominations.nomination",
                verbose_name="dossier",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="nomination_code",
            field=models.CharField(blank=True, db_index=True, max_length=20, verbose_name="dossier code"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="nominations.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="unit_code",
            field=models.CharField(blank=True, max_length=30, verbose_name="unit code"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="object type"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="object id"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_repr",
            field=models.CharField(blank=True, max_length=255, verbose_name="object"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="changes",
            field=models.JSONField(blank=True, default=list, verbose_name="changes"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="reason",
            field=models.TextField(blank=True, verbose_name="reason"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="search_key",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="previous hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="event_type",
            field=models.CharField(choices=[("login", "Signed in"), ("logout", "Signed out"), ("login_failed", "Failed sign-in"), ("created", "Record created"), ("changed", "Record changed"), ("deleted", "Record deleted"), ("submitted", "Submitted to the unit head"), ("task_created", "Task created"), ("claimed", "Task taken"), ("released", "Task released"), ("reassigned", "Task reassigned"), ("completed", "Step completed"), ("task_cancelled", "Task cancelled"), ("task_undone", "Step undone"), ("rejected", "Dossier rejected"), ("approved", "Dossier approved"), ("forwarded", "Forwarded to the higher authority"), ("higher_result", "Higher authority's result recorded"), ("workflow", "Other workflow event"), ("decision_prepared", "Decision prepared"), ("decision_submitted", "Decision sent for signature"), ("decision_returned", "Decision returned to the office"), ("decision_issued", "Decision signed and issued"), ("permission_granted", "Permission granted"), ("permission_revoked", "Permission revoked"), ("export", "Audit trail exported"), ("evidence_download", "Evidence file downloaded")], db_index=True, max_length=40, verbose_name="event"),
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="number"),
        ),
    ]
