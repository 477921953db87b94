"""The shape of collectives (departments of a unit) and discipline records."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nominations.models import AwardRecord, Collective, DisciplineLevel, DisciplineRecord
from tests.factories import AwardTypeFactory, StaffFactory


@pytest.fixture
def ward(unit_a):
    return Collective.objects.create(unit=unit_a, code="khoa-noi", name="Khoa Nội")


def test_collective_code_is_unique_within_its_unit_only(unit_a, unit_b, ward):
    Collective.objects.create(unit=unit_b, code="khoa-noi", name="Khoa Nội")
    with pytest.raises(IntegrityError), transaction.atomic():
        Collective.objects.create(unit=unit_a, code="khoa-noi", name="Khoa Nội 2")


def test_staff_collective_must_belong_to_the_staff_unit(unit_b, ward):
    person = StaffFactory(unit=unit_b, collective=ward)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert "collective" in error.value.message_dict


def test_members_of_a_collective(unit_a, ward):
    inside = StaffFactory(unit=unit_a, collective=ward)
    StaffFactory(unit=unit_a)
    assert list(ward.members.all()) == [inside]


def test_discipline_levels_are_ordered_lightest_first(unit_a):
    person = StaffFactory(unit=unit_a)
    record = DisciplineRecord.objects.create(
        staff=person,
        level=DisciplineLevel.WARNING,
        decision_number="12/QĐ-BV",
        decision_date=datetime.date(2024, 3, 1),
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2025, 2, 28),
    )
    assert record.at_least(DisciplineLevel.REPRIMAND)
    assert record.at_least(DisciplineLevel.WARNING)
    assert not record.at_least(DisciplineLevel.DISMISSAL_FROM_POST)
    assert record.in_force_on(datetime.date(2024, 12, 31))
    assert not record.in_force_on(datetime.date(2025, 3, 1))


def test_discipline_cannot_end_before_it_starts(unit_a):
    person = StaffFactory(unit=unit_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        DisciplineRecord.objects.create(
            staff=person,
            level=DisciplineLevel.REPRIMAND,
            decision_number="1/QĐ",
            decision_date=datetime.date(2024, 3, 1),
            start_date=datetime.date(2024, 3, 1),
            end_date=datetime.date(2024, 1, 1),
        )


def test_award_record_from_another_authority_is_named_as_written(unit_a):
    person = StaffFactory(unit=unit_a)
    record = AwardRecord.objects.create(
        staff=person, unit=unit_a, award_name="Kỷ niệm chương Vì sức khỏe nhân dân", year=2019
    )
    assert record.award_label == "Kỷ niệm chương Vì sức khỏe nhân dân"
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecord.objects.create(staff=person, unit=unit_a, year=2019)
    catalogued = AwardRecord.objects.create(
        staff=person, unit=unit_a, award_type=AwardTypeFactory(), year=2020
    )
    assert catalogued.award_label == catalogued.award_type.name
