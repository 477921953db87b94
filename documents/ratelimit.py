"""A token bucket in the database (healthchecks' ``TokenBucket``): the limit holds across every
web process, with no cache server to configure."""

import hashlib

from django.db import transaction
from django.utils import timezone

from .models import TokenBucket


def take(scope: str, client: str, *, per_minute: int) -> bool:
    """Spend one request of ``client`` in ``scope``; ``False`` once the bucket is empty.

    The bucket holds ``per_minute`` requests and refills continuously at that rate. Client
    addresses are kept only as a hash."""
    key = f"{scope}:{hashlib.sha256(client.encode()).hexdigest()[:40]}"
    now = timezone.now()
    with transaction.atomic():
        bucket, _created = TokenBucket.objects.select_for_update().get_or_create(
            key=key, defaults={"tokens": float(per_minute), "updated_at": now}
        )
        elapsed = max((now - bucket.updated_at).total_seconds(), 0.0)
        tokens = min(float(per_minute), bucket.tokens + elapsed * per_minute / 60)
        allowed = tokens >= 1
        bucket.tokens = tokens - 1 if allowed else tokens
        bucket.updated_at = now
        bucket.save(update_fields=["tokens", "updated_at"])
    return allowed
