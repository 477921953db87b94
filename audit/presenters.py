"""Audit events as people read them: field names, choice labels, related records by name,
dates in the local format, long texts as word diffs, workflow steps and decisions by label.

Related records named in the changes of a page are fetched together: one query per kind of
record, whatever the number of events."""

import datetime
import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from workflows.steps import DECISION_LABELS, STEPS

from .models import AuditEvent, EventType

LONG_TEXT = 120


@dataclass
class Segment:
    op: str  # "same", "del" or "ins"
    text: str


@dataclass
class Change:
    label: str
    old: str
    new: str
    segments: list[Segment] | None = None  # a word diff, for long texts


@dataclass
class Entry:
    event: AuditEvent
    title: str
    actor_name: str
    summary: str = ""
    changes: list[Change] = field(default_factory=list)

    @property
    def object_label(self) -> str:
        model = _model(self.event.object_type)
        kind = capfirst(model._meta.verbose_name) if model else self.event.object_type
        return f"{kind}: {self.event.object_repr}" if self.event.object_repr else kind


def _model(label: str):
    if not label:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _name_of(obj) -> str:
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name()
    if hasattr(obj, "code") and obj._meta.model_name == "nomination":
        return obj.code
    return str(obj)


def _related_names(events) -> dict:
    """{related model: {pk: name}} for every related record the changes mention (and, under
    "choices", each choice field's labels once they are needed)."""
    wanted = defaultdict(set)
    for event in events:
        model = _model(event.object_type)
        for change in event.changes or []:
            f = _field(model, change.get("field", ""))
            if f is None or not f.is_relation:
                continue
            for value in (change.get("old"), change.get("new")):
                values = value if isinstance(value, list) else [value]
                wanted[f.related_model].update(v for v in values if v not in (None, ""))
    names = {
        related: {pk: _name_of(obj) for pk, obj in related._default_manager.in_bulk(list(ids)).items()}
        for related, ids in wanted.items()
    }
    names["choices"] = {}
    return names


def _choice_labels(f) -> dict:
    """The field's choices as {value: label} in the active language, built once per call of ``present``."""
    return {value: str(label) for value, label in f.flatchoices}


def _display(f, value, names: dict) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if f is None:
        return str(value)
    if f.is_relation:
        known = names.get(f.related_model, {})
        values = value if isinstance(value, list) else [value]
        return ", ".join(known.get(v, f"#{v}") for v in values)
    if f.choices:
        if f not in names["choices"]:
            names["choices"][f] = _choice_labels(f)
        return names["choices"][f].get(value, str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    internal = f.get_internal_type()
    if internal == "DateTimeField" and isinstance(value, str) and (moment := parse_datetime(value)):
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if internal == "DateField" and isinstance(value, str) and (day := parse_date(value)):
        return formats.date_format(day, "SHORT_DATE_FORMAT")
    return str(value)


def word_diff(old: str, new: str) -> list[Segment]:
    """The words removed from ``old`` and added in ``new``, in reading order."""
    a, b = old.split(" "), new.split(" ")
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("del", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("ins", " ".join(b[j1:j2])))
    return segments


def changes_of(event: AuditEvent, names: dict) -> list[Change]:
    model = _model(event.object_type)
    result = []
    for change in event.changes or []:
        f = _field(model, change.get("field", ""))
        label = capfirst(str(f.verbose_name)) if f is not None else change.get("field", "")
        old, new = _display(f, change.get("old"), names), _display(f, change.get("new"), names)
        segments = None
        raw_old, raw_new = change.get("old"), change.get("new")
        if (
            isinstance(raw_old, str)
            and isinstance(raw_new, str)
            and max(len(raw_old), len(raw_new)) > LONG_TEXT
        ):
            segments = word_diff(raw_old, raw_new)
        result.append(Change(label, old, new, segments))
    return result


def _step_label(name: str) -> str:
    step = STEPS.get(name)
    return str(step.label) if step else name


def summary_of(event: AuditEvent) -> str:
    """One line on what happened, beyond the event's own name."""
    detail = event.detail or {}
    kind = event.event_type
    if kind == EventType.COMPLETED:
        decision = DECISION_LABELS.get(detail.get("decision"), detail.get("decision", ""))
        return f"{_step_label(detail.get('step', ''))}: {decision}"
    if kind in (EventType.TASK_CREATED, EventType.FORWARDED):
        text = _step_label(detail.get("step", ""))
        due = parse_datetime(detail.get("due_at") or "")
        if due:
            text += " · " + _("due %(date)s") % {
                "date": formats.date_format(timezone.localtime(due), "SHORT_DATE_FORMAT")
            }
        return text
    if kind == EventType.REASSIGNED:
        return _("%(step)s: from %(old)s to %(new)s") % {
            "step": _step_label(detail.get("step", "")),
            "old": detail.get("previous_owner") or _("the queue"),
            "new": detail.get("new_owner") or "–",
        }
    if kind in (EventType.CLAIMED, EventType.RELEASED, EventType.TASK_CANCELLED, EventType.TASK_UNDONE):
        return _step_label(detail.get("step", ""))
    if kind == EventType.HIGHER_RESULT:
        return str(DECISION_LABELS.get(detail.get("decision"), detail.get("decision", "")))
    if kind in (EventType.PERMISSION_GRANTED, EventType.PERMISSION_REVOKED):
        return f"{detail.get('permission', '')} → {detail.get('holder', '')}"
    if kind == EventType.EVIDENCE_DOWNLOAD:
        return detail.get("file", event.object_repr)
    if kind == EventType.PUBLIC_LOOKUP:
        results = {
            "found": _("shown"),
            "not_found": _("no match"),
            "throttled": _("refused: too many attempts"),
        }
        result = detail.get("result", "")
        return f"{detail.get('code', '')}: {results.get(result, result)}"
    if kind == EventType.EXPORT:
        filters = ", ".join(f"{k}={v}" for k, v in (detail.get("filters") or {}).items())
        return f"{detail.get('format', '').upper()} {filters}".strip()
    if kind == EventType.WORKFLOW:
        return detail.get("event", "")
    if kind == EventType.MASTER_DATA_IMPORT:
        counts = detail.get("counts") or {}
        return _(
            "%(kind)s from %(file)s (SHA-256 %(sha)s…): %(created)s created, %(updated)s updated%(dry)s"
        ) % {
            "kind": detail.get("kind", ""),
            "file": detail.get("file", ""),
            "sha": str(detail.get("sha256", ""))[:12],
            "created": counts.get("create", 0),
            "updated": counts.get("update", 0),
            "dry": _(" (dry run)") if detail.get("dry_run") else "",
        }
    if kind == EventType.ACCOUNT_INVITED:
        return detail.get("email", "")
    return ""


def present(events) -> list[Entry]:
    """Readable entries for ``events`` (a page, a dossier's history or an export chunk)."""
    events = list(events)
    names = _related_names(events)
    titles = {value: str(label) for value, label in EventType.choices}
    entries = []
    for event in events:
        actor = event.actor if event.actor_id else None
        entries.append(
            Entry(
                event=event,
                title=titles.get(event.event_type, event.event_type),
                actor_name=actor.get_full_name() if actor else event.actor_username,
                summary=summary_of(event),
                changes=changes_of(event, names),
            )
        )
    return entries


def changes_as_text(entry: Entry) -> str:
    """The changes on one line each, for exports: ``Field: old → new``."""
    return "\n".join(f"{change.label}: {change.old} → {change.new}" for change in entry.changes)


def local_time(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S")
