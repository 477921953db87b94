"""Who is acting, and why, while the flow runs its callbacks.

viewflow calls our node callbacks without the request; the service that drives a step
sets the actor here so that history rows and grants name the right person.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Acting:
    user: object
    reason: str = ""


_current: ContextVar[Acting | None] = ContextVar("workflow_acting", default=None)


@contextmanager
def acting(user, reason: str = ""):
    token = _current.set(Acting(user, reason))
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Acting:
    return _current.get() or Acting(None, "")
