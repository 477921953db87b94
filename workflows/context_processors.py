from permissions import policy

from .steps import STEPS


def workflow_nav(request):
    """Workflow menu entries for the signed-in user; templates only read these flags."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "wf_nav": {
            "works_on_steps": policy.works_on_some_step(user),
            "can_dispatch": any(policy.may_dispatch_step(user, name) for name in STEPS),
            "can_read_decisions": policy.can_read_decisions(user),
            "can_run_council": policy.can_run_council(user),
            "can_review_conflicts": policy.can_review_conflicts(user),
        }
    }
