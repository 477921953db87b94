"""The Celery application; its configuration lives in settings under CELERY_*."""

import os
from pathlib import Path

from celery import Celery, signals
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("khenthuong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_filesystem_broker_folders() -> None:
    """kombu's filesystem transport (the embedded default) needs its folders to exist."""
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_broker(sender, **kwargs):
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        ensure_filesystem_broker_folders()


@signals.worker_init.connect
def _keep_database_connections(**kwargs):
    keep_database_connections()


def keep_database_connections() -> None:
    """In a worker, database connections live for WORKER_DATABASE_CONN_MAX_AGE and are checked
    before reuse (CONN_HEALTH_CHECKS): with CELERY_DB_REUSE_MAX, Celery no longer closes them
    around every task, so that a task does not pay a new connection."""
    from django.db import connections

    for connection in connections.all():
        if not connection.settings_dict.get("CONN_MAX_AGE"):
            connection.settings_dict["CONN_MAX_AGE"] = settings.WORKER_DATABASE_CONN_MAX_AGE
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_connections(task=None, **kwargs):
    """What Django does around a request: drop connections that broke or outlived their age."""
    if task is not None and getattr(task.request, "is_eager", False):
        return  # run inside the caller's transaction
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
