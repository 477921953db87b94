"""No one edits or deletes the trail through the application or the admin, and no record is
reverted from its history."""

import pytest
from django.core import checks
from django.test import override_settings

from audit.checks import history_is_read_only
from audit.models import AppendOnlyError, AuditEvent
from tests.factories import UserFactory, make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(unit_a, officer_a):
    make_nomination(unit=unit_a, author=officer_a)
    return AuditEvent.objects.order_by("sequence").first()


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


class TestTheApplication:
    def test_an_event_cannot_be_saved_again(self, event):
        event.reason = "Sửa"
        with pytest.raises(AppendOnlyError):
            event.save()

    def test_an_event_cannot_be_deleted(self, event):
        with pytest.raises(AppendOnlyError):
            event.delete()

    @pytest.mark.parametrize("operation", ["update", "delete"])
    def test_events_cannot_be_changed_in_bulk(self, event, operation):
        queryset = AuditEvent.objects.all()
        with pytest.raises(AppendOnlyError):
            queryset.update(reason="x") if operation == "update" else queryset.delete()
        assert AuditEvent.objects.get(pk=event.pk).reason == event.reason


class TestTheAdmin:
    def test_the_trail_is_listed_but_not_editable(self, admin_client, event):
        assert admin_client.get("/admin/audit/auditevent/").status_code == 200
        page = admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/")
        assert page.status_code == 200
        assert not page.context["has_change_permission"]
        assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
        response = admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
        assert AuditEvent.objects.filter(pk=event.pk).exists()

    def test_a_historical_version_can_be_read_but_not_reverted(self, admin_client, unit_a):
        unit_a.name = "Bệnh viện A (tên mới)"
        unit_a.save()
        first = unit_a.history.earliest()
        url = f"/admin/nominations/unit/{unit_a.pk}/history/{first.history_id}/"
        page = admin_client.get(url)
        assert page.status_code == 200
        assert page.context["revert_disabled"]
        response = admin_client.post(url, {"code": unit_a.code, "name": "Bệnh viện A", "kind": unit_a.kind})
        assert response.status_code == 403
        unit_a.refresh_from_db()
        assert unit_a.name == "Bệnh viện A (tên mới)"


class TestStartUpChecks:
    def test_the_shipped_configuration_passes(self):
        assert history_is_read_only(None) == []

    @override_settings(SIMPLE_HISTORY_REVERT_DISABLED=False)
    def test_revert_must_stay_disabled(self):
        assert [error.id for error in history_is_read_only(None)] == ["audit.E001"]

    def test_a_history_admin_that_allows_revert_is_refused(self):
        from django.contrib import admin
        from simple_history.admin import SimpleHistoryAdmin

        from nominations.models import AwardRecord

        registered = admin.site._registry[AwardRecord]
        admin.site._registry[AwardRecord] = SimpleHistoryAdmin(AwardRecord, admin.site)
        try:
            errors = history_is_read_only(None)
        finally:
            admin.site._registry[AwardRecord] = registered
        assert [(error.id, error.obj) for error in errors] == [("audit.E002", AwardRecord)]
        assert all(isinstance(error, checks.Error) for error in errors)
