"""Celery tasks of onboarding: they only call services."""

from celery import shared_task

from . import services


@shared_task(acks_late=False)
def run_import(run_id: int) -> str:
    # acks_late off: a worker killed half-way must not start the same import again behind
    # the office's back; the run stays "checking"/"writing" and the page says so.
    return services.execute_run(run_id)
