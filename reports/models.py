"""The short secret of a dossier's public lookup, printed on the unit's receipt."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from nominations.models import Nomination

# No 0/O, 1/I/L: the secret is read off paper and typed on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SECRET_LENGTH = 8


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


class LookupSecret(models.Model):
    """Made the first time the unit prints the receipt; with the dossier code it lets the
    nominee see where the dossier stands, and nothing else."""

    nomination = models.OneToOneField(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="lookup_secret"
    )
    secret = models.CharField(_("lookup secret"), max_length=16)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public lookup secret")
        verbose_name_plural = _("public lookup secrets")

    def __str__(self):
        return self.nomination.code

    @property
    def display(self) -> str:
        """As printed: two groups of four, easier to copy."""
        return f"{self.secret[:4]}-{self.secret[4:]}"
