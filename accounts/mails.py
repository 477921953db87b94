"""Mails that carry a one-time link to set a password: an invitation to a new account, or
"forgot my password". Links use Django's password-reset tokens: valid for
``PASSWORD_RESET_TIMEOUT`` seconds and void once the password has been set (the token hashes
the password and the last sign-in)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def link_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def set_password_link(user, *, invitation: bool) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    name = "invitation_confirm" if invitation else "password_reset_confirm"
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs={"uidb64": uid, "token": token})


def render_link_mail(user, *, invitation: bool) -> tuple[str, str]:
    """Subject and body of the mail, in the person's language."""
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "link": set_password_link(user, invitation=invitation),
            "days": link_days(),
            "site_url": settings.SITE_URL,
        }
        kind = "invitation" if invitation else "password_reset"
        subject = render_to_string(f"registration/{kind}_subject.txt", context).strip()
        body = render_to_string(f"registration/{kind}_email.txt", context)
    return " ".join(subject.splitlines()), body
