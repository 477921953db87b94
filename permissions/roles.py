"""The roles of DOMAIN.md as Django groups, with the model permissions each one carries.

Object-level access (which unit's dossiers) is not here but in ``grants``: a role says what
kind of work a person does, their unit says on which dossiers.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Unit emulation officer")
    UNIT_HEAD = "unit_head", _("Unit head")
    OFFICE_REVIEWER = "office_reviewer", _("Department office reviewer")
    OFFICE_HEAD = "office_head", _("Head of the Department office")
    TRADE_UNION = "trade_union", _("Health-sector trade union")
    COUNCIL_MEMBER = "council_member", _("Emulation council member")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    INSPECTOR = "inspector", _("Inspector")
    ADMINISTRATOR = "administrator", _("Administrator")


_READ_ALL_DOSSIERS = [
    "nominations.view_nomination",
    "nominations.view_attachment",
    "nominations.view_staff",
    "nominations.view_unit",
    "nominations.view_awardrecord",
]
_MASTER_DATA = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("nominations", "unit"),
        ("nominations", "staff"),
        ("nominations", "campaign"),
        ("nominations", "awardtype"),
        ("nominations", "awardrecord"),
        ("accounts", "user"),
        ("auth", "group"),
    ]
    for action in ("add", "change", "delete", "view")
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.UNIT_OFFICER: ["nominations.add_nomination", "nominations.add_attachment"],
    Role.UNIT_HEAD: [],
    Role.OFFICE_REVIEWER: _READ_ALL_DOSSIERS,
    Role.OFFICE_HEAD: _READ_ALL_DOSSIERS,
    Role.TRADE_UNION: _READ_ALL_DOSSIERS,
    Role.COUNCIL_MEMBER: _READ_ALL_DOSSIERS,
    Role.DIRECTOR: _READ_ALL_DOSSIERS,
    Role.DEPUTY_DIRECTOR: _READ_ALL_DOSSIERS,
    Role.INSPECTOR: _READ_ALL_DOSSIERS,
    Role.ADMINISTRATOR: _MASTER_DATA,
}


def _permissions(codes: list[str]) -> list[Permission]:
    perms = []
    for code in codes:
        app_label, codename = code.split(".")
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return perms


def sync_role_groups() -> None:
    """Create one group per role and give it exactly the permissions listed above."""
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = set(_permissions(codes))
        if set(group.permissions.all()) != wanted:
            group.permissions.set(wanted)


def sync_roles_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    # Permissions of apps after ours in INSTALLED_APPS are created later in the same
    # post_migrate pass; create them now so that every role can be given its set.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_role_groups()


def roles_of(user) -> set[str]:
    """The role codes of ``user``, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_cache"):
        names = {group.name for group in user.groups.all()}
        user._role_cache = {role for role in Role.values if role in names}
    return user._role_cache


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))
