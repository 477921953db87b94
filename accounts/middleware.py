"""An account whose password an administrator gave must choose its own before anything else."""

from django.shortcuts import redirect

# Pages such a person may still reach: the change itself, signing out, the language switch.
ALLOWED_URL_NAMES = frozenset({"password_change", "password_change_done", "logout", "set_language"})


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_URL_NAMES:
            return None
        return redirect("password_change")
