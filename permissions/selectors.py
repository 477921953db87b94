"""The one place that answers "which dossiers may this user see or change?"."""

from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from nominations.models import Nomination

from .grants import CHANGE, VIEW


def visible_nominations(user):
    """Dossiers ``user`` may see: all of them for Department roles, their unit's otherwise."""
    if not user.is_authenticated:
        return Nomination.objects.none()
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
