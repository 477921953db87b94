"""Integrations: other systems of the Department (e-office, HR) that use the REST API. Each one
acts through its own service account, bound to one unit or to the Department, so that every
permission rule of the pages applies to it unchanged."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def token_digest(raw: str) -> str:
    """Tokens are kept only as their SHA-256: a copy of the database gives no usable token."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Integration(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="integration",
        verbose_name=_("service account"),
        help_text=_("Its unit and role decide what the integration may read and write, as for a person."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(_("token starts with"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")

    def __str__(self):
        return self.name
