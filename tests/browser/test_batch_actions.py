"""Batch decisions from the task lists: all the ticked dossiers move, or none of them does."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from viewflow.workflow.status import STATUS

from demo import dossiers as demo
from nominations.models import AwardType, Campaign, Nomination, NominationBasis, Staff, Unit
from workflows import drafting as nomination_services
from workflows import services
from workflows.selectors import HUMAN_NODES, human_tasks, open_task_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTHING_DONE = re.compile(r"Không có thay đổi nào được thực hiện|Nothing was done")
COMMENT_REQUIRED = re.compile(r"Cần ghi ý kiến cho quyết định này|A comment is required for this decision")


def batch_form(page, step: str):
    """The batch form of one step's section of an inbox or queue."""
    return page.locator("form.batch", has=page.locator(f"input[name=step][value={step}]"))


def waiting_at(step: str):
    """Dossiers whose open task is at ``step``."""
    return Nomination.objects.filter(
        process__task__flow_task=HUMAN_NODES[step], process__task__status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )


def statuses(codes) -> set[str]:
    return set(Nomination.objects.filter(code__in=codes).values_list("status", flat=True))


def new_dossiers_at_director(count: int) -> list[str]:
    """Fresh dossiers of Bệnh viện Đa khoa Thống Nhất driven to the director through the services."""
    unit = Unit.objects.get(code="bvtn")
    author = get_user_model().objects.get(username="bvtn.canbo")
    award = AwardType.objects.get(code="giay-khen-ca-nhan")
    campaign = Campaign.objects.get(is_open=True)
    codes = []
    for staff in Staff.objects.filter(unit=unit).order_by("-staff_code")[:count]:
        nomination = nomination_services.create_nomination(
            author=author,
            unit=unit,
            year=2024,
            basis=NominationBasis.CAMPAIGN,
            campaign=campaign,
            nominee_kind="individual",
            staff=staff,
            collective_name="",
            award_type=award,
            achievement_summary=f"{staff.full_name}: hoàn thành xuất sắc nhiệm vụ năm 2024.",
        )
        demo.drive(nomination, "director")
        codes.append(nomination.code)
    return codes


def test_batch_signoff_by_director(demo, web):
    page = web.page
    mine = new_dossiers_at_director(3)
    waiting = sorted(waiting_at("director_signoff").values_list("code", flat=True))
    assert set(mine) <= set(waiting) and len(waiting) > len(mine)
    assert statuses(waiting) == {"director_signoff"}

    web.login("giamdoc")
    web.goto("/tasks/")
    expect(batch_form(page, "director_signoff")).to_have_count(0)  # nothing taken yet: all in the queue
    web.goto("/tasks/queue/")
    form = batch_form(page, "director_signoff")
    expect(form.locator("h2")).to_contain_text(f"({len(waiting)})")
    for code in waiting:
        expect(form.locator("table.list a", has_text=code)).to_be_visible()
    boxes = form.locator("tbody input[type=checkbox][name=tasks]")
    expect(boxes).to_have_count(len(waiting))

    form.locator("thead input.select-all").check()
    for index in range(boxes.count()):
        expect(boxes.nth(index)).to_be_checked()
    form.locator("select[name=decision]").select_option("approve")
    web.screenshot("giamdoc-queue-batch")
    web.submit(form.locator("button[type=submit].primary"))

    success = page.locator("ul.messages li.msg-success")
    expect(success).to_have_count(1)
    expect(success).to_contain_text(str(len(waiting)))
    expect(page.locator("ul.messages li.msg-error")).to_have_count(0)
    assert statuses(waiting) == {"approved"}
    assert not waiting_at("director_signoff").exists()
    expect(batch_form(page, "director_signoff")).to_have_count(0)
    # Every one of them was signed off by the director, in their own name.
    for code in waiting:
        process = Nomination.objects.get(code=code).process
        done = process.task_set.get(flow_task=HUMAN_NODES["director_signoff"])
        assert (done.status, done.owner.username) == (STATUS.DONE, "giamdoc")
        assert done.data["decision"] == "approve"


def office_queue_state():
    nominations = waiting_at("office_review").select_related("process")
    return {
        n.code: (n.status, open_task_of(n).pk, open_task_of(n).status, open_task_of(n).owner_id)
        for n in nominations
    }


def test_batch_stops_whole_batch_on_refusal(demo, web):
    page = web.page
    queued = [
        open_task_of(n)
        for n in waiting_at("office_review").order_by("code")
        if open_task_of(n).status == STATUS.NEW
    ]
    assert len(queued) >= 2
    # The older task last: the batch handles the newer one first, so a refusal must undo it.
    newer, older = sorted(queued[:2], key=lambda task: task.created, reverse=True)
    batch_order = human_tasks().filter(pk__in=[older.pk, newer.pk], flow_task=HUMAN_NODES["office_review"])
    assert [task.pk for task in batch_order] == [newer.pk, older.pk]
    before = office_queue_state()

    web.login("vanphong")
    web.goto("/tasks/queue/")
    form = batch_form(page, "office_review")

    def tick_both():
        for task in (newer, older):
            form.locator(f"input[name=tasks][value='{task.pk}']").check()

    # A return needs a comment: refused, nothing moves.
    tick_both()
    form.locator("select[name=decision]").select_option("return")
    form.locator("input[name=comment]").fill("")
    web.submit(form.locator("button[type=submit].primary"))
    expect(page.locator("ul.messages li.msg-error")).to_have_text(COMMENT_REQUIRED)
    expect(page.locator("ul.messages li.msg-success")).to_have_count(0)
    assert office_queue_state() == before

    # Meanwhile the head of the office takes the older one: forwarding both stops at it,
    # and the newer one, already forwarded inside the batch, is put back.
    head = get_user_model().objects.get(username="chanhvanphong")
    services.claim_task(older, head)
    before = office_queue_state()
    tick_both()
    form.locator("select[name=decision]").select_option("forward")
    web.submit(form.locator("button[type=submit].primary"))
    error = page.locator("ul.messages li.msg-error")
    expect(error).to_have_text(NOTHING_DONE)
    expect(error).to_contain_text(older.process.nominationprocess.nomination.code)
    expect(error).to_contain_text(head.get_full_name())
    expect(page.locator("ul.messages li.msg-success")).to_have_count(0)
    web.screenshot("vanphong-queue-batch-refused")
    assert office_queue_state() == before
    newer.refresh_from_db()
    assert (newer.status, newer.owner_id) == (STATUS.NEW, None)
    assert newer.process.nominationprocess.nomination.status == "office_review"
