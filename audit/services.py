from .models import AuditEvent


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record_event(event_type: str, *, actor=None, username: str = "", request=None, **detail) -> AuditEvent:
    """Append one event to the trail."""
    return AuditEvent.objects.create(
        event_type=event_type,
        actor=actor if actor is not None and actor.pk else None,
        actor_username=username or (actor.get_username() if actor is not None else ""),
        ip_address=client_ip(request),
        detail=detail,
    )
