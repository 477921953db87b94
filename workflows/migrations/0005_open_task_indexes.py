"""Indexes for the open-task lists (queue, inbox, the home page's previews): viewflow's task
table holds every task ever (a million at a province's scale) but only a few thousand are
open; a partial index over the open ones by step, and the due dates with their task, let the
preview sort only those. Plain SQL, since the task table is viewflow's."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workflows", "0004_list_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS task_open_by_step ON viewflow_task (flow_task, status, id) "
            "WHERE status IN ('NEW', 'ASSIGNED')",
            "DROP INDEX IF EXISTS task_open_by_step",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS stepdeadline_task_due ON workflows_stepdeadline (task_id, due_at)",
            "DROP INDEX IF EXISTS stepdeadline_task_due",
        ),
    ]
