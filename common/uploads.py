"""Checks on evidence files before anything is stored."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The first bytes each allowed type must start with; a renamed .exe fails here.
_SIGNATURES = {
    "pdf": [b"%PDF-"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    "xls": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
}

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_evidence_file(uploaded) -> str:
    """Raise ``ValidationError`` with a message a clerk understands; return the content type."""
    allowed = settings.ATTACHMENT_ALLOWED_EXTENSIONS
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": uploaded.name})
    if uploaded.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; the limit is %(limit)s.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            }
        )
    ext = extension_of(uploaded.name)
    if ext not in allowed:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted. Allowed types: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(allowed)}
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not any(head.startswith(sig) for sig in _SIGNATURES.get(ext, [b""])):
        raise ValidationError(
            _("The file “%(name)s” is not a real %(ext)s file.") % {"name": uploaded.name, "ext": ext}
        )
    return CONTENT_TYPES.get(ext, "application/octet-stream")
