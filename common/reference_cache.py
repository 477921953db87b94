"""Small reference tables read at every workflow step (the province's step limits, the
calendar's exceptions), kept in each process instead of read again each time.

A change saved in this process (a ``post_save`` or ``post_delete`` signal) drops the copy at
once; another process (a gunicorn worker, a Celery worker) keeps its copy for at most
``REFERENCE_CACHE_SECONDS`` (60 s by default; 0 reads every time) and then reads the table
again. While a change saved here is not yet committed, no copy is kept: a change that rolls
back is never cached (should its transaction never say, for ``REFERENCE_CACHE_SECONDS``).
"""

import time
import weakref
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction

_MISSING = object()
_all: "weakref.WeakSet[ProcessCached]" = weakref.WeakSet()


class ProcessCached:
    """The value ``load()`` gives, kept in this process for ``REFERENCE_CACHE_SECONDS``."""

    def __init__(self, load: Callable[[], object]):
        self._load = load
        self._kept = (_MISSING, 0.0)  # (value, when it was read): replaced as one
        self._paused_until = 0.0
        _all.add(self)

    def get(self):
        value, read_at = self._kept
        now = time.monotonic()
        seconds = settings.REFERENCE_CACHE_SECONDS
        if value is not _MISSING and now - read_at < seconds:
            return value
        value = self._load()
        if seconds > 0 and now >= self._paused_until:
            self._kept = (value, now)
        return value

    def clear(self) -> None:
        self._kept = (_MISSING, 0.0)
        self._paused_until = 0.0

    def changed(self, *args, **kwargs) -> None:
        """A row of the table was saved or deleted (a signal receiver): drop the copy, and keep
        none until that change is committed."""
        self._kept = (_MISSING, 0.0)
        if connection.in_atomic_block:
            self._paused_until = time.monotonic() + settings.REFERENCE_CACHE_SECONDS
            transaction.on_commit(self.clear)


def clear_all() -> None:
    """Every process cache dropped (the tests do it between tests: their rows roll back)."""
    for cached in list(_all):
        cached.clear()
