from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .grants import sync_user_unit_group


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="sync_user_unit_group")
def keep_unit_group_in_step(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_user_unit_group(instance)
