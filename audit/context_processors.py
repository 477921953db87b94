from permissions.policy import can_read_audit_log


def audit_nav(request):
    """Whether the menu shows the audit log; templates only read this flag."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"audit_nav": {"can_read_log": can_read_audit_log(user)}}
