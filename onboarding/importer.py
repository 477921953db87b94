"""The import engine: check every row, plan what each would do, and write it all or nothing.

``plan_import`` reads the sheet, parses each row with its kind, refuses duplicates inside the
file and compares each row with the stored record of the same key: *create*, *update* (with
the fields that change) or *unchanged*. Nothing is written. ``apply_plan`` then writes the
creations and updates in bulk (``bulk_create``/``bulk_update`` by batches) with one history
row per record written, in one transaction: a second identical import finds every row
unchanged and writes nothing, not even history.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg import sql

from .kinds import KINDS, Kind, Lookups, NewUnit
from .sheets import SheetError, read_sheet

BATCH = 2000
CREATE, UPDATE, UNCHANGED, REFUSE = "create", "update", "unchanged", "refuse"


@dataclass
class RowPlan:
    row: int
    action: str
    label: str = ""
    messages: list[str] = field(default_factory=list)
    values: dict | None = None
    existing: dict | None = None
    changes: dict | None = None


@dataclass
class Plan:
    kind: Kind
    rows: list[RowPlan] = field(default_factory=list)
    file_error: str = ""

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in (CREATE, UPDATE, UNCHANGED, REFUSE)}

    @property
    def ok(self) -> bool:
        return not self.file_error and not any(r.action == REFUSE for r in self.rows)


Progress = Callable[[int, int], None]


def _changes(existing: dict, values: dict) -> dict:
    return {name: value for name, value in values.items() if existing.get(name) != value}


def plan_import(
    kind_name: str, filename: str, data: bytes, *, scope_unit=None, progress: Progress | None = None
) -> Plan:
    """What importing ``data`` would do, row by row; writes nothing."""
    kind = KINDS[kind_name]
    plan = Plan(kind)
    try:
        sheet = read_sheet(filename, data, kind.columns)
    except SheetError as exc:
        plan.file_error = str(exc)
        return plan
    lookups = Lookups(scope_unit)
    refused_cells: dict[int, list[str]] = {}
    for number, message in sheet.problems:
        refused_cells.setdefault(number, []).append(message)
    existing = {kind.key(row): row for row in kind.existing(lookups)}
    seen: dict = {}
    total = len(sheet.rows)
    for index, (number, cells) in enumerate(sheet.rows, start=1):
        parsed = kind.parse(cells, lookups)
        problems = refused_cells.get(number, []) + parsed.problems
        entry = RowPlan(number, REFUSE, kind.describe(parsed.values) if parsed.values else "", problems)
        if not problems:
            key = kind.key(parsed.values)
            if key in seen:
                entry.messages.append(_("same record as row %(row)s of this file") % {"row": seen[key]})
            else:
                seen[key] = number
                stored = existing.get(key)
                entry.values = parsed.values
                if stored is None:
                    entry.action = CREATE
                else:
                    entry.existing = stored
                    entry.changes = _changes(stored, parsed.values)
                    entry.action = UPDATE if entry.changes else UNCHANGED
        plan.rows.append(entry)
        if progress and (index % 1000 == 0 or index == total):
            progress(index, total)
    _check_new_parents(plan)
    return plan


def _check_new_parents(plan: Plan) -> None:
    """Units whose parent is another row of the file: that row must exist, without a cycle."""
    if plan.kind.name != "units":
        return
    parents = {
        r.values["code"]: r.values["parent_id"]
        for r in plan.rows
        if r.values is not None and r.action != REFUSE
    }
    for entry in plan.rows:
        parent = entry.values and entry.values.get("parent_id")
        if not isinstance(parent, NewUnit):
            continue
        if str(parent) not in parents:
            entry.action = REFUSE
            entry.messages.append(_("unknown parent unit code “%(code)s”") % {"code": parent})
            continue
        seen, current = {entry.values["code"]}, parent
        while isinstance(current, NewUnit):
            if str(current) in seen:
                entry.action = REFUSE
                entry.messages.append(_("the parent units form a cycle"))
                break
            seen.add(str(current))
            current = parents.get(str(current))


def _history(model):
    return model.history


def _create(model, rows: list[dict], *, actor, reason: str) -> list[int]:
    """Insert ``rows`` (field values by attname) and one "+" history row each; their ids, in order."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy_create(model, rows, actor=actor, reason=reason)
    objects = [model(**values) for values in rows]
    for start in range(0, len(objects), BATCH):
        batch = objects[start : start + BATCH]
        model.objects.bulk_create(batch)
        _history(model).bulk_history_create(batch, default_user=actor, default_change_reason=reason)
    return [obj.pk for obj in objects]


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _copy_create(model, rows: list[dict], *, actor, reason: str) -> list[int]:
    """PostgreSQL: ids reserved from the table's sequence in one query, then the records and
    their history rows streamed with COPY (what django-simple-history's bulk history writes,
    without building two model instances per row)."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        records = [{meta.pk.attname: pk, **defaults, **values} for pk, values in zip(ids, rows, strict=True)]
        _copy(
            cursor.cursor,
            meta.db_table,
            [meta.pk.column] + [f.column for f in fields],
            ([r[meta.pk.attname]] + [r[f.attname] for f in fields] for r in records),
        )
        history = _history(model).model
        tracked = {f.attname for f in history.tracked_fields}
        stamp = {
            "history_date": timezone.now(),
            "history_change_reason": reason,
            "history_type": "+",
            "history_user_id": actor.pk if actor is not None else None,
        }
        columns = [f for f in history._meta.concrete_fields if not f.primary_key]
        unknown = [f.attname for f in columns if f.attname not in tracked and f.attname not in stamp]
        if unknown:  # a history field this writer does not fill: let django-simple-history do it
            raise RuntimeError(f"history fields not handled: {unknown}")
        _copy(
            cursor.cursor,
            history._meta.db_table,
            [f.column for f in columns],
            ([r[f.attname] if f.attname in tracked else stamp[f.attname] for f in columns] for r in records),
        )
    return ids


def _update(model, rows: list[tuple[dict, dict]], *, actor, reason: str) -> None:
    if not rows:
        return
    objects, fields = [], set()
    for existing, changes in rows:
        obj = model(**existing)
        for name, value in changes.items():
            setattr(obj, name, value)
        objects.append(obj)
        fields.update(changes)
    for start in range(0, len(objects), BATCH):
        batch = objects[start : start + BATCH]
        model.objects.bulk_update(batch, sorted(fields))
        _history(model).bulk_history_create(
            batch, update=True, default_user=actor, default_change_reason=reason
        )


def _resolve_units(entries: list[RowPlan], ids: dict[str, int]) -> None:
    for entry in entries:
        for target in (entry.values, entry.changes):
            if target is not None and isinstance(target.get("parent_id"), NewUnit):
                target["parent_id"] = ids[str(target["parent_id"])]


def _write_units(plan: Plan, *, actor, reason: str) -> None:
    """Parents first: each pass creates the units whose parent already has an id."""
    model = plan.kind.model
    ids = dict(model.objects.values_list("code", "pk"))
    waiting = [r for r in plan.rows if r.action == CREATE]
    while waiting:
        ready = [
            r
            for r in waiting
            if not isinstance(r.values["parent_id"], NewUnit) or str(r.values["parent_id"]) in ids
        ]
        if not ready:  # cannot happen after _check_new_parents; never loop for ever
            raise ValueError("Units whose parents are never created.")
        _resolve_units(ready, ids)
        created = _create(model, [r.values for r in ready], actor=actor, reason=reason)
        for entry, pk in zip(ready, created, strict=True):
            ids[entry.values["code"]] = pk
        waiting = [r for r in waiting if r not in ready]
    updates = [r for r in plan.rows if r.action == UPDATE]
    _resolve_units(updates, ids)
    _update(model, [(r.existing, r.changes) for r in updates], actor=actor, reason=reason)


@transaction.atomic
def apply_plan(plan: Plan, *, actor, reason: str) -> None:
    """Write every creation and update of an acceptable plan, in one transaction."""
    if not plan.ok:
        raise ValueError("A plan with refused rows cannot be applied.")
    if plan.kind.name == "units":
        _write_units(plan, actor=actor, reason=reason)
        return
    model = plan.kind.model
    _create(model, [r.values for r in plan.rows if r.action == CREATE], actor=actor, reason=reason)
    _update(
        model, [(r.existing, r.changes) for r in plan.rows if r.action == UPDATE], actor=actor, reason=reason
    )
