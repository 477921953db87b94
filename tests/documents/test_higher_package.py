"""The package for the higher authority: one .zip for the dossiers forwarded up, every file
opens, the merged PDF has exactly the pages of its parts with a bookmark per nominee, and the
manifest's checksums are the files'."""

import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from audit.models import AuditEvent
from council.models import CouncilBallot, CouncilSession
from nominations.models import AwardRecord
from tests.documents.readers import docx_text
from tests.factories import AwardTypeFactory, StaffFactory, make_nomination
from tests.workflows.conftest import act, open_task, people, to_director  # noqa: F401
from workflows import drafting, services
from workflows.steps import Decision

pytestmark = pytest.mark.django_db


def two_page_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    for text in ("Bằng chứng trang 1", "Bằng chứng trang 2"):
        c.drawString(100, 700, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def docx_file() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Sáng kiến cải tiến quy trình")
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def forwarded(people, unit_a):  # noqa: F811
    """Two dossiers for Bằng khen UBND tỉnh forwarded up, with evidence; one went to the council."""
    individual_award = AwardTypeFactory(
        code="bk-ubnd-cn", name="Bằng khen của Chủ tịch UBND tỉnh", authority="province"
    )
    collective_award = AwardTypeFactory(
        code="bk-ubnd-tt",
        name="Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        authority="province",
        applies_to="collective",
    )
    staff = StaffFactory(
        unit=unit_a,
        full_name="Nguyễn Thị Ánh Tuyết",
        gender="female",
        date_of_birth=datetime.date(1980, 3, 8),
    )
    AwardRecord.objects.create(
        staff=staff,
        unit=unit_a,
        award_type=individual_award,
        year=2021,
        decision_number="12/QĐ-UBND",
        decision_date=datetime.date(2021, 12, 30),
    )
    person = make_nomination(unit=unit_a, author=people.officer, staff=staff, award_type=individual_award)
    team = make_nomination(
        unit=unit_a,
        author=people.officer,
        nominee_kind="collective",
        staff=None,
        collective_name="Khoa Hồi sức tích cực",
        award_type=collective_award,
    )
    evidence = [
        (person, "bang-chung.pdf", two_page_pdf(), "application/pdf"),
        (person, "anh-chup.png", png(), "image/png"),
        (
            team,
            "sang-kien.docx",
            docx_file(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    for nomination, name, content, content_type in evidence:
        drafting.add_attachment(
            nomination,
            uploaded_by=people.officer,
            uploaded_file=SimpleUploadedFile(name, content, content_type),
        )
    for nomination in (person, team):
        services.submit_for_signoff(nomination, people.officer)
        to_director(nomination, people)
        act(nomination, people.director, Decision.APPROVE)
        nomination.refresh_from_db()
        assert nomination.status == "forwarded"
    session = CouncilSession.objects.create(
        title="Phiên họp Hội đồng TĐKT Sở",
        meeting_date=datetime.date(2025, 3, 1),
        place="Sở Y tế",
        total_members=9,
        members_present=8,
        chair="Trần Minh Khang",
        secretary="Nguyễn Thị Ngọc Lan",
        status="closed",
        created_by=people.reviewer,
    )
    CouncilBallot.objects.create(
        session=session, nomination=person, votes_for=8, votes_against=0, passed=True
    )
    return person, team


def download(client, user, tasks):
    client.force_login(user)
    return client.post(
        reverse("documents:higher_package"), {"tasks": [t.pk for t in tasks], "next": "/tasks/"}
    )


def test_the_package_holds_every_document_and_each_file_opens(client, people, forwarded):  # noqa: F811
    person, team = forwarded
    response = download(client, people.reviewer, [open_task(person), open_task(team)])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))

    # Checksums: every file is listed once with its SHA-256 and size, and nothing else is there.
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert names == set(listed) | {"manifest.json"}
    for path, entry in listed.items():
        content = archive.read(path)
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], path
        assert len(content) == entry["size"]

    # Every document opens with the library an office's software would use.
    for path in names:
        content = archive.read(path)
        if path.endswith(".docx") and not path.startswith("05-"):
            assert docx_text(content).strip(), path
        elif path.endswith(".xlsx"):
            load_workbook(io.BytesIO(content))
        elif path.endswith(".pdf"):
            assert len(PdfReader(io.BytesIO(content)).pages) > 0, path
    assert Document(io.BytesIO(archive.read(next(n for n in names if n.endswith("sang-kien.docx")))))

    submission = docx_text(archive.read("01-to-trinh.docx"))
    assert "TỜ TRÌNH" in submission
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai" in submission
    assert "Bằng khen của Chủ tịch UBND tỉnh: 1 trường hợp" in submission
    listing = docx_text(archive.read("02-danh-sach.docx"))
    assert "Nguyễn Thị Ánh Tuyết" in listing and "Khoa Hồi sức tích cực" in listing
    sheet = load_workbook(io.BytesIO(archive.read("02-danh-sach.xlsx"))).active
    assert "Nguyễn Thị Ánh Tuyết" in {cell.value for row in sheet.iter_rows() for cell in row}

    reports = {n: docx_text(archive.read(n)) for n in names if n.startswith("03-bao-cao-thanh-tich/")}
    assert len(reports) == 2
    individual = next(text for name, text in reports.items() if person.code in name)
    assert "I. SƠ LƯỢC LÝ LỊCH" in individual and "08/03/1980" in individual and "Nữ" in individual
    assert "12/QĐ-UBND ngày 30/12/2021" in individual  # the award history, prefilled
    collective = next(text for name, text in reports.items() if team.code in name)
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in collective

    minutes = sorted(n for n in names if n.startswith("04-bien-ban-hoi-dong/"))
    assert len(minutes) == 2
    evidence = sorted(n for n in names if n.startswith("05-minh-chung/"))
    assert len(evidence) == 3
    assert archive.read(next(n for n in evidence if n.endswith("bang-chung.pdf"))) == two_page_pdf()


def test_the_merged_pdf_has_the_pages_of_its_parts_and_a_bookmark_per_nominee(client, people, forwarded):  # noqa: F811
    person, team = forwarded
    archive = zipfile.ZipFile(
        io.BytesIO(download(client, people.reviewer, [open_task(person), open_task(team)]).content)
    )
    manifest = json.loads(archive.read("manifest.json"))
    merged = PdfReader(io.BytesIO(archive.read("06-ho-so.pdf")))
    parts = manifest["merged_pdf_parts"]
    assert len(merged.pages) == sum(part["pages"] for part in parts)
    by_title = {part["title"]: part["pages"] for part in parts}
    assert by_title["bang-chung.pdf"] == 2  # the evidence PDF, every page of it
    assert by_title["anh-chup.png"] == 1  # the photo on a page of its own
    assert by_title["sang-kien.docx"] == 1  # a notice that the Word file is in the package
    top = [item for item in merged.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert titles[:2] == ["Tờ trình", "Danh sách"]
    assert (
        f"Nguyễn Thị Ánh Tuyết ({person.code})" in titles and f"Khoa Hồi sức tích cực ({team.code})" in titles
    )
    # Each nominee's bookmark holds the bookmarks of their evidence.
    children = [item for item in merged.outline if isinstance(item, list)]
    assert sorted(len(group) for group in children) == [1, 2]


def test_packaging_records_the_evidence_leaving_the_system(client, people, forwarded):  # noqa: F811
    person, team = forwarded
    download(client, people.reviewer, [open_task(person), open_task(team)])
    assert AuditEvent.objects.filter(event_type="evidence_download", actor=people.reviewer).count() == 3


@pytest.mark.parametrize("who", ["officer", "head", "union", "director"])
def test_only_the_office_downloads_the_package(client, people, forwarded, who):  # noqa: F811
    person, _team = forwarded
    response = download(client, getattr(people, who), [open_task(person)])
    assert response.status_code == 302
    assert response.get("Content-Type", "").startswith("text/html")


def test_a_dossier_not_at_the_higher_authority_step_is_refused(client, people, forwarded, unit_a):  # noqa: F811
    person, _team = forwarded
    other = make_nomination(unit=unit_a, author=people.officer)
    services.submit_for_signoff(other, people.officer)
    response = download(client, people.reviewer, [open_task(person), open_task(other)])
    assert response.status_code == 302


def test_the_task_list_offers_the_package_for_that_step(client, people, forwarded):  # noqa: F811
    client.force_login(people.reviewer)
    page = client.get("/tasks/queue/").content.decode() + client.get("/tasks/").content.decode()
    assert reverse("documents:higher_package") in page
