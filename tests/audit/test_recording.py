"""Every kind of event enters the trail with its actor and its time, inside the transaction
of the change that causes it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent, EventType
from common.acting import acting
from nominations.models import Campaign
from permissions.grants import CHANGE, VIEW, unit_group_name
from tests.audit.conftest import events, last, prepare_decision
from tests.factories import DEFAULT_PASSWORD, CampaignFactory, UserFactory, make_nomination
from tests.workflows.conftest import act, open_task, to_director, to_office
from workflows import award_decisions as decisions
from workflows import drafting as nomination_services
from workflows import services
from workflows.flows import NominationFlow
from workflows.steps import Decision

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% minh chung\n"


def assert_recorded(event: AuditEvent, actor):
    """The event names who acted (also as text) and when."""
    assert event is not None
    assert event.actor == actor
    assert event.actor_username == actor.username
    assert abs(timezone.now() - event.occurred_at) < datetime.timedelta(minutes=1)


class TestSignIn:
    def test_login_logout_and_failed_login_are_recorded_with_the_address(self, client, officer_a):
        client.post("/login/", {"username": officer_a.username, "password": "sai"}, REMOTE_ADDR="10.0.0.7")
        client.post("/login/", {"username": officer_a.username, "password": DEFAULT_PASSWORD})
        client.post("/logout/")
        failed = last(EventType.LOGIN_FAILED)
        assert (failed.actor, failed.actor_username, failed.ip_address) == (
            None,
            officer_a.username,
            "10.0.0.7",
        )
        assert_recorded(last(EventType.LOGIN), officer_a)
        assert_recorded(last(EventType.LOGOUT), officer_a)

    def test_a_login_does_not_log_an_empty_change_of_the_user(self, client, officer_a):
        client.post("/login/", {"username": officer_a.username, "password": DEFAULT_PASSWORD})
        assert not AuditEvent.objects.filter(
            event_type=EventType.CHANGED, object_type="accounts.User"
        ).exists()


class TestChangesOfRecords:
    def test_creating_a_dossier_records_its_values_author_and_reason(self, unit_a, officer_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        created = last(EventType.CREATED, object_type="nominations.Nomination")
        assert_recorded(created, officer_a)
        assert (created.nomination, created.nomination_code, created.unit_code) == (
            nomination,
            nomination.code,
            "bva",
        )
        assert created.reason == "Tạo hồ sơ"
        fields = {change["field"]: change["new"] for change in created.changes}
        assert fields["code"] == nomination.code
        assert fields["achievement_summary"] == "Hoàn thành xuất sắc nhiệm vụ năm 2024."
        assert fields["staff"] == nomination.staff_id

    def test_an_edit_through_the_form_records_old_and_new_values_and_the_reason(
        self, login, unit_a, officer_a
    ):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        response = login(officer_a).post(
            f"/dossiers/{nomination.code}/edit/",
            {
                "year": 2024,
                "basis": "annual",
                "nominee_kind": "individual",
                "staff": nomination.staff_id,
                "award_type": nomination.award_type_id,
                "achievement_summary": "Có sáng kiến cấp cơ sở được công nhận.",
            },
        )
        assert response.status_code == 302
        changed = last(EventType.CHANGED, nomination=nomination)
        assert_recorded(changed, officer_a)
        assert changed.reason == "Cập nhật hồ sơ"
        assert changed.changes == [
            {
                "field": "achievement_summary",
                "old": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
                "new": "Có sáng kiến cấp cơ sở được công nhận.",
            }
        ]

    def test_deleting_a_record_in_the_admin_is_recorded(self, client):
        admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
        campaign = CampaignFactory()
        client.force_login(admin)
        response = client.post(f"/admin/nominations/campaign/{campaign.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        assert not Campaign.objects.exists()
        deleted = last(EventType.DELETED, object_type="nominations.Campaign")
        assert_recorded(deleted, admin)
        assert deleted.object_id == str(campaign.pk)
        assert deleted.object_repr == campaign.name
        assert {"field": "name", "old": campaign.name, "new": None} in deleted.changes

    def test_evidence_added_to_a_dossier_is_in_the_dossiers_trail(self, unit_a, officer_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        nomination_services.add_attachment(
            nomination,
            uploaded_by=officer_a,
            uploaded_file=SimpleUploadedFile("Báo cáo thành tích.pdf", PDF, content_type="application/pdf"),
        )
        created = last(EventType.CREATED, object_type="nominations.Attachment")
        assert_recorded(created, officer_a)
        assert created.nomination == nomination
        assert created.object_repr == "Báo cáo thành tích.pdf"


class TestWorkflow:
    def test_submission_creation_and_completion_of_steps_carry_step_decision_and_comment(
        self, submitted, people
    ):
        assert_recorded(last(EventType.SUBMITTED, nomination=submitted), people.officer)
        created = last(EventType.TASK_CREATED, nomination=submitted)
        assert_recorded(created, people.officer)
        assert created.detail["step"] == "unit_signoff"
        assert created.detail["due_at"]

        act(submitted, people.head, Decision.RETURN, "Bổ sung minh chứng")
        completed = last(EventType.COMPLETED, nomination=submitted)
        assert_recorded(completed, people.head)
        assert (completed.detail["step"], completed.detail["decision"], completed.detail["comment"]) == (
            "unit_signoff",
            "return",
            "Bổ sung minh chứng",
        )
        assert completed.reason == "Bổ sung minh chứng"

    def test_claim_release_and_reassignment_are_recorded(self, submitted, people):
        to_office(submitted, people)
        services.claim_task(open_task(submitted), people.reviewer)
        assert_recorded(last(EventType.CLAIMED, nomination=submitted), people.reviewer)
        services.release_task(open_task(submitted), people.reviewer)
        assert_recorded(last(EventType.RELEASED, nomination=submitted), people.reviewer)
        services.reassign_task(open_task(submitted), people.office_head, people.reviewer2)
        reassigned = last(EventType.REASSIGNED, nomination=submitted)
        assert_recorded(reassigned, people.office_head)
        assert (reassigned.detail["previous_owner"], reassigned.detail["new_owner"]) == (None, "vanphong2")

    def test_rejection_is_recorded_with_its_reason(self, submitted, people):
        to_office(submitted, people)
        act(submitted, people.reviewer, Decision.REJECT, "Không đủ tiêu chuẩn")
        rejected = last(EventType.REJECTED, nomination=submitted)
        assert_recorded(rejected, people.reviewer)
        assert "Không đủ tiêu chuẩn" in rejected.reason

    def test_forwarding_and_the_higher_authoritys_result_are_recorded(self, people, unit_a, higher_award):
        nomination = make_nomination(unit=unit_a, author=people.officer, award_type=higher_award)
        services.submit_for_signoff(nomination, people.officer)
        to_director(nomination, people)
        act(nomination, people.director, Decision.APPROVE)
        assert_recorded(last(EventType.FORWARDED, nomination=nomination), people.director)
        act(nomination, people.reviewer, Decision.NOT_AWARDED)
        result = last(EventType.HIGHER_RESULT, nomination=nomination)
        assert_recorded(result, people.reviewer)
        assert result.detail["decision"] == "not_awarded"

    def test_a_cancelled_task_is_recorded(self, submitted, people):
        task = open_task(submitted)
        with acting(people.office_head, "Hủy theo đề nghị của đơn vị"):
            NominationFlow.instance.cancel(submitted.process)
        cancelled = last(EventType.TASK_CANCELLED, nomination=submitted)
        assert_recorded(cancelled, people.office_head)
        assert (cancelled.detail["task"], cancelled.detail["step"]) == (task.pk, "unit_signoff")

    def test_an_undone_step_is_recorded(self, submitted, people):
        act(submitted, people.head, Decision.SUBMIT)
        done = submitted.process.task_set.get(flow_task=NominationFlow.unit_signoff)
        # viewflow's undo transition marks a done task CANCELED and saves it, as here.
        with acting(people.office_head):
            done.status = "CANCELED"
            done.save()
        undone = last(EventType.TASK_UNDONE, nomination=submitted)
        assert_recorded(undone, people.office_head)
        assert (undone.detail["task"], undone.detail["status_before"]) == (done.pk, "DONE")

    def test_a_refused_action_leaves_no_event(self, submitted, people):
        before = AuditEvent.objects.count()
        with pytest.raises(services.WorkflowError):
            services.complete_tasks([open_task(submitted)], people.head, Decision.RETURN, "")
        assert AuditEvent.objects.count() == before


class TestDecisions:
    def test_preparing_sending_returning_and_issuing_a_decision_are_recorded(self, submitted, people):
        to_director(submitted, people)
        act(submitted, people.director, Decision.APPROVE)
        assert_recorded(last(EventType.APPROVED, nomination=submitted), people.director)
        decision = prepare_decision(people, [submitted])
        decisions.submit_decision(decision, by=people.reviewer)
        decisions.return_decision(decision, by=people.director, comment="Sửa trích yếu")
        decisions.submit_decision(decision, by=people.reviewer)
        decisions.issue_decision(decision, by=people.director)

        trail = events(object_type="workflows.AwardDecision", object_id=str(decision.pk))
        kinds = [e.event_type for e in trail if e.event_type.startswith("decision_")]
        assert kinds == [
            EventType.DECISION_PREPARED,
            EventType.DECISION_SUBMITTED,
            EventType.DECISION_RETURNED,
            EventType.DECISION_SUBMITTED,
            EventType.DECISION_ISSUED,
        ]
        issued = last(EventType.DECISION_ISSUED)
        assert_recorded(issued, people.director)
        assert issued.detail["decision"] == "125/QĐ-SYT"
        # The m2m change that lists the dossier is a change of the decision, by its author.
        listing = [
            e for e in trail if e.event_type == EventType.CHANGED and e.changes[0]["field"] == "nominations"
        ]
        assert listing[0].changes[0]["new"] == [submitted.pk]
        # Each dossier's own record shows the decision as the reason of its new status.
        closed = last(EventType.CHANGED, nomination=submitted)
        assert closed.reason == "Quyết định khen thưởng số 125/QĐ-SYT"
        assert {"field": "status", "old": "approved", "new": "decided"} in closed.changes


class TestPermissions:
    def test_a_new_dossier_grants_its_unit_view_and_change(self, unit_a, officer_a):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        grants = events(event_type=EventType.PERMISSION_GRANTED, nomination=nomination)
        assert {(e.detail["permission"], e.detail["holder"]) for e in grants} == {
            (VIEW, unit_group_name(unit_a)),
            (CHANGE, unit_group_name(unit_a)),
        }
        assert_recorded(grants[0], officer_a)

    def test_submission_revokes_the_units_change_permission_once(self, submitted, people, unit_a):
        revoked = events(event_type=EventType.PERMISSION_REVOKED, nomination=submitted)
        assert [(e.detail["permission"], e.detail["holder"]) for e in revoked] == [
            (CHANGE, unit_group_name(unit_a))
        ]
        assert_recorded(revoked[0], people.officer)
        act(submitted, people.head, Decision.SUBMIT)  # still not editable: nothing new to revoke
        assert len(events(event_type=EventType.PERMISSION_REVOKED, nomination=submitted)) == 1

    def test_giving_and_taking_a_role_in_the_admin_is_recorded(self, client, officer_a):
        from django.contrib.auth.models import Group

        admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
        client.force_login(admin)
        inspector, officer = Group.objects.get(name="inspector"), Group.objects.get(name="unit_officer")
        form = {
            "username": officer_a.username,
            "full_name": officer_a.full_name,
            "unit": officer_a.unit_id,
            "language": "vi",
            "is_active": "on",
            "groups": [inspector.pk],
            "date_joined_0": "01/01/2024",
            "date_joined_1": "08:00:00",
        }
        response = client.post(f"/admin/accounts/user/{officer_a.pk}/change/", form)
        assert response.status_code == 302, response.content[:2000]

        granted = last(EventType.PERMISSION_GRANTED, object_type="accounts.User")
        assert_recorded(granted, admin)
        assert (granted.detail["permission"], granted.detail["holder"]) == (
            "group:inspector",
            officer_a.username,
        )
        revoked = events(event_type=EventType.PERMISSION_REVOKED, object_id=str(officer_a.pk))
        assert {e.detail["permission"] for e in revoked} >= {f"group:{officer.name}"}
        assert revoked[0].actor == admin


class TestReadingOut:
    def test_downloading_evidence_is_recorded(self, login, unit_a, officer_a, inspector):
        nomination = make_nomination(unit=unit_a, author=officer_a)
        attachment = nomination_services.add_attachment(
            nomination,
            uploaded_by=officer_a,
            uploaded_file=SimpleUploadedFile("Bằng khen.pdf", PDF, content_type="application/pdf"),
        )
        response = login(inspector).get(f"/dossiers/{nomination.code}/files/{attachment.pk}/")
        assert response.status_code == 200
        download = last(EventType.EVIDENCE_DOWNLOAD)
        assert_recorded(download, inspector)
        assert (download.nomination, download.object_id, download.detail["file"]) == (
            nomination,
            str(attachment.pk),
            "Bằng khen.pdf",
        )

    def test_an_export_is_recorded_with_its_filters(self, login, inspector):
        response = login(inspector).get("/audit/export/csv/", {"event_type": "login"})
        b"".join(response.streaming_content)
        export = last(EventType.EXPORT)
        assert_recorded(export, inspector)
        assert export.detail == {"format": "csv", "filters": {"event_type": "login"}, "source": "web"}
