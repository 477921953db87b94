from .roles import Role, roles_of


def roles(request):
    """Which menu entries the signed-in user gets; the templates only read these flags."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    mine = roles_of(user)
    return {
        "nav": {
            "roles": [Role(role).label for role in Role.values if role in mine],
            "can_create_nomination": user.has_perm("nominations.add_nomination"),
            "can_open_admin": user.is_staff,
        }
    }
