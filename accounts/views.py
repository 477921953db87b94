"""Own-password pages: change it (forced after an administrator set it), forgot it, set it
from an invitation or a reset link. Django's views with our templates and mails."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .forms import ResetLinkForm
from .mails import link_days


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been changed."))
        return response


class ForgotPasswordView(auth_views.PasswordResetView):
    form_class = ResetLinkForm
    success_url = reverse_lazy("password_reset_done")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, link_days=link_days())


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """From a reset link or an invitation: the person chooses a password, then signs in."""

    success_url = reverse_lazy("login")
    invitation = False

    def get_template_names(self):
        return [
            "registration/invitation_confirm.html"
            if self.invitation
            else "registration/password_reset_confirm.html"
        ]

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been set. Sign in with it."))
        return response
