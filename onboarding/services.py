"""Business actions of onboarding: submit an import, run it (the Celery task calls this),
apply a checked dry run. Views, the management command and tests call these."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import EventType
from audit.services import record_event

from .importer import CREATE, REFUSE, UNCHANGED, UPDATE, Plan, apply_plan, plan_import
from .kinds import KINDS
from .models import ImportRun, RunStatus

logger = logging.getLogger(__name__)

# The report keeps every refused row, and this many of the others (counts stay exact).
REPORT_OTHER_ROWS = 1000
REPORT_REFUSED_ROWS = 5000


class ImportNotAllowed(Exception):
    pass


def submit_import(
    *, kind: str, name: str, data: bytes, actor, dry_run: bool, scope_unit=None, queue=True
) -> ImportRun:
    """Store the file and create its run; the worker runs it after commit (``queue``)."""
    if kind not in KINDS:
        raise ImportNotAllowed(_("Unknown kind of data."))
    if scope_unit is not None and not KINDS[kind].unit_may_import:
        raise ImportNotAllowed(_("Only the administrator imports this kind of data."))
    run = ImportRun(
        kind=kind,
        dry_run=dry_run,
        original_name=name[:255],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        unit=scope_unit,
        created_by=actor,
    )
    run.file.save(name, ContentFile(data), save=False)
    run.save()
    if queue:
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from .tasks import run_import

    try:
        run_import.delay(run_id)
    except Exception as exc:  # noqa: BLE001 - broker down: say so on the run, do not lose it
        ImportRun.objects.filter(pk=run_id).update(
            error=_("The worker could not be reached: %(error)s") % {"error": exc}
        )


def apply_checked_run(run: ImportRun, *, actor, queue=True) -> ImportRun:
    """Apply the very file a dry run checked (same bytes, same checksum)."""
    if not run.can_be_applied:
        raise ImportNotAllowed(_("Only a finished dry run without refused rows can be applied."))
    with run.file.open("rb") as handle:
        data = handle.read()
    return submit_import(
        kind=run.kind,
        name=run.original_name,
        data=data,
        actor=actor,
        dry_run=False,
        scope_unit=run.unit,
        queue=queue,
    )


def _report(plan: Plan) -> list:
    rows, others, refused = [], 0, 0
    for entry in plan.rows:
        if entry.action == REFUSE:
            refused += 1
            if refused > REPORT_REFUSED_ROWS:
                continue
        else:
            others += 1
            if others > REPORT_OTHER_ROWS:
                continue
        changed = sorted(entry.changes) if entry.action == UPDATE and entry.changes else []
        rows.append([entry.row, entry.action, entry.label, entry.messages or changed])
    return rows


def _record(run: ImportRun, counts: dict) -> None:
    record_event(
        EventType.MASTER_DATA_IMPORT,
        actor=run.created_by,
        target=run,
        reason=run.original_name,
        detail={
            "kind": run.kind,
            "file": run.original_name,
            "sha256": run.sha256,
            "size": run.size,
            "dry_run": run.dry_run,
            "status": run.status,
            "counts": counts,
            "unit": run.unit.code if run.unit_id else "",
        },
        search_extra=[run.sha256, run.kind],
    )


def _finish(run: ImportRun, status: str, plan: Plan | None, error: str = "") -> None:
    run.status = status
    run.finished_at = timezone.now()
    run.error = error
    if plan is not None:
        run.counts = plan.counts
        run.report = _report(plan)
        run.rows_done = run.rows_total = len(plan.rows)
    run.save()
    _record(run, run.counts)


def execute_run(run_id: int) -> str:
    """Check the run's file; for a real run whose every row passes, write it all in one
    transaction together with its audit event. Returns the final status."""
    run = ImportRun.objects.select_related("unit", "created_by").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run.status  # a redelivered task: already handled
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.CHECKING)

    def progress(done, total):
        ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=total)

    with run.file.open("rb") as handle:
        data = handle.read()
    plan = plan_import(run.kind, run.original_name, data, scope_unit=run.unit, progress=progress)
    if plan.file_error:
        _finish(run, RunStatus.REFUSED, plan, plan.file_error)
        return run.status
    if run.dry_run or not plan.ok:
        _finish(run, RunStatus.DONE if run.dry_run else RunStatus.REFUSED, plan)
        return run.status
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.WRITING)
    reason = _("Import of %(file)s (SHA-256 %(sha)s)") % {"file": run.original_name, "sha": run.sha256[:16]}
    try:
        with transaction.atomic():
            apply_plan(plan, actor=run.created_by, reason=reason)
            _finish(run, RunStatus.DONE, plan)
    except Exception as exc:  # a database error while writing: nothing was written
        logger.exception("Import run %s failed", run.pk)
        run.refresh_from_db()
        _finish(run, RunStatus.FAILED, plan, str(exc)[:2000])
    return run.status


def summary(counts: dict) -> dict:
    """Counts under readable names for pages and the command."""
    return {
        "create": counts.get(CREATE, 0),
        "update": counts.get(UPDATE, 0),
        "unchanged": counts.get(UNCHANGED, 0),
        "refuse": counts.get(REFUSE, 0),
    }
