"""Text that is within a field's length but grows when folded for search, and numbers beyond
any column: refused or kept, never a 500."""

import pytest

from nominations.models import Nomination, Staff

pytestmark = pytest.mark.django_db

HANGUL_255 = "한" * 255  # each syllable decomposes into 2-3 letters when accents are folded


def test_a_collective_of_255_hangul_syllables_is_saved_and_found(world, as_user):
    client = as_user(world.officer_b)
    response = client.post(
        f"/dossiers/{world.draft_b.code}/edit/",
        {
            "year": 2024,
            "basis": "annual",
            "nominee_kind": "collective",
            "collective_name": HANGUL_255,
            "award_type": _collective_award().pk,
            "achievement_summary": "Thành tích",
        },
    )
    assert response.status_code == 302
    saved = Nomination.objects.get(pk=world.draft_b.pk)
    assert saved.collective_name == HANGUL_255
    assert len(saved.search_key) <= Nomination._meta.get_field("search_key").max_length
    assert client.get("/dossiers/", {"query": world.draft_b.code}).status_code == 200


def test_a_staff_name_that_folds_longer_than_its_key_is_saved(world):
    staff = Staff.objects.create(unit=world.officer_b.unit, staff_code="HQ-1", full_name="각" * 150)
    assert len(staff.search_key) <= Staff._meta.get_field("search_key").max_length


@pytest.mark.parametrize("value", ["9" * 30, "-1", "1e9", "１２"])
def test_a_batch_with_absurd_task_ids_is_a_clear_refusal(world, as_user, unchanged, value):
    client = as_user(world.head_b)
    with unchanged():
        response = client.post(
            "/tasks/batch/", {"step": "unit_signoff", "tasks": [value], "decision": "submit"}, follow=True
        )
    assert response.status_code == 200
    assert response.context["messages"]


def _collective_award():
    from tests.factories import AwardTypeFactory

    return AwardTypeFactory(code="giay-khen-tap-the", name="Giấy khen (tập thể)", applies_to="collective")
