"""One unit of work (a workflow step, a new dossier): listeners that write something for each
event they hear may keep those writes and make them at once when the unit ends, still inside
its transaction. The audit trail does so: a step's events are chained in one append.

A service opens the unit inside its transaction (``with transaction.atomic(), unit_of_work():``);
a listening app registers, at start-up, what to do when a unit ends well (``flush``) or badly
(``discard``). Outside a transaction the unit is not opened (nothing could keep the writes
inside it), and a unit opened inside another is part of it.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

_open: ContextVar[bool] = ContextVar("unit_of_work_open", default=False)
_listeners: list[tuple[Callable[[], None], Callable[[], None]]] = []


def register(flush: Callable[[], None], discard: Callable[[], None]) -> None:
    """At start-up: ``flush`` writes what was kept when a unit ends well (before its commit);
    ``discard`` forgets it when the unit ends with an exception (its transaction rolls back)."""
    if (flush, discard) not in _listeners:
        _listeners.append((flush, discard))


def is_open() -> bool:
    """Whether writes may be kept for the end of the current unit of work."""
    return _open.get()


@contextmanager
def unit_of_work():
    if _open.get() or not connection.in_atomic_block:
        yield
        return
    token = _open.set(True)
    try:
        yield
    except BaseException:
        _open.reset(token)
        for _flush, discard in _listeners:
            discard()
        raise
    _open.reset(token)
    for flush, _discard in _listeners:
        flush()
