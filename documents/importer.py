"""Importing a unit's nominee list from Excel: the template, the checks, the all-or-nothing import.

Every row is checked before anything is written; if one row is wrong nothing is created and
each problem is reported with its row number (as Excel shows it). The rows that pass are
created through ``workflows.drafting.create_nomination`` in one transaction.
"""

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.collation import vietnamese
from common.spreadsheets import safe_row
from common.text import fold
from common.uploads import extension_of
from common.workbooks import Limits, WorkbookRefused, iter_rows, quote
from nominations.models import (
    AwardType,
    Campaign,
    Nomination,
    NominationBasis,
    NominationStatus,
    NomineeKind,
    Staff,
)
from workflows import drafting

COLUMNS = [
    ("STT", 6),
    ("Loại (Cá nhân / Tập thể)", 16),
    ("Mã nhân viên (cá nhân)", 16),
    ("Tên tập thể (tập thể)", 32),
    ("Mã hình thức khen thưởng", 26),
    ("Năm", 8),
    ("Căn cứ (Phong trào / Tổng kết năm / Đột xuất)", 22),
    ("Số kế hoạch hoặc mã phong trào", 20),
    ("Tóm tắt thành tích", 60),
]
FIRST_ROW = 2
MAX_ROWS = 1000
# Bounds checked before and while reading: blank rows between nominees are allowed, but no
# more rows are scanned than twice the list's limit, and no cell is longer than a summary.
LIMITS = Limits(max_rows=FIRST_ROW + 2 * MAX_ROWS, max_columns=len(COLUMNS), max_cell_chars=5000)
KINDS = {
    "ca nhan": NomineeKind.INDIVIDUAL,
    "individual": NomineeKind.INDIVIDUAL,
    "tap the": NomineeKind.COLLECTIVE,
    "collective": NomineeKind.COLLECTIVE,
}
BASES = {
    "phong trao": NominationBasis.CAMPAIGN,
    "campaign": NominationBasis.CAMPAIGN,
    "tong ket nam": NominationBasis.ANNUAL,
    "nam": NominationBasis.ANNUAL,
    "annual": NominationBasis.ANNUAL,
    "dot xuat": NominationBasis.AD_HOC,
    "ad hoc": NominationBasis.AD_HOC,
    "ad_hoc": NominationBasis.AD_HOC,
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


@dataclass
class RowError:
    row: int  # 0 for the file as a whole
    message: str


@dataclass
class ImportResult:
    created: list[Nomination] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def unit_staff(unit):
    """The unit's own people, for the template's list of staff codes (Vietnamese order)."""
    if unit is None:
        return Staff.objects.none()
    return Staff.objects.filter(unit=unit, is_active=True).order_by(vietnamese("full_name"))


def build_template(*, awards=None, campaigns=None, staff=(), rounds=()) -> bytes:
    """The blank list to fill in, a sheet of valid codes and open rounds, and a sheet of the
    unit's staff codes and names."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for col, (label, width) in enumerate(COLUMNS, 1):
        ws.cell(row=1, column=col, value=label).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    codes = wb.create_sheet("Danh mục")
    codes.append(["Mã hình thức khen thưởng", "Tên", "Áp dụng cho"])
    for award in awards if awards is not None else AwardType.objects.filter(is_active=True):
        codes.append(
            safe_row(
                [
                    award.code,
                    award.name,
                    "Tập thể" if award.applies_to == NomineeKind.COLLECTIVE else "Cá nhân",
                ]
            )
        )
    codes.append([])
    codes.append(["Mã phong trào", "Số kế hoạch", "Tên phong trào"])
    for campaign in campaigns if campaigns is not None else Campaign.objects.filter(is_open=True):
        codes.append(safe_row([campaign.pk, campaign.plan_number, campaign.name]))
    codes.append([])
    codes.append(["Đợt xét khen thưởng đang mở", "Hạn nộp", "Phong trào hoặc năm"])
    for nomination_round in rounds:
        basis = (
            nomination_round.campaign.name if nomination_round.campaign_id else nomination_round.year or ""
        )
        codes.append(safe_row([nomination_round.name, nomination_round.deadline.strftime("%d/%m/%Y"), basis]))
    people = wb.create_sheet("Nhân viên đơn vị")
    people.append(["Mã nhân viên", "Họ và tên", "Chức vụ"])
    for person in staff:
        people.append(safe_row([person.staff_code, person.full_name, person.position]))
    people.column_dimensions["B"].width = 32
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def check_file(uploaded) -> str | None:
    """Refuse before parsing: wrong type, empty, too large, not a real .xlsx. ``None`` if fine."""
    if extension_of(uploaded.name) != "xlsx":
        return _("Upload the list as an Excel .xlsx file (the template); “%(name)s” is not one.") % {
            "name": uploaded.name
        }
    if uploaded.size == 0:
        return _("The file “%(name)s” is empty.") % {"name": uploaded.name}
    if uploaded.size > max_bytes():
        return _("The file “%(name)s” is %(size)s; the limit is %(limit)s.") % {
            "name": uploaded.name,
            "size": filesizeformat(uploaded.size),
            "limit": filesizeformat(max_bytes()),
        }
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    if head != b"PK\x03\x04":
        return _("The file “%(name)s” is not a real xlsx file.") % {"name": uploaded.name}
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(uploaded) -> list[tuple[int, list[str]]]:
    """The non-empty data rows of the first sheet as ``(excel row number, cells as text)``.
    Raises ``WorkbookRefused`` for a file beyond the limits or that cannot be read."""
    rows = []
    for number, values in iter_rows(uploaded, LIMITS, first_row=FIRST_ROW):
        cells = [_text(v) for v in values]
        cells += [""] * (len(COLUMNS) - len(cells))
        if any(cells[1:]):
            rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            break
    return rows


class _Catalogue:
    """Look-ups for one import, loaded once instead of per row."""

    def __init__(self, unit):
        self.unit = unit
        self.staff = {s.staff_code.lower(): s for s in Staff.objects.select_related("unit")}
        self.awards = {a.code.lower(): a for a in AwardType.objects.all()}
        self.campaigns = {str(c.pk): c for c in Campaign.objects.all()}
        self.campaigns.update({fold(c.plan_number): c for c in Campaign.objects.exclude(plan_number="")})
        self.existing = {
            (n.nominee_kind, n.staff_id or fold(n.collective_name), n.award_type_id, n.year)
            for n in Nomination.objects.filter(unit=unit).exclude(status="rejected")
        }


def _check_row(cells: list[str], cat: _Catalogue) -> tuple[dict, list[str]]:
    """The nomination fields of one row, and the reasons it cannot be imported."""
    _stt, kind_text, staff_code, collective, award_code, year_text, basis_text, campaign_ref, summary = cells
    problems: list[str] = []
    fields: dict = {}
    kind = KINDS.get(fold(kind_text))
    if not kind_text:
        problems.append(_("the nominee kind (Cá nhân / Tập thể) is missing"))
    elif kind is None:
        problems.append(
            _("unknown nominee kind “%(value)s” (write Cá nhân or Tập thể)") % {"value": quote(kind_text)}
        )
    fields["nominee_kind"] = kind
    if kind == NomineeKind.INDIVIDUAL:
        staff = cat.staff.get(staff_code.lower())
        if not staff_code:
            problems.append(_("the staff code is missing"))
        elif staff is None:
            problems.append(_("unknown staff code “%(code)s”") % {"code": quote(staff_code)})
        elif staff.unit_id != cat.unit.pk:
            problems.append(_("staff %(code)s does not belong to your unit") % {"code": quote(staff_code)})
        fields.update(staff=staff, collective_name="")
    elif kind == NomineeKind.COLLECTIVE:
        if not collective:
            problems.append(_("the collective's name is missing"))
        fields.update(staff=None, collective_name=collective)
    award = cat.awards.get(award_code.lower())
    if not award_code:
        problems.append(_("the award code is missing"))
    elif award is None or not award.is_active:
        problems.append(_("unknown award code “%(code)s”") % {"code": quote(award_code)})
    elif kind and award.applies_to != kind:
        problems.append(
            _("“%(award)s” is not awarded to this kind of nominee (%(kind)s)")
            % {"award": award.name, "kind": NomineeKind(kind).label}
        )
    fields["award_type"] = award
    year = None
    if not year_text:
        problems.append(_("the year is missing"))
    elif not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        problems.append(
            _("the year “%(value)s” is not a year between 2000 and 2100") % {"value": quote(year_text)}
        )
    else:
        year = int(year_text)
    fields["year"] = year
    basis = BASES.get(fold(basis_text)) if basis_text else NominationBasis.ANNUAL
    campaign = None
    if basis is None:
        problems.append(_("unknown basis “%(value)s”") % {"value": quote(basis_text)})
    elif basis == NominationBasis.CAMPAIGN:
        campaign = cat.campaigns.get(fold(campaign_ref)) if campaign_ref else None
        if not campaign_ref:
            problems.append(_("the campaign is missing for a campaign nomination"))
        elif campaign is None:
            problems.append(_("unknown campaign “%(value)s”") % {"value": quote(campaign_ref)})
    fields.update(basis=basis, campaign=campaign)
    if not summary:
        problems.append(_("the achievement summary is missing"))
    fields["achievement_summary"] = summary
    if not problems:
        # What the row says is readable: now the one check of every new dossier.
        try:
            drafting.validate_new_dossier(
                Nomination(unit=cat.unit, status=NominationStatus.DRAFT, **fields), exclude=("created_by",)
            )
        except ValidationError as exc:
            problems.extend(m for messages in exc.message_dict.values() for m in messages)
    return fields, problems


def _identity(fields: dict):
    nominee = fields["staff"].pk if fields.get("staff") else fold(fields.get("collective_name", ""))
    award = fields["award_type"].pk if fields.get("award_type") else None
    return (fields.get("nominee_kind"), nominee, award, fields.get("year"))


def import_nominations(uploaded, *, unit, author) -> ImportResult:
    """Check the whole file, then create every dossier or none."""
    result = ImportResult()
    refusal = check_file(uploaded)
    if refusal:
        result.errors.append(RowError(0, refusal))
        return result
    try:
        rows = read_rows(uploaded)
    except WorkbookRefused as refused:
        result.errors.append(
            RowError(0, _("“%(name)s”: %(reason)s") % {"name": quote(uploaded.name), "reason": refused})
        )
        return result
    if not rows:
        result.errors.append(
            RowError(0, _("The file “%(name)s” has no nominee rows.") % {"name": uploaded.name})
        )
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append(RowError(0, _("A list may hold at most %(count)s rows.") % {"count": MAX_ROWS}))
        return result
    catalogue = _Catalogue(unit)
    seen: dict = {}
    checked = []
    for number, cells in rows:
        fields, problems = _check_row(cells, catalogue)
        if not problems:
            key = _identity(fields)
            if key in seen:
                problems.append(_("duplicate of row %(row)s in this file") % {"row": seen[key]})
            elif key in catalogue.existing:
                problems.append(_("your unit already has a dossier for this nominee, award and year"))
            seen.setdefault(key, number)
        result.errors += [RowError(number, p) for p in problems]
        checked.append((number, fields))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for number, fields in checked:
                try:
                    result.created.append(drafting.create_nomination(author=author, unit=unit, **fields))
                except ValidationError as exc:
                    result.errors += [RowError(number, m) for m in exc.messages]
                    raise
    except ValidationError:
        result.created = []
    return result
