"""A deactivated account's open tasks go back to their queue.

Whoever deactivates a person (the admin's checkbox, a bulk action, a service) saves the user
with ``is_active`` off; these receivers see the change and release each task the person held,
announcing it as a workflow "released" event (the audit trail and the outbox hear it), so the
colleagues of the queue can take the dossier."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User

from . import events


def release_tasks_of(user) -> int:
    """Put back in their queues the open tasks ``user`` holds; returns how many."""
    released = 0
    for task in Task.objects.filter(owner=user, status=STATUS.ASSIGNED).select_related("process"):
        nomination = task.process.coerced.nomination
        with task.activation() as activation:
            if activation.task.status != STATUS.ASSIGNED or activation.task.owner_id != user.pk:
                continue  # handled meanwhile
            activation.unassign()
            events.emit(
                events.Event.RELEASED,
                nomination=nomination,
                actor=None,
                task=task,
                reason=gettext("the account of %(name)s was deactivated") % {"name": user.get_full_name()},
            )
            released += 1
    return released


@receiver(pre_save, sender=User, dispatch_uid="workflows_user_was_active")
def _remember_active(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._was_active = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()


@receiver(post_save, sender=User, dispatch_uid="workflows_release_on_deactivation")
def _release_on_deactivation(sender, instance, created=False, raw=False, **kwargs):
    if raw or created or instance.is_active or not getattr(instance, "_was_active", False):
        return
    instance._was_active = False
    # In the transaction of the save: deactivated and released together, or neither.
    with transaction.atomic():
        release_tasks_of(instance)
