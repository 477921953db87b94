"""The decision page's signature panel: what the signed PDF's verification says now, and the
USB-token download and upload while the decision awaits a signature."""

from django import template

from permissions import policy
from signing import config as signing_config

from .. import signatures
from ..signature_views import SignedUploadForm, decision_signers

register = template.Library()


@register.inclusion_tag("documents/_signature_panel.html", takes_context=True)
def signature_panel(context, decision):
    user = context["request"].user
    may_upload = decision.status == "submitted" and policy.can_upload_signed_decisions(user)
    return {
        "decision": decision,
        "verification": signatures.verify_decision(decision) if decision.status == "issued" else None,
        "stored": getattr(decision, "signed_pdf", None) if decision.status == "issued" else None,
        "server_signing": signing_config.server_signing_enabled(),
        "may_upload": may_upload,
        "signers": decision_signers() if may_upload else [],
        "default_signer": user.pk if policy.can_sign_decisions(user) else None,
        "form": SignedUploadForm() if may_upload else None,
        "csrf_token": context.get("csrf_token"),
    }
