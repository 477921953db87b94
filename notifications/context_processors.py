from permissions.policy import can_manage_outbox

from .services import unread_count

# The menu's badge reads "99+" beyond this: every page counts at most this many rows.
BADGE_LIMIT = 99


def notification_nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = unread_count(user, limit=BADGE_LIMIT)
    return {
        "unread_notifications": min(unread, BADGE_LIMIT),
        "unread_badge": f"{BADGE_LIMIT}+" if unread > BADGE_LIMIT else str(unread),
        "can_watch_outbox": can_manage_outbox(user),
    }
