from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm

from .tasks import send_set_password_mail


class ResetLinkForm(PasswordResetForm):
    """Django's form, with two changes: an invited person who never set a password may ask
    for a link too, and the mail is queued for the worker instead of sent during the request."""

    def get_users(self, email):
        model = get_user_model()
        return model._default_manager.filter(email__iexact=email, is_active=True)

    def save(self, *args, **kwargs):
        from django.db import transaction

        for user in self.get_users(self.cleaned_data["email"]):
            user_id = user.pk
            transaction.on_commit(lambda user_id=user_id: send_set_password_mail.delay(user_id, False))
