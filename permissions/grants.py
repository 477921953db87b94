"""Object permissions (django-guardian) that follow a dossier.

Each unit has a group ``unit:<code>`` holding its people. A dossier grants that group
``view_nomination`` for ever and ``change_nomination`` while the unit may still edit it;
the workflow calls these functions as the dossier moves.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import remove_perm

from common.events import permission_changed

VIEW = "nominations.view_nomination"
CHANGE = "nominations.change_nomination"


UNIT_GROUP_PREFIX = "unit:"


def unit_group_name(unit) -> str:
    return f"{UNIT_GROUP_PREFIX}{unit.code}"


def unit_group(unit) -> Group:
    group, _created = Group.objects.get_or_create(name=unit_group_name(unit))
    return group


def sync_user_unit_group(user) -> None:
    """Make ``user`` a member of their unit's group and of no other unit's."""
    stale = user.groups.filter(name__startswith=UNIT_GROUP_PREFIX)
    if user.unit_id:
        stale = stale.exclude(name=unit_group_name(user.unit))
        user.groups.add(unit_group(user.unit))
    user.groups.remove(*stale)


def grant_unit_access(nomination, *, can_edit: bool) -> None:
    """Let the nominating unit see the dossier, and edit it when ``can_edit``.

    Only what actually changes is written, in one insert (guardian's direct-foreign-key
    table, as ``assign_perm`` would fill it) or one delete; each grant or revocation is
    announced (``common.events.permission_changed``) and so enters the audit trail."""
    from nominations.models.dossier import NominationGroupObjectPermission

    group = unit_group(nomination.unit)
    rows = NominationGroupObjectPermission.objects.filter(group=group, content_object=nomination)
    # The two permissions, each with whether the unit holds it already: one query.
    permissions = {
        f"nominations.{permission.codename}": permission
        for permission in Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(nomination),
            codename__in=[perm.split(".", 1)[1] for perm in (VIEW, CHANGE)],
        ).annotate(held=Exists(rows.filter(permission=OuterRef("pk"))))
    }
    held = {perm for perm, permission in permissions.items() if permission.held}
    wanted = {VIEW, CHANGE} if can_edit else {VIEW}
    missing = sorted(wanted - held)
    if missing:
        NominationGroupObjectPermission.objects.bulk_create(
            NominationGroupObjectPermission(
                permission=permissions[perm], group=group, content_object=nomination
            )
            for perm in missing
        )
    for perm in missing:
        permission_changed.send(sender=Group, granted=True, permission=perm, holder=group, target=nomination)
    if not can_edit and CHANGE in held:
        rows.filter(permission=permissions[CHANGE]).delete()  # as guardian's remove_perm does
        permission_changed.send(
            sender=Group, granted=False, permission=CHANGE, holder=group, target=nomination
        )


def move_unit_access(nomination, *, old_unit) -> None:
    """A dossier moved to another unit (its unit was merged or dissolved): the old unit's
    group loses its rights on it, the new unit's group gets them. Announced like any grant."""
    old_group = unit_group(old_unit)
    held = {f"nominations.{c}" for c in ObjectPermissionChecker(old_group).get_group_perms(nomination)}
    for perm in sorted(held & {VIEW, CHANGE}):
        remove_perm(perm, old_group, nomination)
        permission_changed.send(
            sender=Group, granted=False, permission=perm, holder=old_group, target=nomination
        )
    grant_unit_access(nomination, can_edit=nomination.is_editable)
