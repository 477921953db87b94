"""A returned dossier comes back: the reviewer sees the comment that asked for a change and
what the unit changed since (fields, word by word, and evidence files), from the history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_nomination
from workflows import drafting, revisions, services
from workflows.steps import Decision

from .conftest import act, open_task

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COMMENT = "Thiếu báo cáo thành tích có xác nhận của thủ trưởng đơn vị; đề nghị bổ sung."


@pytest.fixture
def returned_and_revised(people, unit_a):
    nomination = make_nomination(
        unit=unit_a, author=people.officer, achievement_summary="Hoàn thành tốt nhiệm vụ năm 2024."
    )
    services.submit_for_signoff(nomination, people.officer)
    act(nomination, people.head, Decision.SUBMIT)
    services.claim_task(open_task(nomination), people.reviewer)
    act(nomination, people.reviewer, Decision.RETURN, COMMENT)
    nomination.refresh_from_db()
    drafting.update_nomination(
        nomination,
        editor=people.officer,
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2024, có sáng kiến cấp cơ sở.",
    )
    drafting.add_attachment(
        nomination,
        uploaded_by=people.officer,
        uploaded_file=SimpleUploadedFile("bao-cao-thanh-tich.pdf", PDF, content_type="application/pdf"),
    )
    act(nomination, people.officer, Decision.RESUBMIT)
    act(nomination, people.head, Decision.SUBMIT)
    nomination.refresh_from_db()
    return nomination


def test_diff_of_fields_and_files_since_the_return(returned_and_revised, people):
    revision = revisions.changes_since_return(returned_and_revised)
    assert revision.comment == COMMENT
    assert revision.returned_by == people.reviewer
    [summary] = revision.fields
    assert summary.old == "Hoàn thành tốt nhiệm vụ năm 2024."
    assert ("del", "tốt") in summary.words
    assert ("ins", "xuất sắc") in summary.words
    assert [(f.name, f.kind) for f in revision.files] == [("bao-cao-thanh-tich.pdf", "added")]


def test_reviewer_sees_it_on_the_task_page_next_to_the_comment(returned_and_revised, people, login):
    task = open_task(returned_and_revised)
    client = login(people.reviewer)
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'id="changes-since-return"' in page
    assert COMMENT in page
    assert "<del>tốt</del>" in page and "<ins>xuất sắc</ins>" in page
    assert "bao-cao-thanh-tich.pdf" in page


def test_nothing_shown_for_a_dossier_never_returned(people, unit_a, login):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    act(nomination, people.head, Decision.SUBMIT)
    assert revisions.changes_since_return(nomination) is None
    page = login(people.reviewer).get(f"/tasks/{open_task(nomination).pk}/").content.decode()
    assert "changes-since-return" not in page


def test_a_dossier_sent_back_unchanged_says_so(people, unit_a):
    nomination = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(nomination, people.officer)
    act(nomination, people.head, Decision.RETURN, "Bổ sung minh chứng.")
    act(nomination, people.officer, Decision.RESUBMIT)
    revision = revisions.changes_since_return(nomination)
    assert revision is not None and not revision.changed
