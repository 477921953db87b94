"""Mail for accounts goes through the worker: a page that sends a reset link answers as fast
for a known address as for an unknown one (no account enumeration by timing)."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from .mails import render_link_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_set_password_mail(user_id: int, invitation: bool) -> bool:
    """Render the link when sending: a retried mail carries a fresh, valid token."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    subject, body = render_link_mail(user, invitation=invitation)
    send_mail(subject, body, None, [user.email])
    return True
