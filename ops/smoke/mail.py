"""What the SMTP server of the smoke test received: aiosmtpd's Mailbox handler writes a Maildir."""

import mailbox
import time
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses

from .http import SmokeFailure


@dataclass(frozen=True)
class Mail:
    recipients: tuple
    subject: str
    text: str
    html: str


def read(maildir: str) -> list[Mail]:
    mails = []
    for message in mailbox.Maildir(maildir, create=False):
        subject = str(make_header(decode_header(message["Subject"] or "")))
        recipients = tuple(sorted(addr.lower() for _, addr in getaddresses(message.get_all("To", []))))
        parts = {p.get_content_type(): p for p in message.walk() if not p.is_multipart()}
        text, html = (
            parts[kind].get_payload(decode=True).decode(parts[kind].get_content_charset() or "utf-8")
            if kind in parts
            else ""
            for kind in ("text/plain", "text/html")
        )
        mails.append(Mail(recipients, subject, text, html))
    return mails


def wait_for(maildir: str, expected: list[tuple[str, str]], *, code: str, timeout: float) -> list[Mail]:
    """Wait until each (recipient, subject fragment) of ``expected`` has a mail about ``code``."""
    deadline = time.monotonic() + timeout
    while True:
        about = [m for m in read(maildir) if code in m.subject]
        missing = [
            (rcpt, fragment)
            for rcpt, fragment in expected
            if not any(rcpt in m.recipients and fragment in m.subject for m in about)
        ]
        if not missing:
            return about
        if time.monotonic() > deadline:
            got = "\n".join(f"  {m.recipients} {m.subject}" for m in about) or "  (none)"
            raise SmokeFailure(
                "mail", f"after {timeout:.0f}s, no mail for {missing}; mails about {code}:\n{got}"
            )
        time.sleep(0.5)
