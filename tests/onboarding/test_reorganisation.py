"""Organisation changes over time: a merge moves staff, accounts and open dossiers to the
successor; decisions keep the names in force on their date; a dissolved unit cannot be
nominated after its dissolution date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import get_perms

from documents.data import decision_data
from nominations.models import AwardRecord, Collective, Staff, UnitChange
from onboarding import reorganisation
from permissions.grants import unit_group
from tests.factories import StaffFactory, UnitFactory, UserFactory, make_nomination
from tests.workflows.conftest import act, to_director
from tests.workflows.test_decisions import prepare
from workflows import award_decisions as decisions
from workflows import services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db
MERGE_DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def admin(db):
    return UserFactory(username="quantri", roles=["administrator"])


@pytest.fixture
def regional(db):
    return UnitFactory(code="ttytkv", name="Trung tâm Y tế khu vực Tân Phú", short_name="TTYT KV Tân Phú")


@pytest.fixture
def decided(people, unit_a):
    """A dossier of unit A approved and decided by decision 125/QĐ-SYT of 25/02/2025."""
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    to_director(nomination, people)
    act(nomination, people.director, Decision.APPROVE)
    decision = prepare(people, [nomination])
    decisions.submit_decision(decision, by=people.office_head)
    decisions.issue_decision(decision, by=people.director)
    nomination.refresh_from_db()
    return nomination, decision


def test_merge_moves_staff_departments_accounts_and_open_dossiers(
    people, unit_a, unit_b, regional, admin, decided
):
    old_decided, decision = decided
    Collective.objects.create(unit=unit_a, code="khoa-noi", name="Khoa Nội")
    Collective.objects.create(unit=regional, code="khoa-noi", name="Khoa Nội (KV)")
    open_dossier = make_nomination(unit=unit_a, author=people.officer)
    staff_count = Staff.objects.filter(unit=unit_a).count()

    changes = reorganisation.merge_units(
        [unit_a, unit_b], into=regional, effective_date=MERGE_DAY, decision_number="1234/QĐ-UBND", actor=admin
    )

    unit_a.refresh_from_db()
    assert unit_a.dissolved_on == MERGE_DAY and unit_a.successor == regional and not unit_a.is_active
    assert changes[0].staff_moved == staff_count and changes[0].dossiers_moved == 1
    assert Staff.objects.filter(unit=unit_a).count() == 0
    assert Staff.objects.filter(unit=regional).count() == staff_count
    moved = Staff.objects.filter(unit=regional).first()
    assert moved.history.latest().history_type == "~" and moved.history.latest().history_user == admin
    assert set(regional.collectives.values_list("code", flat=True)) == {"khoa-noi", "bva-khoa-noi"}
    people.officer.refresh_from_db()
    assert people.officer.unit == regional
    assert people.officer.groups.filter(name="unit:ttytkv").exists()
    open_dossier.refresh_from_db()
    assert open_dossier.unit == regional
    assert set(get_perms(unit_group(regional), open_dossier)) == {"view_nomination", "change_nomination"}
    assert get_perms(unit_group(unit_a), open_dossier) == []
    # The decided dossier and its award stay with the old unit, under its name.
    old_decided.refresh_from_db()
    assert old_decided.unit == unit_a
    assert AwardRecord.objects.get(staff=old_decided.staff).unit == unit_a
    assert decision_data(decision).individuals[0].unit_name == "Bệnh viện A"


def test_a_renamed_unit_keeps_its_old_name_on_earlier_decisions(people, unit_a, admin, decided, login):
    _nomination, decision = decided
    reorganisation.rename_unit(
        unit_a, new_name="Bệnh viện Đa khoa khu vực A", effective_date=datetime.date(2025, 7, 1), actor=admin
    )
    unit_a.refresh_from_db()
    assert unit_a.name == "Bệnh viện Đa khoa khu vực A"
    assert unit_a.name_on(datetime.date(2025, 2, 25)) == "Bệnh viện A"
    assert unit_a.name_on(datetime.date(2025, 7, 1)) == "Bệnh viện Đa khoa khu vực A"
    assert decision_data(decision).individuals[0].unit_name == "Bệnh viện A"
    page = login(people.reviewer).get(f"/decisions/{decision.pk}/").content.decode()
    assert '<td class="awardee-unit">Bệnh viện A</td>' in page


def test_a_dissolved_unit_cannot_be_nominated_after_its_dissolution_date(people, unit_a, unit_b, admin):
    StaffFactory(unit=unit_b)
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.dissolve_unit(unit_b, effective_date=MERGE_DAY, actor=admin)
    reorganisation.dissolve_unit(unit_b, effective_date=MERGE_DAY, successor=unit_a, actor=admin)
    officer_b = UserFactory(username="bvb.old", unit=unit_b, roles=["unit_officer"])
    with pytest.raises(ValidationError) as error:
        make_nomination(unit=unit_b, author=officer_b, staff=StaffFactory(unit=unit_b))
    assert "unit" in error.value.message_dict


def test_changes_are_refused_when_they_make_no_sense(unit_a, unit_b, admin):
    future = datetime.date.today() + datetime.timedelta(days=30)
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.merge_units([unit_a], into=unit_b, effective_date=future, actor=admin)
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.merge_units([unit_a], into=unit_a, effective_date=MERGE_DAY, actor=admin)
    reorganisation.merge_units([unit_a], into=unit_b, effective_date=MERGE_DAY, actor=admin)
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.rename_unit(unit_a, new_name="X", effective_date=MERGE_DAY, actor=admin)
    assert UnitChange.objects.count() == 1


def test_organisation_page_records_a_merger_into_a_new_unit(unit_a, unit_b, admin, login):
    StaffFactory(unit=unit_a)
    client = login(admin)
    response = client.post(
        "/onboarding/organisation/",
        {
            "kind": "merge",
            "units": [unit_a.pk, unit_b.pk],
            "new_unit_code": "bvkv-ab",
            "new_unit_name": "Bệnh viện khu vực A-B",
            "effective_date": "01/07/2025",
            "decision_number": "9/QĐ-UBND",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Staff.objects.get().unit.code == "bvkv-ab"
    page = client.get("/onboarding/organisation/").content.decode()
    assert "Bệnh viện khu vực A-B" in page and "9/QĐ-UBND" in page
    # A merged unit is no longer offered.
    assert f'value="{unit_a.pk}"' not in page


def test_organisation_page_refuses_what_makes_no_sense_and_strangers(unit_a, unit_b, admin, login):
    client = login(admin)
    response = client.post(
        "/onboarding/organisation/",
        {"kind": "rename", "units": [unit_a.pk, unit_b.pk], "effective_date": "01/07/2025"},
    )
    assert response.status_code == 200 and UnitChange.objects.count() == 0
    officer = UserFactory(username="bva.canbo", unit=unit_a, roles=["unit_officer"])
    assert login(officer).get("/onboarding/organisation/").status_code == 404
