"""Notifications are written with the change that causes them, to the right people, in
their language, and sent at most once."""

import datetime
import smtplib
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.utils import timezone

from notifications import mail, scheduling, services
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from tests.factories import UserFactory, make_nomination
from tests.workflows.conftest import act, open_task, to_director, to_office
from workflows import award_decisions as decisions
from workflows import services as workflow_services
from workflows.models import StepDeadline
from workflows.steps import Decision

pytestmark = pytest.mark.django_db
UserModel = get_user_model()


@pytest.fixture(autouse=True)
def _mail_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://khenthuong.example"


@pytest.fixture
def with_emails(people):
    for user in [
        people.officer,
        people.head,
        people.reviewer,
        people.reviewer2,
        people.office_head,
        people.union,
        people.director,
        people.deputy,
    ]:
        user.email = f"{user.username}@soyte.example"
        user.save()
    return people


def of_kind(kind):
    return Notification.objects.filter(kind=kind)


def test_submitting_tells_the_unit_heads_a_dossier_waits(with_emails, unit_a):
    nomination = make_nomination(unit=unit_a, author=with_emails.officer)
    workflow_services.submit_for_signoff(nomination, with_emails.officer)
    notice = of_kind(Kind.TASK_WAITING).get()
    assert notice.recipient == with_emails.head
    assert nomination.code in notice.subject
    assert f"https://khenthuong.example/tasks/{open_task(nomination).pk}/" in notice.body_text
    assert notice.email_status == EmailStatus.PENDING


def test_a_return_tells_the_unit_with_the_comment(with_emails, submitted):
    act(submitted, with_emails.head, Decision.RETURN, "Bổ sung bản sao bằng khen năm 2023")
    returned = of_kind(Kind.RETURNED)
    assert {n.recipient for n in returned} == {with_emails.officer, with_emails.head}
    notice = returned.first()
    assert "Bổ sung bản sao bằng khen năm 2023" in notice.body_text
    assert "bị trả lại" in notice.subject


def test_office_queue_is_told_when_the_unit_submits(with_emails, submitted):
    to_office(submitted, with_emails)
    waiting = of_kind(Kind.TASK_WAITING).filter(nomination=submitted).exclude(recipient=with_emails.head)
    assert {n.recipient for n in waiting} == {
        with_emails.reviewer,
        with_emails.reviewer2,
        with_emails.office_head,
    }


def test_rejection_and_approval_reach_the_unit(with_emails, submitted, unit_a):
    to_office(submitted, with_emails)
    act(submitted, with_emails.reviewer, Decision.REJECT, "Chưa đủ tiêu chuẩn")
    assert "Chưa đủ tiêu chuẩn" in of_kind(Kind.REJECTED).first().body_text
    other = make_nomination(unit=unit_a, author=with_emails.officer)
    workflow_services.submit_for_signoff(other, with_emails.officer)
    to_director(other, with_emails)
    act(other, with_emails.director, Decision.APPROVE)
    assert of_kind(Kind.APPROVED).filter(nomination=other).count() == 2


def test_reassignment_tells_the_new_holder(with_emails, submitted):
    to_director(submitted, with_emails)
    workflow_services.reassign_task(open_task(submitted), with_emails.director, with_emails.deputy)
    assert of_kind(Kind.TASK_ASSIGNED).get().recipient == with_emails.deputy


def test_a_refused_action_writes_no_notification(with_emails, submitted):
    before = Notification.objects.count()
    with pytest.raises(workflow_services.WorkflowError):
        act(submitted, with_emails.head, Decision.RETURN, "")
    assert Notification.objects.count() == before


def test_decision_issued_reaches_the_unit_and_the_awardee(with_emails, submitted):
    submitted.staff.email = "nguyenvanan@benhvien.example"
    submitted.staff.save()
    to_director(submitted, with_emails)
    act(submitted, with_emails.director, Decision.APPROVE)
    decision = decisions.prepare_decision(
        by=with_emails.reviewer,
        number="125/QĐ-SYT",
        decision_date=datetime.date(2025, 2, 25),
        title="Về việc tặng Giấy khen",
        nominations=[submitted],
    )
    decisions.submit_decision(decision, by=with_emails.reviewer)
    decisions.issue_decision(decision, by=with_emails.director)
    addresses = set(of_kind(Kind.DECISION_ISSUED).values_list("email", flat=True))
    assert "nguyenvanan@benhvien.example" in addresses
    assert with_emails.officer.email in addresses
    assert "125/QĐ-SYT" in of_kind(Kind.DECISION_ISSUED).first().body_text


def test_english_users_get_english_mail(with_emails, unit_a):
    with_emails.head.language = "en"
    with_emails.head.save()
    nomination = make_nomination(unit=unit_a, author=with_emails.officer)
    workflow_services.submit_for_signoff(nomination, with_emails.head and with_emails.officer)
    notice = of_kind(Kind.TASK_WAITING).get()
    assert notice.subject.startswith("[Commendations] A dossier is waiting in your queue")


class TestPreferences:
    def test_muted_kind_is_kept_in_the_app_but_not_mailed(self, with_emails, unit_a):
        prefs = services.settings_of(with_emails.head)
        prefs.muted_kinds = [Kind.TASK_WAITING]
        prefs.save()
        nomination = make_nomination(unit=unit_a, author=with_emails.officer)
        workflow_services.submit_for_signoff(nomination, with_emails.officer)
        assert of_kind(Kind.TASK_WAITING).get().email_status == EmailStatus.NOT_EMAILED

    def test_required_kinds_cannot_be_muted(self, with_emails, submitted):
        prefs = services.settings_of(with_emails.officer)
        prefs.muted_kinds = [Kind.RETURNED]
        prefs.save()
        act(submitted, with_emails.head, Decision.RETURN, "Bổ sung")
        assert of_kind(Kind.RETURNED).get(recipient=with_emails.officer).email_status == EmailStatus.PENDING

    def test_daily_digest_gathers_the_days_notices_into_one_mail(self, with_emails, unit_a):
        prefs = services.settings_of(with_emails.head)
        prefs.daily_digest = True
        prefs.save()
        for _ in range(3):
            nomination = make_nomination(unit=unit_a, author=with_emails.officer)
            workflow_services.submit_for_signoff(nomination, with_emails.officer)
        assert set(of_kind(Kind.TASK_WAITING).values_list("email_status", flat=True)) == {
            EmailStatus.IN_DIGEST
        }
        assert scheduling.send_digests(now=timezone.now()) == 1
        assert scheduling.send_digests(now=timezone.now()) == 0
        digest = of_kind(Kind.DIGEST).get()
        assert digest.body_text.count("KT-2024-") == 3
        assert set(of_kind(Kind.TASK_WAITING).values_list("email_status", flat=True)) == {
            EmailStatus.DIGESTED
        }

    def test_settings_page_saves_choices(self, login, with_emails):
        client = login(with_emails.head)
        client.post("/notifications/settings/", {"email_kinds": ["approved"], "daily_digest": "on"})
        prefs = services.settings_of(with_emails.head)
        prefs.refresh_from_db()
        assert prefs.daily_digest is True
        assert Kind.TASK_WAITING in prefs.muted_kinds
        assert Kind.APPROVED not in prefs.muted_kinds


class TestClock:
    def test_reminder_before_the_due_date_is_sent_once(self, with_emails, submitted):
        task = open_task(submitted)
        StepDeadline.objects.filter(task=task).update(due_at=timezone.now() + datetime.timedelta(hours=5))
        assert scheduling.send_reminders(now=timezone.now()) == 1
        assert scheduling.send_reminders(now=timezone.now()) == 0
        assert of_kind(Kind.REMINDER).get().recipient == with_emails.head

    def test_overdue_unit_step_escalates_to_the_unit_head(self, with_emails, submitted):
        StepDeadline.objects.filter(task=open_task(submitted)).update(
            due_at=timezone.now() - datetime.timedelta(hours=1)
        )
        scheduling.escalate_overdue(now=timezone.now())
        assert [n.recipient for n in of_kind(Kind.ESCALATION)] == [with_emails.head]

    def test_overdue_office_step_escalates_to_the_head_of_the_office(self, with_emails, submitted):
        to_office(submitted, with_emails)
        StepDeadline.objects.filter(task=open_task(submitted)).update(
            due_at=timezone.now() - datetime.timedelta(days=1)
        )
        assert scheduling.escalate_overdue(now=timezone.now()) == 1
        assert scheduling.escalate_overdue(now=timezone.now()) == 0
        assert of_kind(Kind.ESCALATION).get().recipient == with_emails.office_head


class TestWrittenOnce:
    """A notice with a dedupe key is written once, however often it is asked for: the insert
    skips the keys already written (no read before it, no savepoint), and says which it wrote."""

    @pytest.fixture
    def staff(self, with_emails):
        # As the outbox's recipient queries give them: with their settings.
        people = [with_emails.reviewer, with_emails.reviewer2, with_emails.office_head]
        loaded = UserModel.objects.select_related("notification_settings").in_bulk([u.pk for u in people])
        return [loaded[u.pk] for u in people]

    def write(self, recipients, dedupe="to-sign:1"):
        return services.notify(
            recipients, Kind.DECISION_TO_SIGN, context={"number": "12/QĐ-SYT", "count": 3}, dedupe=dedupe
        )

    def test_a_notice_asked_for_again_is_not_written_again(self, staff):
        reviewer, reviewer2, office_head = staff
        first = self.write([reviewer, reviewer2])
        again = self.write([reviewer, reviewer2, office_head])
        assert [n.recipient for n in again] == [office_head]
        rows = Notification.objects.filter(dedupe_key__startswith="to-sign:1:")
        assert sorted(rows.values_list("pk", flat=True)) == sorted(n.pk for n in first + again)

    def test_a_person_listed_twice_gets_one_notice(self, staff):
        written = self.write([staff[0], staff[0]])
        assert len(written) == 1 and of_kind(Kind.DECISION_TO_SIGN).count() == 1

    def test_notices_with_a_key_cost_one_insert_and_nothing_else(self, staff, django_assert_num_queries):
        self.write(staff[:1], dedupe="to-sign:2")
        with django_assert_num_queries(1):
            assert len(self.write(staff, dedupe="to-sign:2")) == 2
        with django_assert_num_queries(1):
            assert self.write(staff, dedupe="to-sign:2") == []


class TestDelivery:
    @pytest.fixture
    def notice(self, with_emails, submitted):
        return of_kind(Kind.TASK_WAITING).get()

    def test_delivers_once_even_when_asked_twice(self, notice):
        assert mail.deliver(notice.pk).sent
        assert mail.deliver(notice.pk).skipped
        assert len(django_mail.outbox) == 1
        notice.refresh_from_db()
        assert notice.email_status == EmailStatus.SENT

    def test_vietnamese_subject_survives_encoding(self, notice):
        mail.deliver(notice.pk)
        raw = django_mail.outbox[0].message().as_bytes()
        parsed = message_from_bytes(raw)
        assert str(make_header(decode_header(parsed["Subject"]))) == notice.subject
        assert "Có hồ sơ chờ xử lý" in notice.subject

    def test_smtp_failure_is_retried_with_backoff_then_fails_visibly(self, notice, settings, monkeypatch):
        settings.NOTIFICATION_MAX_ATTEMPTS = 3

        def refuse(*args, **kwargs):
            raise smtplib.SMTPServerDisconnected("connection lost")

        monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        first = mail.deliver(notice.pk)
        assert first.retry_in == settings.NOTIFICATION_RETRY_BASE_SECONDS
        assert mail.deliver(notice.pk).skipped  # not before its backoff has passed
        for _ in range(2):
            Notification.objects.filter(pk=notice.pk).update(next_attempt_at=timezone.now())
            outcome = mail.deliver(notice.pk)
        assert outcome.failed
        notice.refresh_from_db()
        assert (notice.email_status, notice.attempts) == (EmailStatus.FAILED, 3)
        assert "connection lost" in notice.last_error

    def test_office_resends_a_failed_mail(self, notice, login, with_emails):
        Notification.objects.filter(pk=notice.pk).update(email_status=EmailStatus.FAILED, attempts=5)
        client = login(with_emails.office_head)
        assert notice.subject in client.get("/notifications/outbox/").content.decode()
        client.post(f"/notifications/outbox/{notice.pk}/resend/")
        notice.refresh_from_db()
        assert (notice.email_status, notice.attempts) == (EmailStatus.PENDING, 0)
        assert mail.deliver(notice.pk).sent

    def test_a_mail_whose_worker_died_while_sending_is_not_resent_blindly(self, notice):
        claimed = mail.claim_batch("worker-that-dies", only=notice.pk)
        assert mail.start_sending(claimed, "worker-that-dies")  # then it dies, the mail on the wire
        Notification.objects.filter(pk=notice.pk).update(
            claimed_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert services.give_up_stale_sends() == 1
        assert mail.deliver(notice.pk).skipped
        assert django_mail.outbox == []

    def test_reviewers_cannot_open_the_outbox(self, login, with_emails):
        assert login(with_emails.reviewer).get("/notifications/outbox/").status_code == 403


class TestInApp:
    def test_unread_count_and_reading(self, login, with_emails, submitted):
        client = login(with_emails.head)
        home = client.get("/")
        assert home.context["unread_notifications"] == 1
        notice = of_kind(Kind.TASK_WAITING).get()
        body = client.get(f"/notifications/{notice.pk}/").content.decode()
        assert submitted.code in body
        assert client.get("/").context["unread_notifications"] == 0

    def test_the_badge_counts_at_most_a_hundred_rows(self, login, with_emails):
        reader = with_emails.head
        Notification.objects.bulk_create(
            Notification(recipient=reader, kind=Kind.TASK_WAITING, subject=f"Hồ sơ {i}", body_text="…")
            for i in range(150)
        )
        client = login(reader)
        home = client.get("/")
        assert (home.context["unread_notifications"], home.context["unread_badge"]) == (99, "99+")
        assert '<span class="badge">99+</span>' in home.content.decode()

    def test_nobody_reads_someone_elses_notification(self, login, with_emails, submitted):
        notice = of_kind(Kind.TASK_WAITING).get()
        stranger = UserFactory(username="nguoila", roles=["unit_head"])
        assert login(stranger).get(f"/notifications/{notice.pk}/").status_code == 404
