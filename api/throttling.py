"""Requests per integration per minute, counted in the database token bucket the public
verification page uses, so the limit holds across every web process."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from documents import ratelimit

from .models import Integration


class IntegrationThrottle(BaseThrottle):
    def allow_request(self, request, view):
        if not isinstance(request.auth, Integration):
            return True  # unauthenticated requests are refused before they do any work
        return ratelimit.take("api", str(request.auth.pk), per_minute=settings.API_REQUESTS_PER_MINUTE)

    def wait(self):
        return 60 / settings.API_REQUESTS_PER_MINUTE
