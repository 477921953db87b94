"""What the documents app keeps: the signed PDF of each issued decision, the public code of each
certificate (its QR target) and the token buckets of the public verification page."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningMethod(models.TextChoices):
    SERVER = "server", _("Organisation certificate on the server")
    TOKEN = "token", _("Signer's own token (uploaded)")


class SignedDecision(models.Model):
    """The signed PDF of an issued decision: what every download serves and verifies."""

    decision = models.OneToOneField(
        "workflows.AwardDecision",
        on_delete=models.PROTECT,
        related_name="signed_pdf",
        verbose_name=_("decision"),
    )
    pdf = models.BinaryField(_("signed PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    method = models.CharField(_("signed with"), max_length=10, choices=SigningMethod.choices)
    signer_subject = models.CharField(_("certificate holder"), max_length=500, blank=True)
    signed_at = models.DateTimeField(_("signing time"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed decision")
        verbose_name_plural = _("signed decisions")

    def __str__(self):
        return str(self.decision)


def new_certificate_token() -> str:
    return secrets.token_urlsafe(18)


class CertificateCode(models.Model):
    """The unguessable code printed (as a QR code) on one awardee's Giấy khen."""

    nomination = models.OneToOneField(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="certificate_code"
    )
    decision = models.ForeignKey("workflows.AwardDecision", on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=40, unique=True, default=new_certificate_token)

    class Meta:
        verbose_name = _("certificate code")
        verbose_name_plural = _("certificate codes")

    def __str__(self):
        return self.token


class TokenBucket(models.Model):
    """Requests a client may still make (healthchecks' idea): shared by every process."""

    key = models.CharField(max_length=100, unique=True)
    tokens = models.FloatField()
    updated_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key}: {self.tokens:.1f}"
