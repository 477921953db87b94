from .services import unread_count
from .views import may_watch_outbox


def notification_nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user), "can_watch_outbox": may_watch_outbox(user)}
