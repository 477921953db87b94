"""A unit's people see and edit only their own unit's dossiers, checked through HTTP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory, make_nomination
from workflows import drafting as services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% minh chung\n"


@pytest.fixture
def dossier_a(unit_a, officer_a):
    nomination = make_nomination(unit=unit_a, author=officer_a)
    services.add_attachment(
        nomination,
        uploaded_by=officer_a,
        uploaded_file=SimpleUploadedFile("Báo cáo thành tích.pdf", PDF, content_type="application/pdf"),
    )
    return nomination


def test_unit_sees_its_own_dossier(login, officer_a, dossier_a):
    response = login(officer_a).get(f"/dossiers/{dossier_a.code}/")
    assert response.status_code == 200
    assert dossier_a.nominee_name in response.content.decode()


def test_unit_head_sees_own_unit_dossier(login, head_a, dossier_a):
    assert login(head_a).get(f"/dossiers/{dossier_a.code}/").status_code == 200


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_other_unit_gets_404_for_dossier_pages(login, officer_b, dossier_a, suffix):
    response = login(officer_b).get(f"/dossiers/{dossier_a.code}/{suffix}")
    assert response.status_code == 404
    assert dossier_a.nominee_name not in response.content.decode()


def test_other_unit_cannot_download_evidence(login, officer_b, dossier_a):
    attachment = dossier_a.attachments.get()
    response = login(officer_b).get(f"/dossiers/{dossier_a.code}/files/{attachment.pk}/")
    assert response.status_code == 404


def test_other_unit_cannot_upload_into_the_dossier(login, officer_b, dossier_a):
    upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    response = login(officer_b).post(f"/dossiers/{dossier_a.code}/files/", {"file": upload})
    assert response.status_code == 404
    assert dossier_a.attachments.count() == 1


def test_other_unit_cannot_post_an_edit(login, officer_b, dossier_a):
    response = login(officer_b).post(f"/dossiers/{dossier_a.code}/edit/", {"achievement_summary": "x"})
    assert response.status_code == 404
    dossier_a.refresh_from_db()
    assert dossier_a.achievement_summary != "x"


def test_list_shows_only_own_unit(login, officer_b, unit_b, dossier_a):
    own = make_nomination(unit=unit_b, author=officer_b)
    body = login(officer_b).get("/dossiers/").content.decode()
    assert own.code in body
    assert dossier_a.code not in body


@pytest.mark.parametrize(
    "role", ["office_reviewer", "office_head", "trade_union", "director", "deputy_director", "inspector"]
)
def test_department_roles_see_every_unit(login, role, dossier_a):
    user = UserFactory(username=f"so.{role}", roles=[role])
    assert login(user).get(f"/dossiers/{dossier_a.code}/").status_code == 200
    assert dossier_a.code in login(user).get("/dossiers/").content.decode()


def test_inspector_reads_but_cannot_edit(login, dossier_a):
    inspector = UserFactory(username="thanhtra.thu", roles=["inspector"])
    client = login(inspector)
    assert client.get(f"/dossiers/{dossier_a.code}/").status_code == 200
    assert client.get(f"/dossiers/{dossier_a.code}/edit/").status_code == 403


def test_unit_loses_edit_rights_once_submitted(login, officer_a, dossier_a):
    from permissions.grants import grant_unit_access

    dossier_a.status = "office_review"
    dossier_a.save()
    grant_unit_access(dossier_a, can_edit=False)
    client = login(officer_a)
    assert client.get(f"/dossiers/{dossier_a.code}/").status_code == 200
    assert client.get(f"/dossiers/{dossier_a.code}/edit/").status_code == 403


def test_moving_a_user_to_another_unit_moves_their_access(login, officer_a, unit_b, dossier_a):
    officer_a.unit = unit_b
    officer_a.save()
    assert login(officer_a).get(f"/dossiers/{dossier_a.code}/").status_code == 404


def test_anonymous_is_sent_to_login(client, dossier_a):
    response = client.get(f"/dossiers/{dossier_a.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_saving_a_user_in_the_admin_keeps_their_unit_access(client, officer_a, dossier_a):
    from django.contrib.auth.models import Group

    admin = UserFactory(username="quantri.test", is_staff=True, is_superuser=True)
    client.force_login(admin)
    role = Group.objects.get(name="unit_officer")
    page = client.get(f"/admin/accounts/user/{officer_a.pk}/change/")
    offered = {str(choice[0]) for choice in page.context["adminform"].form.fields["groups"].choices}
    assert str(Group.objects.get(name="unit:bva").pk) not in offered  # unit groups are not hand-picked
    response = client.post(
        f"/admin/accounts/user/{officer_a.pk}/change/",
        {
            "username": officer_a.username,
            "full_name": "Cán bộ đã sửa",
            "email": "",
            "unit": officer_a.unit_id,
            "position": "",
            "language": "vi",
            "groups": [role.pk],
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "01/01/2024",
            "date_joined_1": "08:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    officer_a.refresh_from_db()
    assert officer_a.groups.filter(name="unit:bva").exists()
    assert officer_a.full_name == "Cán bộ đã sửa"
