"""The lockouts page: who cannot sign in now, and the button that unlocks them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import lockouts, policy


@login_required
def lockout_list(request):
    if not policy.can_unlock_accounts(request.user):
        raise PermissionDenied(_("Only the head of the office or an administrator unlocks accounts."))
    return render(request, "permissions/lockouts.html", {"lockouts": lockouts.current_lockouts()[:200]})


@login_required
@require_POST
def unlock(request, pk):
    if lockouts.unlock(pk, by=request.user):
        messages.success(request, _("The account can sign in again."))
    return redirect("permissions:lockouts")
