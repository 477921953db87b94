"""The events of one unit of work (a workflow step) are chained in one append at its end:
in the order they were recorded, hashed as ``verify_audit`` recomputes them, inside the
unit's transaction; an event under a savepoint that rolls back is left out with no gap; a
unit that fails writes none of its events, now or later."""

import pytest
from django.db import connection, transaction

from audit import chain
from audit.models import AuditEvent, ChainHead
from common.batching import unit_of_work
from tests.audit.test_chain_partitions import ON_POSTGRESQL, event

pytestmark = pytest.mark.django_db


def numbers(events) -> list[str]:
    return [e.detail["n"] for e in events]


def test_a_units_events_are_written_at_its_end_in_the_order_they_were_recorded():
    first = chain.append(event(0))
    with transaction.atomic(), unit_of_work():
        for i in range(1, 4):
            kept = chain.append(event(i))
        assert kept.pk is None and AuditEvent.objects.count() == 1  # kept until the unit ends
    written = list(AuditEvent.objects.order_by("chain", "sequence"))
    assert numbers(written) == [0, 1, 2, 3]
    assert [e.sequence for e in written] == [first.sequence + i for i in range(4)]
    assert [e.prev_hash for e in written[1:]] == [e.hash for e in written[:-1]]
    assert kept.pk == written[-1].pk and kept.hash == written[-1].hash
    report = chain.verify()
    assert report.intact and report.count == 4


def test_a_unit_moves_the_chain_head_once_and_inserts_its_events_in_one_statement(
    django_assert_num_queries,
):
    chain.append(event(0))  # the head is held from here on (and created, if need be)
    with django_assert_num_queries(1 if ON_POSTGRESQL else 2), unit_of_work():
        for i in range(1, 6):
            chain.append(event(i))
    head = ChainHead.objects.get(pk=chain.HEAD_ID)
    assert (head.last_sequence, head.last_hash) == (6, AuditEvent.objects.get(sequence=6).hash)
    assert chain.verify().intact


def test_an_event_kept_under_a_savepoint_that_rolls_back_is_left_out_with_no_gap():
    with transaction.atomic(), unit_of_work():
        chain.append(event(1))
        with pytest.raises(RuntimeError), transaction.atomic():
            chain.append(event(2))
            raise RuntimeError("this part failed")
        chain.append(event(3))
    assert numbers(AuditEvent.objects.order_by("sequence")) == [1, 3]
    report = chain.verify()
    assert report.intact and report.count == 2


def test_a_unit_that_fails_writes_none_of_its_events_now_or_with_the_next_unit():
    with pytest.raises(RuntimeError), transaction.atomic(), unit_of_work():
        chain.append(event(1))
        raise RuntimeError("the step failed")
    with transaction.atomic(), unit_of_work():
        chain.append(event(2))
    assert numbers(AuditEvent.objects.all()) == [2]
    assert chain.verify().intact


def test_a_unit_inside_another_is_part_of_it_and_later_events_follow_on():
    with transaction.atomic():
        with unit_of_work():
            chain.append(event(1))
            with unit_of_work():
                chain.append(event(2))
            assert AuditEvent.objects.count() == 0
        chain.append(event(3))  # outside the unit, in the same transaction: written at once
        assert AuditEvent.objects.count() == 3
    assert numbers(AuditEvent.objects.order_by("sequence")) == [1, 2, 3]
    assert chain.verify().intact


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_unit_keeps_nothing_back():
    with unit_of_work():
        written = chain.append(event(1))
        assert written.pk is not None and not connection.in_atomic_block
    assert chain.verify().intact
