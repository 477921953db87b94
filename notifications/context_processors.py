from permissions.policy import can_manage_outbox

from .services import unread_count


def notification_nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user), "can_watch_outbox": can_manage_outbox(user)}
