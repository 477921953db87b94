"""The public lookup page (no sign-in) and the unit's receipt that carries the secret."""

from axes.helpers import get_client_ip_address
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from audit.services import record_public_lookup
from nominations.models import Nomination, NominationStatus
from permissions import policy
from permissions.selectors import get_visible_nomination

from . import lookup
from .forms import PublicLookupForm


@never_cache
def public_lookup(request):
    form = PublicLookupForm(request.POST or None)
    status, result = None, None
    http_status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        ip_address = get_client_ip_address(request)
        known = Nomination.objects.filter(code=code).first()
        with transaction.atomic():
            if lookup.is_throttled(ip_address=ip_address, code=code):
                result = lookup.Result.THROTTLED
                http_status = 429
            else:
                found = lookup.find(code, form.cleaned_data["secret"])
                result = lookup.Result.FOUND if found is not None else lookup.Result.NOT_FOUND
                status = lookup.public_status(found) if found is not None else None
            record_public_lookup(
                request=request, ip_address=ip_address, code=code, result=result, nomination=known
            )
    response = render(
        request, "reports/public_lookup.html", {"form": form, "status": status, "result": result}
    )
    response.status_code = http_status
    return response


@login_required
def receipt(request, code):
    """Phiếu tiếp nhận: what the unit gives the nominee once the dossier has left the unit."""
    nomination = get_visible_nomination(request.user, code=code)
    if not policy.can_see_lookup_secret(request.user, nomination.unit_id):
        raise PermissionDenied
    if nomination.status == NominationStatus.DRAFT:
        return render(request, "reports/receipt.html", {"nomination": nomination, "secret": None})
    secret = lookup.secret_for(nomination)
    lookup_url = request.build_absolute_uri("/lookup/")
    return render(
        request,
        "reports/receipt.html",
        {"nomination": nomination, "secret": secret, "lookup_url": lookup_url},
    )
