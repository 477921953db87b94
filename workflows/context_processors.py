from permissions.roles import has_role

from .decision_views import READERS
from .permissions import may_dispatch
from .steps import STEPS


def workflow_nav(request):
    """Workflow menu entries for the signed-in user; templates only read these flags."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "wf_nav": {
            "works_on_steps": any(has_role(user, *step.roles) for step in STEPS.values()),
            "can_dispatch": any(may_dispatch(user, step) for step in STEPS.values()),
            "can_read_decisions": has_role(user, *READERS),
        }
    }
