"""Appending to the audit trail. Every source (sign-ins, history of records, the workflow,
permission grants, downloads, exports) goes through ``record_event``, inside the
transaction of the change it records."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from common.acting import current
from common.text import fold
from workflows.events import Event as WorkflowEvent

from . import chain
from .models import AuditEvent, EventType

SEARCH_KEY_LENGTH = 2000
SEARCHED_CHANGE_LENGTH = 200


def current_request():
    """The request being served, if any (kept by django-simple-history's middleware)."""
    return getattr(HistoricalRecords.context, "request", None)


def current_actor(obj=None):
    """Who is acting: the user a service set on ``obj`` for its history, else the workflow's
    actor, else the signed-in user of the current request."""
    user = getattr(obj, "_history_user", None) or current().user
    if user is not None:
        return user
    request_user = getattr(current_request(), "user", None)
    return request_user if request_user is not None and request_user.is_authenticated else None


def client_ip(request) -> str | None:
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    if not address:
        return None
    try:
        return AuditEvent._meta.get_field("ip_address").to_python(address)
    except ValidationError:
        return None


def object_label(model_or_obj) -> str:
    return model_or_obj._meta.label


def _unit_of(nomination, target, actor):
    """The unit the event concerns: the dossier's, else the record's own, else the actor's."""
    from nominations.models import Unit

    if nomination is not None:
        return nomination.unit
    if isinstance(target, Unit):
        return target
    if target is not None and getattr(target, "unit_id", None):
        return target.unit
    if actor is not None and getattr(actor, "unit_id", None):
        return actor.unit
    return None


def _search_key(event: AuditEvent, actor, extra: list[str]) -> str:
    parts = [
        event.actor_username,
        actor.get_full_name() if actor is not None else "",
        event.nomination_code,
        event.unit_code,
        event.object_repr,
        event.reason,
        *extra,
    ]
    for change in event.changes:
        parts.extend(str(change.get(key) or "")[:SEARCHED_CHANGE_LENGTH] for key in ("old", "new"))
    return fold(" ".join(part for part in parts if part))[:SEARCH_KEY_LENGTH]


def record_event(
    event_type: str,
    *,
    actor=None,
    username: str = "",
    request=None,
    nomination=None,
    target: models.Model | None = None,
    changes: list | None = None,
    reason: str = "",
    detail: dict | None = None,
    search_extra: list[str] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the trail (in the caller's transaction, if there is one).
    ``ip_address`` overrides the request's own address (a client behind our proxies)."""
    if actor is not None and not actor.pk:
        actor = None
    request = request if request is not None else current_request()
    unit = _unit_of(nomination, target, actor)
    event = AuditEvent(
        event_type=event_type,
        actor=actor,
        actor_username=(username or (actor.get_username() if actor is not None else ""))[:150],
        ip_address=ip_address or client_ip(request),
        nomination=nomination,
        nomination_code=nomination.code if nomination is not None else "",
        unit=unit,
        unit_code=unit.code if unit is not None else "",
        object_type=object_label(target) if target is not None else "",
        object_id=str(target.pk)[:64] if target is not None else "",
        object_repr=str(target)[:255] if target is not None else "",
        changes=changes or [],
        reason=reason or "",
        detail=detail or {},
    )
    event.search_key = _search_key(event, actor, search_extra or [])
    return chain.append(event)


def _plain(value):
    """A workflow signal's argument as text the trail can keep (users by their user name)."""
    if isinstance(value, models.Model):
        return value.get_username() if hasattr(value, "get_username") else str(value)
    return value


WORKFLOW_EVENT_TYPES = frozenset(WorkflowEvent.values)


def record_workflow_event(name: str, *, nomination=None, actor=None, task=None, **detail) -> AuditEvent:
    """One event of ``workflows.events``: a step's task, decision and comment, or a decision's fate."""
    from workflows.models import AwardDecision

    target = None
    if isinstance(detail.get("decision"), AwardDecision):
        target = detail["decision"]
        detail["decision"] = target.number
    event_type = name if name in WORKFLOW_EVENT_TYPES else EventType.WORKFLOW
    if event_type == EventType.WORKFLOW:
        detail["event"] = name
    if task is not None:
        detail["task"] = task.pk
        detail.setdefault("step", getattr(task.flow_task, "name", ""))
    detail = {key: _plain(value) for key, value in detail.items()}
    reason = detail.get("comment") or detail.get("reason") or ""
    return record_event(
        event_type,
        actor=actor if actor is not None else current_actor(),
        nomination=nomination,
        target=target,
        reason=reason,
        detail=detail,
    )


def record_permission_change(
    *, granted: bool, permission: str, holder, target=None, actor=None
) -> AuditEvent:
    """A permission given to or taken from ``holder`` (a group or a user), on ``target`` if any."""
    from nominations.models import Nomination

    holder_name = holder.get_username() if hasattr(holder, "get_username") else holder.name
    return record_event(
        EventType.PERMISSION_GRANTED if granted else EventType.PERMISSION_REVOKED,
        actor=actor if actor is not None else current_actor(target),
        nomination=target if isinstance(target, Nomination) else None,
        target=target,
        detail={"permission": permission, "holder": holder_name},
        search_extra=[permission, holder_name],
    )


def record_download(upload, *, request) -> AuditEvent:
    """A stored file (evidence, a results report) handed to the signed-in user."""
    return record_event(
        EventType.EVIDENCE_DOWNLOAD,
        actor=request.user,
        request=request,
        nomination=getattr(upload, "nomination", None),
        target=upload,
        detail={"file": upload.original_name, "size": upload.size},
    )


def record_public_lookup(
    *, request, ip_address: str | None, code: str, result: str, nomination=None
) -> AuditEvent:
    """One attempt at the public lookup (no one is signed in): the code asked for, whether it
    was found, refused or throttled, and from which address."""
    return record_event(
        EventType.PUBLIC_LOOKUP,
        request=request,
        ip_address=ip_address,
        nomination=nomination,
        detail={"code": code[:40], "result": result},
        search_extra=[code[:40], result],
    )


def record_export(
    *, fmt: str, filters: dict, actor=None, request=None, source: str = "web", os_user: str = ""
) -> AuditEvent:
    """An export of the trail, with the filters it applied (``source``: "web" or "command")."""
    detail = {"format": fmt, "filters": {k: str(v) for k, v in filters.items() if v}, "source": source}
    if os_user:
        detail["os_user"] = os_user
    return record_event(EventType.EXPORT, actor=actor, request=request, detail=detail)
