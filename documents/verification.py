"""The public verification page of a Giấy khen (the target of its QR code): anyone holding the
certificate may check it is genuine. It shows the decision's number and date, the awardee's
name and unit, the award, and whether the decision's signature is valid: nothing else. Lookups
are rate-limited per client address and recorded in the audit trail."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audit.services import record_event

from . import ratelimit, signatures
from .models import CertificateCode


def verification_url(token: str) -> str:
    """The absolute address printed (as a QR code) on the certificate."""
    return settings.SITE_URL.rstrip("/") + reverse("verify_certificate", args=[token])


def lookup(token: str) -> dict | None:
    """What the public may learn from a certificate's code, or ``None`` for an unknown code."""
    code = (
        CertificateCode.objects.select_related("decision", "nomination__unit", "nomination__award_type")
        .filter(token=token, decision__status="issued")
        .first()
    )
    if code is None:
        return None
    verification = signatures.verify_decision(code.decision)
    if verification is None:
        signature = "unsigned"
    else:
        signature = "valid" if verification.valid else "invalid"
    return {
        "number": code.decision.number,
        "date": code.decision.decision_date,
        "awardee": code.nomination.nominee_name,
        "unit": code.nomination.unit.name,
        "award": code.nomination.award_type.name,
        "signature": signature,
        "_code": code,
    }


def public_lookup(request, token: str) -> tuple[int, dict | None]:
    """(HTTP status, what may be shown) for one lookup by anyone: 429 once the client's bucket
    is empty (not recorded), else the lookup, recorded in the audit trail found or not."""
    client = get_client_ip_address(request) or "unknown"
    if not ratelimit.take("verify", client, per_minute=settings.VERIFY_RATE_PER_MINUTE):
        return 429, None
    found = lookup(token)
    code = found.pop("_code") if found else None
    with transaction.atomic():
        record_event(
            signatures.CERTIFICATE_LOOKUP,
            request=request,
            nomination=code.nomination if code else None,
            target=code.decision if code else None,
            detail={"found": bool(found), "signature": found["signature"] if found else ""},
        )
    return (200 if found else 404), found


@never_cache
@require_safe
def verify_certificate(request, token):
    status, found = public_lookup(request, token)
    if status == 429:
        response = render(request, "documents/verify_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    return render(request, "documents/verify.html", {"found": found}, status=status)
