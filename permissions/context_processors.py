from . import policy
from .roles import Role, roles_of


def roles(request):
    """Which menu entries the signed-in user gets; the templates only read these flags."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    mine = roles_of(user)
    labels = [str(Role(role).label) for role in Role.values if role in mine]
    return {
        "nav": {
            "roles_text": ", ".join(labels),
            # The header shows the first role only; the rest are in its tooltip.
            "role_short": labels[0] + (f" +{len(labels) - 1}" if len(labels) > 1 else "") if labels else "",
            "can_create_nomination": bool(user.unit_id) and user.has_perm("nominations.add_nomination"),
            "can_open_admin": user.is_staff,
            "can_unlock_accounts": policy.can_unlock_accounts(user),
            "can_read_campaigns": policy.can_read_campaigns(user),
            "can_import_data": policy.can_import_master_data(user) or policy.can_import_unit_records(user),
            "can_manage_accounts": policy.can_manage_accounts(user),
            "can_read_statistics": policy.can_read_statistics(user),
        }
    }
