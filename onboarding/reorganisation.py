"""Organisation changes over time: rename, merge, dissolve a unit on an effective date.

A rename keeps the old name in a ``UnitChange`` so that documents dated before it show the
name then in force (``Unit.name_on``). A merge or a dissolution with a successor moves the
unit's departments, staff, user accounts and open dossiers to the successor; closed dossiers,
decisions and the award history stay with the old unit, under its old name. The unit is then
inactive and cannot be nominated from its dissolution date (``workflows.drafting``).
Every record moved keeps its history (who, when, why); the changes enter the audit trail."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.acting import acting
from nominations.models import (
    Collective,
    Nomination,
    NominationStatus,
    Staff,
    Unit,
    UnitChange,
    UnitChangeKind,
)
from permissions.grants import move_unit_access

# Dossiers still on their way: they follow their unit to the successor.
CLOSED = (
    NominationStatus.DECIDED,
    NominationStatus.AWARDED,
    NominationStatus.NOT_AWARDED,
    NominationStatus.REJECTED,
)


class ReorganisationError(Exception):
    pass


def _check_date(effective_date: datetime.date) -> None:
    if effective_date > timezone.localdate():
        raise ReorganisationError(
            _("Record a change once it has taken effect: the effective date is in the future.")
        )


def _check_alive(unit: Unit) -> None:
    if unit.dissolved_on is not None:
        raise ReorganisationError(
            _("%(unit)s was already dissolved or merged on %(date)s.")
            % {"unit": unit.name, "date": unit.dissolved_on.strftime("%d/%m/%Y")}
        )


def _save(obj, actor, reason: str, **kwargs) -> None:
    obj._history_user = actor
    obj._change_reason = reason
    obj.save(**kwargs)
    del obj._change_reason


@transaction.atomic
def rename_unit(
    unit: Unit,
    *,
    new_name: str,
    new_short_name: str = "",
    effective_date,
    decision_number="",
    decision_date=None,
    actor,
) -> UnitChange:
    """The unit carries ``new_name`` from ``effective_date``; earlier documents keep the old one."""
    _check_date(effective_date)
    _check_alive(unit)
    new_name = new_name.strip()
    if not new_name or new_name == unit.name:
        raise ReorganisationError(_("Give the new name."))
    if Unit.objects.filter(name=new_name).exclude(pk=unit.pk).exists():
        raise ReorganisationError(_("Another unit already has this name."))
    change = UnitChange(
        unit=unit,
        kind=UnitChangeKind.RENAME,
        effective_date=effective_date,
        decision_number=decision_number,
        decision_date=decision_date,
        old_name=unit.name,
        old_short_name=unit.short_name,
        new_name=new_name,
        new_short_name=new_short_name or unit.short_name,
    )
    reason = _("Renamed by decision %(number)s") % {"number": decision_number or "–"}
    _save(change, actor, reason)
    unit.name, unit.short_name = new_name, change.new_short_name
    _save(unit, actor, reason)
    return change


def _move_collectives(unit: Unit, successor: Unit, actor, reason: str) -> None:
    taken = set(successor.collectives.values_list("code", flat=True))
    for collective in Collective.objects.filter(unit=unit):
        collective.unit = successor
        if collective.code in taken:
            collective.code = f"{unit.code}-{collective.code}"[:30]
        taken.add(collective.code)
        _save(collective, actor, reason)


def _move_staff(unit: Unit, successor: Unit, actor, reason: str) -> int:
    people = list(Staff.objects.filter(unit=unit))
    for person in people:
        person.unit = successor
    Staff.objects.bulk_update(people, ["unit"], batch_size=2000)
    Staff.history.bulk_history_create(people, update=True, default_user=actor, default_change_reason=reason)
    return len(people)


def _move_accounts(unit: Unit, successor: Unit, actor, reason: str) -> None:
    for user in get_user_model().objects.filter(unit=unit):
        user.unit = successor
        _save(user, actor, reason)  # the user's unit group follows (permissions.signals)


def _move_open_dossiers(unit: Unit, successor: Unit, actor, reason: str) -> int:
    moved = 0
    for nomination in Nomination.objects.filter(unit=unit).exclude(status__in=CLOSED):
        nomination.unit = successor
        _save(nomination, actor, reason)
        move_unit_access(nomination, old_unit=unit)
        moved += 1
    return moved


def _end(unit: Unit, *, kind, successor, effective_date, decision_number, decision_date, actor) -> UnitChange:
    _check_date(effective_date)
    _check_alive(unit)
    if successor is not None:
        if successor.pk == unit.pk:
            raise ReorganisationError(_("A unit cannot be its own successor."))
        _check_alive(successor)
    reason = (
        _("Merged into %(successor)s by decision %(number)s")
        if kind == UnitChangeKind.MERGE
        else _("Dissolved by decision %(number)s")
    ) % {"successor": successor.name if successor else "", "number": decision_number or "–"}
    change = UnitChange(
        unit=unit,
        kind=kind,
        effective_date=effective_date,
        decision_number=decision_number,
        decision_date=decision_date,
        old_name=unit.name,
        old_short_name=unit.short_name,
        successor=successor,
    )
    with acting(actor, reason):
        if successor is not None:
            _move_collectives(unit, successor, actor, reason)
            change.staff_moved = _move_staff(unit, successor, actor, reason)
            _move_accounts(unit, successor, actor, reason)
            change.dossiers_moved = _move_open_dossiers(unit, successor, actor, reason)
        _save(change, actor, reason)
        unit.dissolved_on, unit.successor, unit.is_active = effective_date, successor, False
        _save(unit, actor, reason)
    return change


@transaction.atomic
def merge_units(
    sources: list[Unit], *, into: Unit, effective_date, decision_number="", decision_date=None, actor
) -> list[UnitChange]:
    """Merge ``sources`` into ``into`` (an existing unit, or one just created for the merge)."""
    if not sources:
        raise ReorganisationError(_("Choose the units to merge."))
    if any(unit.pk == into.pk for unit in sources):
        raise ReorganisationError(_("A unit cannot be merged into itself."))
    return [
        _end(
            unit,
            kind=UnitChangeKind.MERGE,
            successor=into,
            effective_date=effective_date,
            decision_number=decision_number,
            decision_date=decision_date,
            actor=actor,
        )
        for unit in sources
    ]


@transaction.atomic
def dissolve_unit(
    unit: Unit,
    *,
    effective_date,
    successor: Unit | None = None,
    decision_number="",
    decision_date=None,
    actor,
) -> UnitChange:
    """Dissolve ``unit``; with a ``successor``, it takes over staff and open dossiers. Without
    one, a unit that still has staff or open dossiers cannot be dissolved."""
    if successor is None and (
        Staff.objects.filter(unit=unit, is_active=True).exists()
        or Nomination.objects.filter(unit=unit).exclude(status__in=CLOSED).exists()
    ):
        raise ReorganisationError(
            _("This unit still has staff or open dossiers: name the unit that takes them over.")
        )
    return _end(
        unit,
        kind=UnitChangeKind.DISSOLVE,
        successor=successor,
        effective_date=effective_date,
        decision_number=decision_number,
        decision_date=decision_date,
        actor=actor,
    )


@transaction.atomic
def merge_into_new_unit(
    sources: list[Unit],
    *,
    code: str,
    name: str,
    short_name: str = "",
    effective_date,
    decision_number="",
    decision_date=None,
    actor,
) -> tuple[Unit, list[UnitChange]]:
    """Create the unit the merge gives birth to (of the first source's kind and parent), then merge."""
    if not sources:
        raise ReorganisationError(_("Choose the units to merge."))
    code = code.strip().lower()
    if not code or not name.strip():
        raise ReorganisationError(_("Give the new unit's code and name."))
    if Unit.objects.filter(code=code).exists() or Unit.objects.filter(name=name.strip()).exists():
        raise ReorganisationError(_("A unit with this code or name already exists."))
    first = sources[0]
    unit = Unit(
        code=code, name=name.strip(), short_name=short_name.strip(), kind=first.kind, parent=first.parent
    )
    _save(unit, actor, _("Created by the merger of decision %(number)s") % {"number": decision_number or "–"})
    changes = merge_units(
        sources,
        into=unit,
        effective_date=effective_date,
        decision_number=decision_number,
        decision_date=decision_date,
        actor=actor,
    )
    return unit, changes
