"""Who reads the audit trail: the whole log, and one dossier's history."""

from permissions.roles import Role, has_role

# The inspector (thanh tra), the administrator and the head of the Department office.
LOG_READERS = (Role.INSPECTOR, Role.ADMINISTRATOR, Role.OFFICE_HEAD)


def can_read_audit_log(user) -> bool:
    """The global log (every event, every unit) and its exports."""
    return bool(user.is_authenticated and (user.is_superuser or has_role(user, *LOG_READERS)))
