"""Changes of domain records, from django-simple-history: each new historical record becomes
one audit event with who, when, why (the change reason) and which fields went from what to what."""

from common import snapshots

from .models import EventType
from .services import current_actor, record_event

KINDS = {"+": EventType.CREATED, "~": EventType.CHANGED, "-": EventType.DELETED}


def _previous(history_instance):
    """The record before this one (by history id: two saves in one microsecond stay ordered)."""
    model = type(history_instance)
    pk_name = history_instance.instance_type._meta.pk.attname
    return (
        model._default_manager.filter(
            **{pk_name: getattr(history_instance, pk_name)}, history_id__lt=history_instance.history_id
        )
        .order_by("-history_id")
        .first()
    )


def _m2m_ids(rows, source_model) -> list:
    """Through rows of a many-to-many field, as the sorted ids of the other side."""
    ids = []
    source = source_model._meta.model_name
    for row in rows:
        ids.extend(value for key, value in row.items() if key != source)
    return sorted(ids)


def _tracked(history_instance) -> tuple[list, list]:
    fields = [f for f in history_instance.tracked_fields if not f.primary_key]
    m2m = [f.name for f in history_instance._history_m2m_fields]
    return fields, m2m


def _values(history_instance, fields, side: str) -> list[dict]:
    """Every field that holds a value, as created ("new") or as deleted ("old")."""
    other = "old" if side == "new" else "new"
    return [
        {"field": f.name, other: None, side: value}
        for f in fields
        if (value := getattr(history_instance, f.attname)) not in (None, "")
    ]


def _changes_since_read(history_instance, fields, before: dict) -> list[dict]:
    """The diff ``field_changes`` computes, against the values the record had when it was
    read (under the lock of the service that saves it) instead of its previous historical
    record: editable fields by name, then the others in order, as ``diff_against`` gives them."""
    editable = sorted((f for f in fields if f.editable), key=lambda f: f.name)
    others = [f for f in fields if not f.editable]
    changes = []
    for f in [*editable, *others]:
        old, new = before[f.attname], getattr(history_instance, f.attname)
        if old != new:
            changes.append({"field": f.name, "old": old, "new": new})
    return changes


def field_changes(history_instance, *, as_read: dict | None = None) -> list[dict]:
    """[{"field", "old", "new"}] of this historical record against the one before it: every
    value for a creation, the last values for a deletion. ``as_read``: the record's values
    as read before this save (``common.snapshots``), which spare reading the previous one."""
    fields, m2m = _tracked(history_instance)
    if history_instance.history_type == "-":
        return _values(history_instance, fields, "old")
    if history_instance.history_type == "~" and as_read is not None and not m2m:
        return _changes_since_read(history_instance, fields, as_read)
    previous = _previous(history_instance) if history_instance.history_type == "~" else None
    if previous is None:
        return _values(history_instance, fields, "new")
    # diff_against compares editable fields and many-to-many ones; the few others (a dossier's
    # code, creation stamps) are compared here.
    editable = [f.name for f in fields if f.editable]
    delta = history_instance.diff_against(previous, included_fields=editable + m2m)
    model = history_instance.instance_type
    changes = []
    for change in delta.changes:
        old, new = change.old, change.new
        if change.field in m2m:
            old, new = _m2m_ids(old, model), _m2m_ids(new, model)
        changes.append({"field": change.field, "old": old, "new": new})
    for f in fields:
        old, new = getattr(previous, f.attname), getattr(history_instance, f.attname)
        if not f.editable and old != new:
            changes.append({"field": f.name, "old": old, "new": new})
    return changes


def _nomination_of(instance):
    from nominations.models import Nomination

    if isinstance(instance, Nomination):
        return instance
    if getattr(instance, "nomination_id", None):
        return instance.nomination
    return None


def record_model_change(instance, history_instance):
    """Append the event for one new historical record; a save that changed nothing is skipped."""
    as_read = snapshots.as_read(instance)
    changes = field_changes(history_instance, as_read=as_read)
    if as_read is not None:
        snapshots.remember(instance)  # what the database holds from now on
    kind = KINDS[history_instance.history_type]
    if kind == EventType.CHANGED and not changes:
        return None
    return record_event(
        kind,
        actor=history_instance.history_user or current_actor(instance),
        nomination=_nomination_of(instance),
        target=instance,
        changes=changes,
        reason=history_instance.history_change_reason or "",
        detail={"history_id": history_instance.history_id},
    )
