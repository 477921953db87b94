"""Request and response hardening that applies to every page."""

from urllib.parse import unquote

from django.http import HttpResponseBadRequest
from django.template import loader
from django.utils.translation import gettext as _

from .forms import has_control_characters


class RefuseControlCharactersMiddleware:
    """A NUL or another control character in the path or the query string is answered 400
    before any view runs: no database can be asked for it (PostgreSQL refuses NUL in text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_values = [value for values in request.GET.lists() for value in values[1]]
        if has_control_characters(unquote(request.path)) or any(
            has_control_characters(text) for text in [*request.GET.keys(), *query_values]
        ):
            return HttpResponseBadRequest(
                loader.render_to_string(
                    "400.html", {"reason": _("The address contains invisible control characters.")}, request
                )
            )
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages and files for a signed-in person are never kept by a browser or a proxy cache:
    ``Cache-Control: private, no-store`` unless the view said otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
