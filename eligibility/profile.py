"""The province's regulation profile in use, and what other apps read from it."""

from django.conf import settings

from .models import RegulationProfile


def active_profile() -> RegulationProfile | None:
    return RegulationProfile.objects.filter(is_active=True).first()


def step_working_days(step: str) -> int:
    """The Department's time limit of a workflow step, in working days: the province's
    profile when it sets one, else the ``STEP_DAYS_*`` setting."""
    profile = active_profile()
    days = (profile.step_working_days or {}).get(step) if profile else None
    if isinstance(days, int) and not isinstance(days, bool) and days > 0:
        return days
    return settings.WORKFLOW_STEP_DAYS[step]
