"""An index for the "Done" list (a person's finished tasks, newest first) on viewflow's task
table, which viewflow does not index that way; plain SQL, since the table is viewflow's."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workflows", "0002_history_reason_text")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS task_owner_status_finished "
            "ON viewflow_task (owner_id, status, finished DESC, id DESC)",
            "DROP INDEX IF EXISTS task_owner_status_finished",
        ),
    ]
