"""The human steps of the nomination flow: who works on each, what they may decide, and
what the dossier's status becomes while it waits there. Data, not code paths."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from nominations.models import NominationStatus
from permissions import policy


class Decision:
    SUBMIT = "submit"
    RETURN = "return"
    RESUBMIT = "resubmit"
    FORWARD = "forward"
    REJECT = "reject"
    AGREE = "agree"
    AGREE_WITH_REMARKS = "agree_with_remarks"
    DISAGREE = "disagree"
    APPROVE = "approve"
    AWARDED = "awarded"
    NOT_AWARDED = "not_awarded"
    PASSED = "passed"
    FAILED = "failed"


DECISION_LABELS = {
    Decision.SUBMIT: _("Submit to the Department"),
    Decision.RETURN: _("Return for revision"),
    Decision.RESUBMIT: _("Send back to the unit head"),
    Decision.FORWARD: _("Forward"),
    Decision.REJECT: _("Reject"),
    Decision.AGREE: _("Agree"),
    Decision.AGREE_WITH_REMARKS: _("Agree with remarks"),
    Decision.DISAGREE: _("Disagree"),
    Decision.APPROVE: _("Approve"),
    Decision.AWARDED: _("Awarded by the higher authority"),
    Decision.NOT_AWARDED: _("Not awarded by the higher authority"),
    Decision.PASSED: _("Passed the council's vote"),
    Decision.FAILED: _("Failed the council's vote"),
}


# Decisions that need fields of their own on the task page, so never taken in a batch.
NEEDS_DETAILS = frozenset({Decision.AWARDED})


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    status: str
    decisions: tuple
    comment_required: frozenset = field(default_factory=frozenset)
    # Decisions only a service takes (the council's result when its session closes).
    automatic: frozenset = field(default_factory=frozenset)

    # Who works on it, and who may hand it on, is the policy's to say.
    @property
    def roles(self) -> frozenset:
        return policy.STEP_WORKERS[self.name]

    @property
    def unit_scoped(self) -> bool:
        """Only people of the nominating unit work on it."""
        return self.name in policy.UNIT_STEPS

    def decision_choices(self):
        return [(d, DECISION_LABELS[d]) for d in self.decisions if d not in self.automatic]

    def batch_decision_choices(self):
        """Decisions that need no per-dossier details (a higher authority's decision number)."""
        return [(d, DECISION_LABELS[d]) for d in self.decisions if d not in NEEDS_DETAILS | self.automatic]


STEPS = {
    step.name: step
    for step in [
        Step(
            "unit_signoff",
            _("Unit head signoff"),
            NominationStatus.UNIT_SIGNOFF,
            (Decision.SUBMIT, Decision.RETURN),
            frozenset({Decision.RETURN}),
        ),
        Step(
            "revise",
            _("Revision by the unit"),
            NominationStatus.RETURNED,
            (Decision.RESUBMIT,),
        ),
        Step(
            "office_review",
            _("Department office review"),
            NominationStatus.OFFICE_REVIEW,
            (Decision.FORWARD, Decision.RETURN, Decision.REJECT),
            frozenset({Decision.RETURN, Decision.REJECT}),
        ),
        Step(
            "union_consultation",
            _("Trade-union consultation"),
            NominationStatus.UNION_CONSULTATION,
            (Decision.AGREE, Decision.AGREE_WITH_REMARKS, Decision.DISAGREE),
            frozenset({Decision.AGREE_WITH_REMARKS, Decision.DISAGREE}),
        ),
        Step(
            "council_vote",
            _("Emulation council vote"),
            NominationStatus.COUNCIL_VOTE,
            (Decision.PASSED, Decision.FAILED),
            automatic=frozenset({Decision.PASSED, Decision.FAILED}),
        ),
        Step(
            "director_signoff",
            _("Director signoff"),
            NominationStatus.DIRECTOR_SIGNOFF,
            (Decision.APPROVE, Decision.RETURN, Decision.REJECT),
            frozenset({Decision.RETURN, Decision.REJECT}),
        ),
        Step(
            "record_higher_result",
            _("Higher authority's result"),
            NominationStatus.FORWARDED,
            (Decision.AWARDED, Decision.NOT_AWARDED),
        ),
    ]
}


def step_of(task) -> Step | None:
    return STEPS.get(task.flow_task.name)
