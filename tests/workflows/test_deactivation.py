"""A deactivated person's open tasks go back to their queue, with an audited "released" event."""

from viewflow.workflow.status import STATUS

from audit.models import AuditEvent, EventType
from workflows import services

from .conftest import open_task, to_office


def test_deactivating_a_reviewer_puts_their_claimed_task_back_in_the_queue(submitted, people):
    to_office(submitted, people)
    task = services.claim_task(open_task(submitted), people.reviewer)
    assert task.owner == people.reviewer

    people.reviewer.is_active = False
    people.reviewer.save()

    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner is None
    event = AuditEvent.objects.filter(event_type=EventType.RELEASED).latest("sequence")
    assert event.nomination_id == submitted.pk
    assert people.reviewer.get_full_name() in event.reason
    # A colleague of the queue may take it now.
    assert services.claim_task(open_task(submitted), people.reviewer2).owner == people.reviewer2


def test_saving_an_inactive_account_again_or_an_active_one_releases_nothing(submitted, people):
    to_office(submitted, people)
    services.claim_task(open_task(submitted), people.reviewer)
    people.reviewer.full_name = "Tên mới"
    people.reviewer.save()
    assert open_task(submitted).owner == people.reviewer
    people.reviewer2.is_active = False
    people.reviewer2.save()
    people.reviewer2.save()
    assert open_task(submitted).owner == people.reviewer
