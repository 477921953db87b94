"""Sign-in bookkeeping in one statement."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone


def record_last_login(sender, user, **kwargs):
    """Stand-in for Django's ``update_last_login``, which saves the user (``update_fields=
    ["last_login"]``) and so ran every receiver of a user's save on each sign-in: a historical
    row identical to the one before (history leaves ``last_login`` out), its audit diff, the
    unit-group sync. One UPDATE of the column instead; nothing else changed."""
    user.last_login = timezone.now()
    get_user_model()._default_manager.filter(pk=user.pk).update(last_login=user.last_login)


def connect() -> None:
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    user_logged_in.connect(record_last_login, dispatch_uid="record_last_login")
