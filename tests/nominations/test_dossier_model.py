"""The dossier: codes, nominee rules, accent-insensitive search, history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.text import fold
from nominations.models import Nomination
from nominations.services import next_nomination_code
from tests.factories import AwardTypeFactory, StaffFactory, make_nomination
from workflows.dossier_selectors import search_nominations
from workflows.drafting import update_nomination

pytestmark = pytest.mark.django_db


def test_codes_are_sequential_per_year_and_zero_padded(unit_a):
    first = make_nomination(unit=unit_a)
    second = make_nomination(unit=unit_a)
    other_year = make_nomination(unit=unit_a, year=2025)
    assert first.code == "KT-2024-000001"
    assert second.code == "KT-2024-000002"
    assert other_year.code == "KT-2025-000001"


def test_reserved_numbers_are_never_reused():
    codes = [next_nomination_code(2030) for _ in range(5)]
    assert codes == [f"KT-2030-{n:06d}" for n in range(1, 6)]


def test_fold_strips_vietnamese_diacritics():
    assert fold("  Nguyễn Văn  An ") == "nguyen van an"
    assert fold("ĐẶNG Thị Ánh Tuyết") == "dang thi anh tuyet"


def test_search_finds_nominee_without_accents_and_by_code(unit_a):
    staff = StaffFactory(unit=unit_a, full_name="Nguyễn Văn An")
    wanted = make_nomination(unit=unit_a, staff=staff)
    make_nomination(unit=unit_a, staff=StaffFactory(unit=unit_a, full_name="Trần Thị Bích Ngọc"))
    by_name = search_nominations(Nomination.objects.all(), "nguyen van an")
    by_code = search_nominations(Nomination.objects.all(), wanted.code.lower())
    assert list(by_name) == [wanted]
    assert list(by_code) == [wanted]


def test_individual_award_refused_for_a_collective(unit_a):
    with pytest.raises(ValidationError) as excinfo:
        make_nomination(unit=unit_a, nominee_kind="collective", staff=None, collective_name="Khoa Dược")
    assert "award_type" in excinfo.value.message_dict
    assert Nomination.objects.count() == 0


def test_staff_of_another_unit_cannot_be_nominated(unit_a, unit_b):
    with pytest.raises(ValidationError) as excinfo:
        make_nomination(unit=unit_a, staff=StaffFactory(unit=unit_b))
    assert "staff" in excinfo.value.message_dict


def test_campaign_basis_needs_a_campaign(unit_a):
    with pytest.raises(ValidationError) as excinfo:
        make_nomination(unit=unit_a, basis="campaign", campaign=None)
    assert "campaign" in excinfo.value.message_dict


def test_database_refuses_a_nominee_that_contradicts_its_kind(unit_a):
    nomination = make_nomination(unit=unit_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.filter(pk=nomination.pk).update(nominee_kind="collective")


def test_every_change_is_kept_in_history_with_its_author(unit_a, officer_a):
    nomination = make_nomination(unit=unit_a, author=officer_a)
    update_nomination(nomination, editor=officer_a, achievement_summary="Thành tích đã bổ sung.")
    records = list(nomination.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert all(r.history_user == officer_a for r in records)
    assert records[0].history_change_reason == "Tạo hồ sơ"
    delta = records[1].diff_against(records[0])
    assert [c.field for c in delta.changes] == ["achievement_summary"]


def test_a_submitted_dossier_cannot_be_edited(unit_a, officer_a):
    nomination = make_nomination(unit=unit_a, author=officer_a)
    Nomination.objects.filter(pk=nomination.pk).update(status="office_review")
    nomination.refresh_from_db()
    with pytest.raises(PermissionError):
        update_nomination(nomination, editor=officer_a, achievement_summary="Sửa sau khi nộp")


def test_collective_award_for_collective_is_accepted(unit_a):
    award = AwardTypeFactory(code="giay-khen-tap-the", name="Giấy khen (tập thể)", applies_to="collective")
    nomination = make_nomination(
        unit=unit_a,
        nominee_kind="collective",
        staff=None,
        collective_name="Khoa Hồi sức tích cực",
        award_type=award,
    )
    assert nomination.nominee_name == "Khoa Hồi sức tích cực"
    assert nomination.staff is None
