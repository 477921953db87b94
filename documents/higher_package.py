"""The package for the higher authority (NĐ 152/2025 Điều 33 khoản 12): for a batch of dossiers
forwarded up, one .zip with the Department's tờ trình and the list as Word, the list as Excel,
each nominee's báo cáo thành tích, the council's minutes where there was a vote, the evidence
files, one PDF of the whole dossier (bookmarks per nominee) and a manifest with checksums."""

import datetime
import hashlib
import io
import json
import logging
import zipfile

from django.contrib.auth import get_user_model
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from common.text import fold
from council.models import CouncilSession
from nominations.models import AwardRecord
from permissions.roles import Role

from . import minutes_docx, package_content, package_render
from .data import nominee_of
from .summary_xlsx import build_summary_xlsx

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"image/jpeg", "image/png"}


def _safe(text: str, limit: int = 60) -> str:
    folded = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in fold(text))
    return "-".join(part for part in folded.split("-") if part)[:limit] or "tep"


def _history(nomination) -> list[tuple[str, str, str]]:
    records = AwardRecord.objects.select_related("award_type").filter(unit=nomination.unit)
    if nomination.staff_id:
        records = records.filter(staff=nomination.staff)
    else:
        records = records.filter(staff__isnull=True, collective_name=nomination.collective_name)
    return [
        (
            str(r.year),
            r.award_type.name,
            f"{r.decision_number} ngày {r.decision_date:%d/%m/%Y}" if r.decision_date else r.decision_number,
        )
        for r in records.order_by("year", "id")
    ]


def _entry(nomination) -> package_content.PackageNominee:
    staff = nomination.staff
    details = {}
    if staff:
        details = {
            "date_of_birth": f"{staff.date_of_birth:%d/%m/%Y}" if staff.date_of_birth else "",
            "gender": str(staff.get_gender_display()) if staff.gender else "",
        }
    return package_content.PackageNominee(
        nominee=nominee_of(nomination),
        authority=nomination.award_type.authority,
        history=_history(nomination),
        staff_details=details,
    )


def _director_name() -> str:
    director = (
        get_user_model().objects.filter(groups__name=Role.DIRECTOR, is_active=True).order_by("id").first()
    )
    return director.get_full_name() if director else ""


def _evidence_pdf(attachment, content: bytes) -> bytes:
    caption = f"Minh chứng: {attachment.original_name}"
    if attachment.content_type == "application/pdf":
        try:
            reader = PdfReader(io.BytesIO(content))
            if not reader.is_encrypted and len(reader.pages):
                return content
        except Exception:  # noqa: BLE001  (a damaged PDF gets a notice page instead)
            logger.info("evidence %s is not a readable PDF", attachment.pk, exc_info=True)
    elif attachment.content_type in IMAGE_TYPES:
        return package_render.image_pdf(content, caption)
    return package_render.notice_pdf(
        [caption, "Tệp này có trong thư mục minh chứng của gói hồ sơ; không chuyển được sang PDF."]
    )


class _MergedPdf:
    def __init__(self):
        self.writer = PdfWriter()
        self.parts: list[dict] = []

    def add(self, title: str, content: bytes, *, parent=None):
        start = len(self.writer.pages)
        reader = PdfReader(io.BytesIO(content))
        for page in reader.pages:
            self.writer.add_page(page)
        self.parts.append({"title": title, "pages": len(reader.pages)})
        return self.writer.add_outline_item(title=title, page_number=start, parent=parent)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.writer.write(buffer)
        return buffer.getvalue()


def build_package(nominations, *, by, day: datetime.date | None = None) -> bytes:
    """The .zip for ``nominations`` (dossiers forwarded to the higher authority)."""
    day = day or timezone.localdate()
    nominations = sorted(nominations, key=lambda n: (n.nominee_kind != "collective", n.unit.name, n.pk))
    entries = [_entry(n) for n in nominations]
    files: list[tuple[str, bytes]] = []
    merged = _MergedPdf()

    submission = package_content.submission(entries, day=day, director_name=_director_name())
    listing = package_content.nominee_list(entries, day=day)
    files.append(("01-to-trinh.docx", package_render.to_docx(submission)))
    files.append(("02-danh-sach.docx", package_render.to_docx(listing)))
    files.append(
        (
            "02-danh-sach.xlsx",
            build_summary_xlsx(
                title="DANH SÁCH TRÍCH NGANG TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG",
                subtitle="Kèm theo Tờ trình của Sở Y tế",
                nominees=[e.nominee for e in entries],
            ),
        )
    )
    merged.add("Tờ trình", package_render.to_pdf(submission, "Tờ trình"))
    merged.add("Danh sách", package_render.to_pdf(listing, "Danh sách"))

    for nomination, entry in zip(nominations, entries, strict=True):
        report = package_content.achievement_report(entry, day=day)
        name = f"{nomination.code}-{_safe(entry.nominee.name)}"
        files.append((f"03-bao-cao-thanh-tich/{name}.docx", package_render.to_docx(report)))
        mark = merged.add(f"{entry.nominee.name} ({nomination.code})", package_render.to_pdf(report, name))
        for index, attachment in enumerate(nomination.attachments.order_by("id"), 1):
            with attachment.file.open("rb") as handle:
                content = handle.read()
            files.append(
                (
                    f"05-minh-chung/{nomination.code}/{index:02d}-{_safe(attachment.original_name, 80)}",
                    content,
                )
            )
            merged.add(attachment.original_name, _evidence_pdf(attachment, content), parent=mark)

    sessions = CouncilSession.objects.filter(ballots__nomination__in=nominations).distinct().order_by("id")
    for session in sessions:
        files.append(
            (f"04-bien-ban-hoi-dong/bien-ban-hop-{session.pk}.docx", minutes_docx.meeting_minutes(session))
        )
        files.append(
            (
                f"04-bien-ban-hoi-dong/bien-ban-kiem-phieu-{session.pk}.docx",
                minutes_docx.count_minutes(session),
            )
        )

    files.append(("06-ho-so.pdf", merged.bytes()))
    manifest = {
        "created_at": timezone.now().isoformat(),
        "created_by": by.get_username(),
        "dossiers": [n.code for n in nominations],
        "files": [
            {"path": path, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            for path, content in files
        ],
        "merged_pdf_parts": merged.parts,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files:
            archive.writestr(path, content)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
