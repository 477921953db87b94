"""Where events come from: Django's sign-in signals, django-simple-history, the workflow's
``workflow_event``, changes of users' groups and permissions, and viewflow tasks cancelled
or undone; object-permission grants and file downloads announced in ``common.events``."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from common.events import account_unlocked, file_downloaded, permission_changed
from workflows.events import workflow_event

from .history import record_model_change
from .models import EventType
from .services import (
    current_actor,
    record_download,
    record_event,
    record_permission_change,
    record_workflow_event,
)

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender, request, user, **kwargs):
    record_event(EventType.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(EventType.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``.
    record_event(EventType.LOGIN_FAILED, username=credentials.get("username", "")[:150], request=request)


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    record_event(
        EventType.ACCOUNT_LOCKED,
        username=(username or "")[:150],
        request=request,
        detail={"ip_address": ip_address or ""},
        search_extra=[username or "", ip_address or ""],
    )


@receiver(account_unlocked, dispatch_uid="audit_account_unlocked")
def on_account_unlocked(sender, username, ip_address, by, **kwargs):
    record_event(
        EventType.ACCOUNT_UNLOCKED,
        actor=by,
        detail={"username": username or "", "ip_address": ip_address or ""},
        search_extra=[username or "", ip_address or ""],
    )


@receiver(post_create_historical_record, dispatch_uid="audit_history")
def on_history(sender, instance, history_instance, **kwargs):
    if instance._meta.app_label != "audit":
        record_model_change(instance, history_instance)


@receiver(workflow_event, dispatch_uid="audit_workflow_event")
def on_workflow_event(sender, signal=None, **kwargs):
    # Django passes the signal itself to every receiver: it is not part of the event.
    record_workflow_event(sender, **kwargs)


@receiver(permission_changed, dispatch_uid="audit_object_permission")
def on_object_permission(sender, *, granted, permission, holder, target, **kwargs):
    record_permission_change(granted=granted, permission=permission, holder=holder, target=target)


@receiver(file_downloaded, dispatch_uid="audit_file_downloaded")
def on_file_downloaded(sender, *, upload, request, **kwargs):
    record_download(upload, request=request)


# --- Membership of groups (roles, units) and permissions given to a user directly ---


def _membership_changed(instance, action, reverse, model, pk_set, *, describe):
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if action == "pre_clear":
        # ``clear`` does not say what it removes: remember it before it goes.
        related = getattr(instance, "groups" if model is Group else "user_permissions", None)
        if not reverse and related is not None:
            instance._audit_cleared = set(related.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set, action = getattr(instance, "_audit_cleared", set()), "post_remove"
    if not pk_set:
        return
    granted = action == "post_add"
    if reverse:  # group.user_set.add(user): the instance is the group, the set holds users
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(instance, item) for item in model.objects.filter(pk__in=pk_set)]
    for user, item in pairs:
        record_permission_change(
            granted=granted, permission=describe(item), holder=user, target=user, actor=current_actor()
        )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_user_groups")
def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    _membership_changed(
        instance, action, reverse, model, pk_set, describe=lambda group: f"group:{group.name}"
    )


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="audit_user_permissions")
def on_user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    _membership_changed(
        instance,
        action,
        reverse,
        model,
        pk_set,
        describe=lambda perm: (
            f"{perm.content_type.app_label}.{perm.codename}" if isinstance(perm, Permission) else str(perm)
        ),
    )


# --- viewflow tasks cancelled or undone ---
# viewflow 2.4's own signals (flow_started, flow_finished, task_started, task_finished,
# task_failed) say nothing when a task is cancelled or undone: both are a save of the task
# with status CANCELED, which is what is watched here.


@receiver(pre_save, sender=Task, dispatch_uid="audit_task_before_save")
def remember_task_status(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.status != STATUS.CANCELED:
        return
    before = Task.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if before is not None and before != STATUS.CANCELED:
        instance._audit_status_before = before


@receiver(post_save, sender=Task, dispatch_uid="audit_task_after_save")
def on_task_cancelled(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_audit_status_before", None)
    if raw or before is None:
        return
    process = instance.process.coerced
    record_event(
        EventType.TASK_UNDONE if before == STATUS.DONE else EventType.TASK_CANCELLED,
        actor=current_actor(),
        nomination=getattr(process, "nomination", None),
        detail={
            "task": instance.pk,
            "step": getattr(instance.flow_task, "name", ""),
            "status_before": before,
        },
    )
