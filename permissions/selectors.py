"""The one place that answers "which dossiers may this user see or change?"."""

from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from nominations.models import Nomination

from . import policy
from .grants import CHANGE, VIEW


def visible_nominations(user):
    """Dossiers ``user`` may see: all of them for Department roles, their unit's otherwise."""
    if not user.is_authenticated:
        return Nomination.objects.none()
    if policy.sees_only_own_unit(user) and not user.has_perm(VIEW):
        # The same rows as the grants give (the unit's group holds ``view`` on every dossier
        # of the unit and on no other), through the unit's index rather than an OR of two
        # subqueries over the permission tables.
        return Nomination.objects.filter(unit_id=user.unit_id)
    return get_objects_for_user(user, VIEW, klass=Nomination, accept_global_perms=True)


def get_visible_nomination(user, **lookup) -> Nomination:
    """The dossier matching ``lookup`` if ``user`` may see it; 404 otherwise, never 403,
    so that another unit's dossier codes cannot be probed."""
    try:
        return visible_nominations(user).get(**lookup)
    except Nomination.DoesNotExist as exc:
        raise Http404("No such dossier") from exc


def can_edit_nomination(user, nomination: Nomination) -> bool:
    return nomination.is_editable and user.has_perm(CHANGE, nomination)
