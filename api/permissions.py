"""DRF permission classes that only ask ``permissions.policy``: no rule of their own."""

from rest_framework.permissions import BasePermission

from permissions import policy

from .models import Integration


class IsIntegration(BasePermission):
    """Authenticated with an integration's token (not a browser session)."""

    def has_permission(self, request, view):
        return isinstance(request.auth, Integration)


class ReadsDecisions(BasePermission):
    def has_permission(self, request, view):
        return policy.can_read_decisions(request.user)


class ReadsApiDocs(BasePermission):
    def has_permission(self, request, view):
        return policy.can_read_api_docs(request.user)
