"""Sign-in lockouts (django-axes): the page a locked-out person sees, who is locked out now,
and unlocking, which the head of the office or an administrator may do."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils.translation import gettext as _

from common.events import account_unlocked

from . import policy


def locked_out(request, credentials=None, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: a clear page, in the person's language, with the cool-off."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def current_lockouts() -> QuerySet:
    """Accounts and addresses at or past the failure limit, newest first."""
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time"
    )


def unlock(attempt_id: int, *, by) -> int:
    """Lift one lockout (its account, or its address if it was an address's); announced so that
    the audit trail records who unlocked whom."""
    if not policy.can_unlock_accounts(by):
        raise PermissionDenied(_("Only the head of the office or an administrator unlocks accounts."))
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return 0
    removed = reset(username=attempt.username) if attempt.username else reset(ip=attempt.ip_address)
    account_unlocked.send(
        sender=AccessAttempt, username=attempt.username, ip_address=attempt.ip_address, by=by
    )
    return removed
