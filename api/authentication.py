"""``Authorization: Token <token>`` (or ``Bearer``): the integration's service account."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import Integration, token_digest


class IntegrationTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        raw = header[1].decode(errors="replace")
        integration = (
            Integration.objects.select_related("user", "user__unit")
            .filter(token_hash=token_digest(raw), is_active=True, user__is_active=True)
            .first()
        )
        if integration is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        Integration.objects.filter(pk=integration.pk).update(last_used_at=timezone.now())
        return integration.user, integration

    def authenticate_header(self, request):
        return "Token"
