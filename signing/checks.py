"""Fail early on a signing configuration that cannot work (``manage.py check``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from . import config


@register(Tags.security)
def signing_configuration(app_configs=None, **kwargs):
    problems = []
    if settings.SIGNING_PKCS12_PATH:
        try:
            config.load_server_signer()
        except config.SigningConfigurationError as exc:
            problems.append(
                Error(
                    f"SIGNING_PKCS12_PATH cannot be used: {exc}",
                    hint="Check the path and the password.",
                    id="signing.E001",
                )
            )
    try:
        config.trust_store()
    except config.SigningConfigurationError as exc:
        problems.append(Error(f"SIGNING_TRUST_ROOTS or SIGNING_CRL_FILES: {exc}", id="signing.E002"))
    # No trust roots is not an error: every signature is then shown "not valid", and says why.
    return problems
