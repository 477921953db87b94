"""Sign a PDF (PAdES, visible field) and verify the signatures of a PDF, with pyHanko.

Pure functions of bytes: the callers (``documents``) decide what is signed, where the visible
block goes and what a result means for the decision."""

import asyncio
import datetime
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from . import config

logger = logging.getLogger(__name__)

FIELD_NAME = "ChuKySo"


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's synchronous calls run their own asyncio loop, which fails in a thread that
    already runs one (Playwright in the browser tests, an async caller): there, run the call
    in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: page index (from 0) and a box in PDF points."""

    page: int
    box: tuple[float, float, float, float]


@dataclass
class Verification:
    """What a reader of the PDF is told about its signature."""

    signed: bool
    valid: bool = False
    signer: str = ""
    signed_at: datetime.datetime | None = None
    timestamped: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if not self.signed:
            return _("not signed")
        return _("valid") if self.valid else _("not valid")


def sign_pdf(
    pdf: bytes,
    *,
    where: SignatureBox,
    reason: str,
    location: str,
    stamp_text: str,
    font_path: str,
    signer=None,
    timestamper=None,
) -> bytes:
    """Sign ``pdf`` with the organisation certificate (or ``signer``), as an incremental update,
    with a visible block at ``where`` and an RFC 3161 timestamp when a TSA is configured."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    signer = signer or config.load_server_signer()
    timestamper = timestamper if timestamper is not None else config.timestamper()
    style = TextStampStyle(
        stamp_text=stamp_text,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(font_path), font_size=8),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason, location=location, subfilter=fields.SigSeedSubFilter.PADES
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamper or None,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=where.page, box=where.box),
    )
    out = io.BytesIO()
    _outside_event_loop(
        pdf_signer.sign_pdf, IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), output=out
    )
    return out.getvalue()


def _context(store: config.TrustStore) -> ValidationContext:
    return ValidationContext(
        trust_roots=store.roots,
        crls=store.crls,
        allow_fetching=store.fetch_revocation,
        revocation_mode="soft-fail",
    )


def verify_pdf(pdf: bytes, store: config.TrustStore | None = None) -> Verification:
    """Check every signature of ``pdf`` against the configured trust roots; never raises."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001  (a broken upload is "not signed", not a 500)
        logger.info("unreadable PDF given for verification", exc_info=True)
        return Verification(signed=False, problems=[_("The file is not a readable PDF.")])
    if not signatures:
        return Verification(signed=False, problems=[_("The PDF carries no digital signature.")])
    try:
        store = store or config.trust_store()
    except config.SigningConfigurationError as exc:
        return Verification(
            signed=True, problems=[_("The trust roots cannot be read: %(error)s") % {"error": exc}]
        )
    result = Verification(signed=True)
    for signature in signatures:
        result.problems += _problems_of(signature, _context(store), result)
    if not store.roots:
        result.problems.append(_("No trust roots are configured: the signer cannot be trusted."))
    result.valid = not result.problems
    return result


def _problems_of(signature, context, result: Verification) -> list[str]:
    try:
        status = _outside_event_loop(validate_pdf_signature, signature, context)
    except SignatureValidationError as exc:
        return [_("The signature cannot be validated: %(error)s") % {"error": exc.failure_message}]
    except Exception as exc:  # noqa: BLE001  (malformed CMS from an upload)
        logger.info("signature validation failed", exc_info=True)
        return [_("The signature cannot be validated: %(error)s") % {"error": type(exc).__name__}]
    if not result.signer:
        result.signer = holder_name(status.signing_cert)
        timestamp = status.timestamp_validity
        result.timestamped = timestamp is not None
        result.signed_at = timestamp.timestamp if timestamp else status.signer_reported_dt
    problems = []
    if not status.intact:
        problems.append(_("The document was changed after it was signed (the content no longer matches)."))
    elif not status.valid:
        problems.append(_("The signature value does not match the signer's certificate."))
    if status.revoked:
        problems.append(_("The signer's certificate has been revoked."))
    elif not status.trusted:
        problems.append(_trust_problem(status))
    if status.modification_level is not None and status.modification_level > ModificationLevel.FORM_FILLING:
        problems.append(_("The document was modified after signing in a way a signature does not allow."))
    return problems


def holder_name(certificate) -> str:
    """ "Sở Y tế tỉnh Đồng Nai (Thử nghiệm CA)": the holder's common name and organisation."""
    subject = certificate.subject.native
    name = subject.get("common_name") or certificate.subject.human_friendly
    organisation = subject.get("organization_name")
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    return f"{name} ({organisation})" if organisation and organisation not in name else str(name)


def _trust_problem(status) -> str:
    indication = getattr(status.trust_problem_indic, "name", "")
    if indication in {"OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED", "NOT_YET_VALID"}:
        return _("The signer's certificate was not valid at the time of signing (expired or not yet valid).")
    if indication in {
        "NO_CERTIFICATE_CHAIN_FOUND",
        "NO_CERTIFICATE_CHAIN_FOUND_NO_POE",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE",
    }:
        return _("The signer's certificate does not chain to a configured trust root.")
    return _("The signer's certificate is not trusted (%(reason)s).") % {"reason": indication.lower() or "-"}


def _deref(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _pages(reader) -> list:
    pages, stack = [], [reader.root["/Pages"]]
    while stack:
        node = _deref(stack.pop())
        if "/Kids" in node:
            stack.extend(reversed(list(node["/Kids"])))
        else:
            pages.append(node)
    return pages


def _content(page) -> bytes:
    contents = _deref(page.get("/Contents"))
    if contents is None:
        return b""
    streams = [_deref(item) for item in contents] if isinstance(contents, list) else [contents]
    return b"\n".join(stream.data for stream in streams)


def _annotations(page) -> list:
    return [_deref(item) for item in _deref(page.get("/Annots")) or []]


def content_problems(original: bytes, signed: bytes) -> list[str]:
    """Is ``signed`` the document ``original`` with signatures added and nothing else?

    The signature must be an incremental update of exactly these bytes, every page of the signed
    file must draw exactly what the generated page draws, and the only annotations it may add
    are signature fields."""
    differs = [_("The signed file is not the document generated for this decision (its content differs).")]
    if not signed.startswith(original) or len(signed) == len(original):
        return differs
    try:
        before = _pages(PdfFileReader(io.BytesIO(original), strict=False))
        after = _pages(PdfFileReader(io.BytesIO(signed), strict=False))
        if len(before) != len(after):
            return differs
        for old, new in zip(before, after, strict=True):
            if _content(old) != _content(new) or old.get("/MediaBox") != new.get("/MediaBox"):
                return differs
            for annotation in _annotations(new)[len(_annotations(old)) :]:
                if annotation.get("/Subtype") != "/Widget" or annotation.get("/FT") != "/Sig":
                    return [_("The signed file adds more than a signature to the generated document.")]
    except Exception:  # noqa: BLE001  (a malformed update is refused, not a 500)
        logger.info("comparing an upload with the generated document failed", exc_info=True)
        return [_("The signed file cannot be compared with the generated document.")]
    return []
