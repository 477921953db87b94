"""Signed decisions (ký số): the PDF of a decision is signed when it is issued (organisation
certificate on the server), or signed by the director's own USB token and uploaded; every
download is verified. pyHanko does the cryptography (``signing``); this module decides what
is signed and what a result means for the decision."""

import dataclasses
import hashlib
import logging

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record_event
from permissions import policy
from signing import config as signing_config
from signing import pades
from workflows.award_decisions import issue_decision
from workflows.models import AwardDecision, DecisionStatus
from workflows.services import WorkflowError

from . import data, fonts, layout
from .decision_pdf import build_decision_pdf_with_signature_box
from .models import CertificateCode, SignedDecision, SigningMethod

logger = logging.getLogger(__name__)

# Audit event types of this module (audit.models.EventType lists them).
SIGNED_UPLOAD_ACCEPTED = "signed_upload_accepted"
SIGNED_UPLOAD_REFUSED = "signed_upload_refused"
CERTIFICATE_LOOKUP = "certificate_lookup"


class SignatureRefused(WorkflowError):
    """An uploaded signed file that is not accepted; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__(_("The signed file was refused: %(why)s") % {"why": " ".join(problems)})
        self.problems = problems


def signing_data(decision: AwardDecision, signer) -> data.DecisionData:
    """The decision as it reads once ``signer`` has signed it."""
    return dataclasses.replace(
        data.decision_data(decision),
        signer_name=signer.get_full_name(),
        signer_is_deputy=policy.signs_as_deputy(signer),
        issued=True,
    )


def pdf_for_signing(decision: AwardDecision, signer) -> bytes:
    """The unsigned PDF the director signs with their token (reproducible byte for byte)."""
    return build_decision_pdf_with_signature_box(signing_data(decision, signer))[0]


def _stamp_text() -> str:
    # pyHanko fills %(signer)s and %(ts)s from the certificate and the signing time.
    return f"Ký bởi: %(signer)s\nThời gian: %(ts)s\n{layout.issuing_body_full()}"


def _store(decision, pdf: bytes, method: str, verification: pades.Verification, *, by=None) -> SignedDecision:
    return SignedDecision.objects.create(
        decision=decision,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        method=method,
        signer_subject=verification.signer[:500],
        signed_at=verification.signed_at,
        uploaded_by=by,
    )


def sign_issued_decision(decision: AwardDecision) -> SignedDecision | None:
    """Called as the decision is issued: sign its PDF with the organisation certificate.

    Does nothing when a token-signed file was already stored, or when no certificate is
    configured (the decision is then issued unsigned, and its page says so)."""
    if (
        SignedDecision.objects.filter(decision=decision).exists()
        or not signing_config.server_signing_enabled()
    ):
        return None
    decided = data.decision_data(decision)
    pdf, (page, box) = build_decision_pdf_with_signature_box(decided)
    try:
        signed = pades.sign_pdf(
            pdf,
            where=pades.SignatureBox(page, box),
            reason=f"Ban hành Quyết định số {decision.number}",
            location=layout.place(),
            stamp_text=_stamp_text(),
            font_path=str(fonts.FONT_DIR / "LiberationSerif-Regular.ttf"),
        )
    except Exception as exc:  # the configured certificate or the TSA failed: do not issue
        logger.exception("signing decision %s failed", decision.number)
        raise WorkflowError(
            _("The decision could not be signed with the organisation certificate: %(error)s")
            % {"error": exc}
        ) from exc
    return _store(decision, signed, SigningMethod.SERVER, pades.verify_pdf(signed))


def create_certificate_codes(decision: AwardDecision) -> None:
    for nomination in decision.nominations.all():
        CertificateCode.objects.get_or_create(nomination=nomination, defaults={"decision": decision})


def issue_with_token_signature(decision: AwardDecision, *, by, signer, content: bytes) -> AwardDecision:
    """Accept a PDF signed with the director's token and issue the decision, or refuse it.

    Accepted only when the file is the PDF generated for this decision and this signer with
    signatures added and nothing else, and every signature verifies against the trust roots.
    Refusals are audited (outside the refused transaction) and raise ``SignatureRefused``."""
    if not policy.can_upload_signed_decisions(by):
        raise WorkflowError(_("Only the directors and the Department office upload signed decisions."))
    if not policy.can_sign_decisions(signer):
        raise WorkflowError(_("Only the Director or a deputy signs decisions."))
    if decision.status != DecisionStatus.SUBMITTED:
        raise WorkflowError(
            _("Decision %(number)s is not awaiting a signature.") % {"number": decision.number}
        )
    problems = pades.content_problems(pdf_for_signing(decision, signer), content)
    verification = pades.verify_pdf(content)
    problems += [p for p in verification.problems if p not in problems]
    if problems:
        with transaction.atomic():
            record_event(
                SIGNED_UPLOAD_REFUSED,
                actor=by,
                target=decision,
                reason=" ".join(problems),
                detail={"signer": signer.get_username(), "sha256": hashlib.sha256(content).hexdigest()},
            )
        raise SignatureRefused(problems)
    with transaction.atomic():
        _store(decision, content, SigningMethod.TOKEN, verification, by=by)
        issued = issue_decision(decision, by=by, signer=signer)
        record_event(
            SIGNED_UPLOAD_ACCEPTED,
            actor=by,
            target=decision,
            detail={"signer": signer.get_username(), "certificate": verification.signer},
        )
    return issued


def verify_decision(decision: AwardDecision) -> pades.Verification | None:
    """Verify the stored signed PDF now (trust roots and CRLs as configured today)."""
    stored = SignedDecision.objects.filter(decision=decision).only("pdf").first()
    if stored is None:
        return None
    return pades.verify_pdf(bytes(stored.pdf))


def issued_decision_pdf(decision: AwardDecision) -> tuple[bytes, str]:
    """The PDF of an issued decision as every reader gets it, and its signature's state now:
    the stored signed file verified as it is served (``valid``/``invalid``), or the PDF
    generated unsigned (``unsigned``)."""
    stored = SignedDecision.objects.filter(decision=decision).first()
    if stored is None:
        return build_decision_pdf_with_signature_box(data.decision_data(decision))[0], "unsigned"
    content = bytes(stored.pdf)
    verification = pades.verify_pdf(content)
    if not verification.valid:
        logger.warning(
            "decision %s: signature not valid on download: %s", decision.number, verification.problems
        )
    return content, "valid" if verification.valid else "invalid"
