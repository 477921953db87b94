"""The map of the approval process (quy trình xét khen thưởng), read top to bottom.

draft ─► unit head ─► Văn phòng review ─► trade union ─► [council vote] ─► director ─► outcome
            ▲  │ return        │ return / reject               failed: reject │ return to office / reject
            └ revise ◄─────────┘                              ▼
                                       decision of the Department, or the higher authority's result
"""

from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.flow.views import UpdateProcessView
from viewflow.workflow.lock import SelectForUpdateLock

from permissions import policy

from . import hooks
from .models import NominationProcess
from .steps import STEPS, Decision

# Our own pages drive every step through services; viewflow's view is never mounted.
_NO_VIEW = UpdateProcessView.as_view(fields=[])


class StepView(flow.View):
    """A human step whose workers are described by ``steps.STEPS`` (roles and unit)."""

    def __init__(self, step_name: str):
        super().__init__(_NO_VIEW)
        self.step = STEPS[step_name]
        self.onCreate(hooks.step_created)

    def can_assign(self, user, task):
        unit_id = task.process.coerced.nomination.unit_id
        return task.owner_id is None and policy.may_work_on_step(user, self.step.name, unit_id=unit_id)


def decided(*decisions):
    return lambda activation: activation.process.last_decision in decisions


class NominationFlow(flow.Flow):
    """Nomination for commendation

    From the unit's draft to the Director's decision or the higher authority's result."""

    process_class = NominationProcess
    # Row lock on the process: two people acting on one dossier leave exactly one result.
    lock_impl = SelectForUpdateLock(nowait=False, attempts=1)

    start = flow.StartHandle(this.start_process).Next(this.unit_signoff)

    unit_signoff = StepView("unit_signoff").Next(this.after_unit_signoff)
    after_unit_signoff = flow.If(decided(Decision.SUBMIT)).Then(this.office_review).Else(this.revise)
    revise = StepView("revise").Next(this.unit_signoff)

    office_review = StepView("office_review").Next(this.after_office_review)
    after_office_review = (
        flow.Switch()
        .Case(this.union_consultation, decided(Decision.FORWARD))
        .Case(this.revise, decided(Decision.RETURN))
        .Default(this.reject)
    )

    union_consultation = StepView("union_consultation").Next(this.after_union_consultation)
    # Titles that need the council's secret ballot wait for it; others go straight on.
    after_union_consultation = (
        flow.If(lambda activation: activation.process.nomination.award_type.needs_council_vote)
        .Then(this.council_vote)
        .Else(this.director_signoff)
    )
    # Completed only by ``eligibility.council.close_session`` with the computed result.
    council_vote = StepView("council_vote").Next(this.after_council_vote)
    after_council_vote = flow.If(decided(Decision.PASSED)).Then(this.director_signoff).Else(this.reject)

    director_signoff = StepView("director_signoff").Next(this.after_director_signoff)
    after_director_signoff = (
        flow.Switch()
        .Case(this.outcome, decided(Decision.APPROVE))
        .Case(this.office_review, decided(Decision.RETURN))
        .Default(this.reject)
    )

    outcome = (
        flow.If(lambda activation: activation.process.nomination.award_type.within_director_authority)
        .Then(this.approve)
        .Else(this.record_higher_result)
    )
    approve = flow.Function(hooks.mark_approved).Next(this.await_decision)
    await_decision = flow.Handle(hooks.decision_issued).Next(this.end)
    record_higher_result = StepView("record_higher_result").Next(this.end)

    reject = flow.Function(hooks.mark_rejected).Next(this.end)
    end = flow.End()

    def start_process(self, activation, nomination):
        activation.process.nomination = nomination
        return activation.process
