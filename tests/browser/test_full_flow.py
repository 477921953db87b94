"""A dossier from the unit's draft to the director's approval, through one return for revision,
every step done in the browser by the person whose job it is."""

import re

import pytest
from playwright.sync_api import expect

from nominations.models import Attachment, Nomination, Staff
from workflows.selectors import open_task_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AWARD = "Giấy khen của Giám đốc Sở Y tế (cá nhân)"
CAMPAIGN = "Đổi mới, sáng tạo, tận tâm, trách nhiệm thực hiện nhiệm vụ"
SUMMARY = (
    "Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì sáng kiến “Ứng dụng bệnh án điện tử tại "
    "Khoa Hồi sức tích cực”, rút ngắn 30% thời gian hoàn thiện hồ sơ bệnh án."
)
EVIDENCE_NAME = "Báo cáo thành tích – sáng kiến bệnh án điện tử.pdf"
EVIDENCE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RETURN_COMMENT = "Đề nghị bổ sung bản sao Quyết định công nhận sáng kiến cấp cơ sở."

# Workflow texts, Vietnamese or (while a translation is missing) English.
SUBMIT_BUTTON = re.compile(r"Trình thủ trưởng đơn vị|Send to the unit head")
TAKE_BUTTON = re.compile(r"Nhận xử lý|Take this task")
CONFIRM_BUTTON = re.compile(r"Xác nhận|Confirm")
CREATED = re.compile(r"Đã tạo hồ sơ KT-2024-\d{6}|Dossier KT-2024-\d{6} was created")
ATTACHED = re.compile(r"Đã đính kèm tệp|The file was attached")
COMMENT_REQUIRED = re.compile(r"Cần ghi ý kiến cho quyết định này|A comment is required for this decision")
STATUS_APPROVED = re.compile(r"Đã phê duyệt|Approved")


def status_of(code: str) -> str:
    return Nomination.objects.get(code=code).status


def open_and_take(web, code: str, *, via: str = "/tasks/queue/"):
    """Open the dossier's task from a task list and take it into one's inbox."""
    page = web.page
    web.goto(via)
    web.submit(page.locator("table.list a", has_text=code))
    expect(page.locator("main h1")).to_contain_text(code)
    take = page.locator("form[action$='/claim/'] button[type=submit]")
    expect(take).to_have_text(TAKE_BUTTON)
    web.submit(take)
    expect(page.locator("ul.messages li.msg-success")).to_have_count(1)
    return page.locator("form", has=page.locator("input[name=decision]"))


def decide(web, decision_form, decision: str, comment: str = ""):
    decision_form.locator(f"input[name=decision][value={decision}]").check()
    decision_form.locator("textarea[name=comment]").fill(comment)
    confirm = decision_form.locator("button[type=submit].primary")
    expect(confirm).to_have_text(CONFIRM_BUTTON)
    web.submit(confirm)


def take_and_decide(web, code: str, decision: str, comment: str = ""):
    decide(web, open_and_take(web, code), decision, comment)
    assert web.page.url.endswith("/tasks/"), web.page.url
    expect(web.page.locator("ul.messages li.msg-success")).to_contain_text(code)


def test_full_flow_with_return_loop(demo, web):
    page = web.page
    staff = Staff.objects.filter(unit__code="bvtn", is_active=True).order_by("staff_code").last()

    # The unit officer drafts the dossier.
    web.login("bvtn.canbo")
    web.submit(page.locator(".mainnav a", has_text="Tạo hồ sơ mới"))
    expect(page.locator("main h1")).to_have_text("Tạo hồ sơ mới")
    page.fill("input[name=year]", "2024")
    page.check("input[name=basis][value=campaign]")
    page.select_option("select[name=campaign]", label=CAMPAIGN)
    page.check("input[name=nominee_kind][value=individual]")
    page.select_option("select[name=staff]", label=f"{staff.full_name} ({staff.staff_code})")
    page.select_option("select[name=award_type]", label=AWARD)
    page.fill("textarea[name=achievement_summary]", SUMMARY)
    web.submit(page.locator("main form button[type=submit].primary"))
    expect(page.locator("ul.messages li.msg-success")).to_have_text(CREATED)
    code = re.search(r"/dossiers/(KT-2024-\d{6})/$", page.url).group(1)
    nomination = Nomination.objects.get(code=code)
    assert (nomination.status, nomination.staff, nomination.unit.code) == ("draft", staff, "bvtn")
    assert nomination.award_type.name == AWARD
    assert nomination.achievement_summary == SUMMARY
    expect(page.locator("main h1")).to_contain_text(staff.full_name)
    expect(page.locator(".status")).to_have_text("Đang soạn")

    # … attaches the evidence, a PDF whose name is Vietnamese …
    page.set_input_files(
        "form.upload input[name=file]",
        files=[{"name": EVIDENCE_NAME, "mimeType": "application/pdf", "buffer": EVIDENCE}],
    )
    page.fill("form.upload input[name=description]", "Báo cáo có xác nhận của thủ trưởng đơn vị")
    web.submit(page.locator("form.upload button[type=submit]"))
    expect(page.locator("ul.messages li.msg-success")).to_have_text(ATTACHED)
    link = page.locator("table.list a", has_text=EVIDENCE_NAME)
    expect(link).to_be_visible()
    attachment = Attachment.objects.get(nomination=nomination)
    assert (attachment.original_name, attachment.size) == (EVIDENCE_NAME, len(EVIDENCE))
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == EVIDENCE_NAME

    # … and sends it to the unit head.
    submit = page.locator("form[action$='/submit/'] button[type=submit].primary")
    expect(submit).to_have_text(SUBMIT_BUTTON)
    web.submit(submit)
    expect(page.locator("ul.messages li.msg-success")).to_contain_text(code)
    assert status_of(code) == "unit_signoff"
    expect(page.locator("form[action$='/submit/']")).to_have_count(0)
    expect(page.locator("form.upload")).to_have_count(0)

    # The unit head returns it with a comment; a return without one is refused.
    web.login_as("bvtn.truong")
    decision_form = open_and_take(web, code)
    decide(web, decision_form, "return")
    expect(page.locator(".field.has-error .error")).to_have_text(COMMENT_REQUIRED)
    assert status_of(code) == "unit_signoff"
    decide(web, decision_form, "return", RETURN_COMMENT)
    expect(page.locator("ul.messages li.msg-success")).to_contain_text(code)
    assert status_of(code) == "returned"
    assert open_task_of(nomination).flow_task.name == "revise"

    # The officer reads the comment on the dossier page, then sends it back to the head.
    web.login_as("bvtn.canbo")
    web.goto(f"/dossiers/{code}/")
    expect(page.locator(".tracking blockquote")).to_have_text(RETURN_COMMENT)
    expect(page.locator(".status")).to_have_text(re.compile(r"Trả lại để bổ sung|Returned for revision"))
    web.screenshot("bvtn.canbo-dossier-returned")
    take_and_decide(web, code, "resubmit")
    assert status_of(code) == "unit_signoff"

    web.login_as("bvtn.truong")
    take_and_decide(web, code, "submit")
    assert status_of(code) == "office_review"

    web.login_as("vanphong")
    take_and_decide(web, code, "forward")
    assert status_of(code) == "union_consultation"

    web.login_as("congdoan")
    take_and_decide(web, code, "agree")
    assert status_of(code) == "director_signoff"

    web.login_as("giamdoc")
    web.goto("/tasks/queue/")
    web.submit(page.locator("table.list a", has_text=code))
    web.screenshot("giamdoc-task")
    take_and_decide(web, code, "approve")
    assert status_of(code) == "approved"

    # The dossier page tells the whole story, the return and its comment included.
    web.goto(f"/dossiers/{code}/")
    expect(page.locator("main h1 .status")).to_have_text(STATUS_APPROVED)
    entries = page.locator(".tracking ol.timeline > li")
    expect(entries).to_have_count(7)
    returned = entries.nth(1)
    expect(returned).to_contain_text(re.compile(r"Trả lại để bổ sung|Return for revision"))
    expect(returned.locator("blockquote")).to_have_text(RETURN_COMMENT)
    expect(page.locator(".tracking blockquote")).to_have_count(1)
    expect(entries.last).to_contain_text(re.compile(r"Phê duyệt|Approve"))
    web.screenshot("giamdoc-dossier-approved")
