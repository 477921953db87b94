"""The map of the approval process (quy trình xét khen thưởng), read top to bottom.

draft ─► unit head ─► Văn phòng review ─► trade union ─► [council vote] ─► director ─► outcome
            ▲  │ return        │ return / reject               failed: reject │ return to office / reject
            └ revise ◄─────────┘                              ▼
                                       decision of the Department, or the higher authority's result
"""

from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Edge
from viewflow.workflow.flow.views import UpdateProcessView
from viewflow.workflow.lock import SelectForUpdateLock
from viewflow.workflow.nodes.view import ViewActivation

from permissions import policy

from . import hooks
from .models import NominationProcess
from .steps import STEPS, Decision

# Our own pages drive every step through services; viewflow's view is never mounted.
_NO_VIEW = UpdateProcessView.as_view(fields=[])


class StepActivation(ViewActivation):
    @Activation.status.super()
    def create_next(self):
        yield self.flow_task.route_of(self)._create(self, self.task.token)


class StepView(flow.View):
    """A human step whose workers are described by ``steps.STEPS`` (roles and unit).

    Where the dossier goes next is written on the step itself: ``.Route(node, condition)``
    in order, then ``.Otherwise(node)`` (conditional flows out of a task, in BPMN's terms).
    A gateway node after each step would cost a task row, its link and a savepoint at
    every step, and decide nothing more."""

    activation_class = StepActivation

    def __init__(self, step_name: str):
        super().__init__(_NO_VIEW)
        self.step = STEPS[step_name]
        self._routes = []
        self.onCreate(hooks.step_created)

    def Route(self, node, condition):
        self._routes.append((node, condition))
        return self

    def Otherwise(self, node):
        return self.Route(node, None)

    def _resolve(self, instance):
        super()._resolve(instance)
        self._routes = [(this.resolve(instance, node), condition) for node, condition in self._routes]

    def _outgoing(self):
        yield from super()._outgoing()
        for node, condition in self._routes:
            yield Edge(src=self, dst=node, edge_class="cond_true" if condition else "default")

    def route_of(self, activation):
        """The node the step's outcome leads to: the first route whose condition holds."""
        for node, condition in self._routes:
            if condition is None or condition(activation):
                return node
        return self._next

    def can_assign(self, user, task):
        unit_id = task.process.coerced.nomination.unit_id
        return task.owner_id is None and policy.may_work_on_step(user, self.step.name, unit_id=unit_id)


def decided(*decisions):
    return lambda activation: activation.process.last_decision in decisions


def needs_council_vote(activation) -> bool:
    return activation.process.nomination.award_type.needs_council_vote


def approved_within_authority(activation) -> bool:
    """Approved, and the Director's own award: the Department issues the decision."""
    return (
        activation.process.last_decision == Decision.APPROVE
        and activation.process.nomination.award_type.within_director_authority
    )


class NominationFlow(flow.Flow):
    """Nomination for commendation

    From the unit's draft to the Director's decision or the higher authority's result."""

    process_class = NominationProcess
    # Row lock on the process: two people acting on one dossier leave exactly one result.
    lock_impl = SelectForUpdateLock(nowait=False, attempts=1)

    start = flow.StartHandle(this.start_process).Next(this.unit_signoff)

    unit_signoff = (
        StepView("unit_signoff").Route(this.office_review, decided(Decision.SUBMIT)).Otherwise(this.revise)
    )
    revise = StepView("revise").Next(this.unit_signoff)

    office_review = (
        StepView("office_review")
        .Route(this.union_consultation, decided(Decision.FORWARD))
        .Route(this.revise, decided(Decision.RETURN))
        .Otherwise(this.reject)
    )

    # Titles that need the council's secret ballot wait for it; others go straight on.
    union_consultation = (
        StepView("union_consultation")
        .Route(this.council_vote, needs_council_vote)
        .Otherwise(this.director_signoff)
    )
    # Completed only by ``eligibility.council.close_session`` with the computed result.
    council_vote = (
        StepView("council_vote").Route(this.director_signoff, decided(Decision.PASSED)).Otherwise(this.reject)
    )

    # Approved: the Director's own awards wait for the Department's decision; the others go
    # to the higher authority.
    director_signoff = (
        StepView("director_signoff")
        .Route(this.approve, approved_within_authority)
        .Route(this.record_higher_result, decided(Decision.APPROVE))
        .Route(this.office_review, decided(Decision.RETURN))
        .Otherwise(this.reject)
    )

    approve = flow.Function(hooks.mark_approved).Next(this.await_decision)
    await_decision = flow.Handle(hooks.decision_issued).Next(this.end)
    record_higher_result = StepView("record_higher_result").Next(this.end)

    reject = flow.Function(hooks.mark_rejected).Next(this.end)
    end = flow.End()

    def start_process(self, activation, nomination):
        activation.process.nomination = nomination
        return activation.process
