"""The words of each notification, rendered in the recipient's language when it is written."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .kinds import Kind

HEADLINES = {
    Kind.TASK_WAITING: lambda c: _("Dossier %(code)s (%(nominee)s, %(unit)s) is waiting for: %(step)s.") % c,
    Kind.TASK_ASSIGNED: lambda c: _("Dossier %(code)s (%(nominee)s) was assigned to you for: %(step)s.") % c,
    Kind.RETURNED: lambda c: _("Dossier %(code)s (%(nominee)s) was returned to your unit for revision.") % c,
    Kind.REJECTED: lambda c: _("Dossier %(code)s (%(nominee)s) was rejected.") % c,
    Kind.APPROVED: lambda c: _("Dossier %(code)s (%(nominee)s) was approved by the Director.") % c,
    Kind.FORWARDED: lambda c: _("Dossier %(code)s (%(nominee)s) was forwarded to: %(authority)s.") % c,
    Kind.DECISION_ISSUED: lambda c: (
        _("Decision %(number)s of %(date)s awards “%(award)s” to %(nominee)s (dossier %(code)s).") % c
    ),
    Kind.REMINDER: lambda c: _("Dossier %(code)s (%(nominee)s) is due on %(due)s at: %(step)s.") % c,
    Kind.ESCALATION: lambda c: (
        _("Dossier %(code)s (%(nominee)s) passed its due date %(due)s at: %(step)s (held by %(holder)s).") % c
    ),
    Kind.DIGEST: lambda c: _("Your notifications of %(date)s.") % c,
    Kind.GROUPED: lambda c: (
        _("%(count)s dossiers of %(unit)s are waiting for you.") % c
        if c.get("unit")
        else _("%(count)s dossiers of %(units)s units are waiting for you.") % c
    ),
    Kind.DECISION_TO_SIGN: lambda c: (
        _("Decision %(number)s (%(count)s awardees) was sent to you for signature.") % c
    ),
    Kind.CAMPAIGN_REMINDER: lambda c: (
        _("Campaign “%(campaign)s”: %(unit)s has yet to %(task)s; the deadline is %(due)s.") % c
    ),
}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def local_date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def nomination_context(nomination) -> dict:
    return {
        "code": nomination.code,
        "nominee": nomination.nominee_name,
        "unit": nomination.unit.name,
        "award": nomination.award_type.name,
        "authority": nomination.award_type.get_authority_display(),
    }


def render(kind: str, language: str, context: dict, *, comment: str = "", url: str = "", items=()) -> dict:
    """Subject, plain text and HTML of one notification, in ``language``."""
    with translation.override(language):
        headline = HEADLINES[kind]({k: str(v) for k, v in context.items()})
        label = str(Kind(kind).label)
        code = context.get("code") or context.get("number") or ""
        subject = f"[{_('Commendations')}] {label}" + (f" – {code}" if code else "")
        template_context = {
            "headline": headline,
            "comment": comment,
            "url": absolute(url) if url else "",
            "items": items,
            "site_url": settings.SITE_URL,
        }
        return {
            "subject": subject[:255],
            "body_text": render_to_string("notifications/email/message.txt", template_context),
            "body_html": render_to_string("notifications/email/message.html", template_context),
        }
