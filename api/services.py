"""Creating integrations and their tokens; recording what they write."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from audit.services import record_event
from permissions.roles import Role

from .models import Integration, token_digest

# Audit event type of a write through the API (audit.models.EventType lists it).
API_WRITE = "api_write"


@transaction.atomic
def create_integration(*, name: str, unit=None) -> tuple[Integration, str]:
    """A new integration and its token (shown once, kept only hashed).

    Bound to ``unit``: it drafts that unit's dossiers and reads only them, as the unit's
    emulation officer does. Without a unit it is the Department's: it reads every dossier and
    decision, as an inspector does, and writes nothing."""
    role = Role.UNIT_OFFICER if unit is not None else Role.INSPECTOR
    user = get_user_model().objects.create(
        username=f"api-{slugify(name)}"[:150], full_name=name, unit=unit, is_active=True
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role))
    raw = secrets.token_urlsafe(32)
    integration = Integration.objects.create(
        name=name, user=user, token_hash=token_digest(raw), token_prefix=raw[:8]
    )
    return integration, raw


def rotate_token(integration: Integration) -> str:
    raw = secrets.token_urlsafe(32)
    integration.token_hash = token_digest(raw)
    integration.token_prefix = raw[:8]
    integration.save(update_fields=["token_hash", "token_prefix"])
    return raw


def record_write(request, *, action: str, nomination=None, target=None, detail: dict | None = None) -> None:
    """Every write through the API is an audit event naming the integration."""
    integration = request.auth
    record_event(
        API_WRITE,
        actor=request.user,
        request=request._request,
        nomination=nomination,
        target=target,
        reason=action,
        detail={
            "integration": integration.name,
            "method": request.method,
            "path": request.path,
            **(detail or {}),
        },
        search_extra=[integration.name],
    )
