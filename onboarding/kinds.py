"""What each kind of master data looks like in a sheet and how one row becomes field values.

A kind declares its columns (Vietnamese headers), the model it fills, the key that makes a
second import update instead of duplicate, and ``parse``: one row's cells to the model's
field values (by attname) or the reasons it is refused. Look-ups are loaded once per import
(``Lookups``), never per row.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.text import fold
from eligibility.models import PerformanceRating
from eligibility.scales import Rating
from nominations.models import (
    AwardRecord,
    AwardType,
    Collective,
    DisciplineLevel,
    DisciplineRecord,
    Gender,
    NomineeKind,
    Staff,
    Unit,
    UnitKind,
)

from .parsing import parse_choice, parse_date, parse_email, parse_year, spellings
from .sheets import Column

UNIT_KINDS = spellings(
    UnitKind,
    {
        UnitKind.DEPARTMENT: ["Sở Y tế", "Sở"],
        UnitKind.OFFICE: ["Phòng chức năng", "Phòng", "Văn phòng", "Phòng thuộc Sở"],
        UnitKind.ATTACHED: ["Đơn vị trực thuộc", "Trực thuộc", "Bệnh viện", "Trung tâm"],
        UnitKind.PRIVATE: ["Ngoài công lập", "Tư nhân", "Cơ sở y tế ngoài công lập"],
        UnitKind.UNION: ["Công đoàn", "Công đoàn ngành"],
    },
)
GENDERS = spellings(Gender, {Gender.MALE: ["Nam", "M"], Gender.FEMALE: ["Nữ", "Nu", "F"]})
RATINGS = spellings(
    Rating,
    {
        Rating.EXCELLENT: ["HTXSNV", "Hoàn thành xuất sắc nhiệm vụ", "Xuất sắc"],
        Rating.GOOD: ["HTTNV", "Hoàn thành tốt nhiệm vụ", "Tốt"],
        Rating.COMPLETED: ["HTNV", "Hoàn thành nhiệm vụ", "Hoàn thành"],
        Rating.NOT_COMPLETED: ["KHTNV", "Không hoàn thành nhiệm vụ", "Không hoàn thành"],
    },
)
DISCIPLINE_LEVELS = spellings(
    DisciplineLevel,
    {
        DisciplineLevel.REPRIMAND: ["Khiển trách"],
        DisciplineLevel.WARNING: ["Cảnh cáo"],
        DisciplineLevel.SALARY_DOWNGRADE: ["Hạ bậc lương"],
        DisciplineLevel.DEMOTION: ["Giáng chức"],
        DisciplineLevel.DISMISSAL_FROM_POST: ["Cách chức"],
        DisciplineLevel.FORCED_RESIGNATION: ["Buộc thôi việc"],
    },
)


class NewUnit(str):
    """The parent of a unit that this same file creates: resolved to its id when written."""


@dataclass
class Parsed:
    values: dict
    problems: list[str] = field(default_factory=list)


class Lookups:
    """Everything the rows refer to, loaded once: units, collectives, staff, award types."""

    def __init__(self, scope_unit=None):
        self.scope_unit = scope_unit
        self.units = {
            code.lower(): (pk, dissolved_on)
            for pk, code, dissolved_on in Unit.objects.values_list("pk", "code", "dissolved_on")
        }
        self.collectives = {
            (unit_id, code.lower()): (pk, name)
            for pk, unit_id, code, name in Collective.objects.values_list("pk", "unit_id", "code", "name")
        }
        self.staff = {
            code.lower(): (pk, unit_id)
            for pk, code, unit_id in Staff.objects.values_list("pk", "staff_code", "unit_id").iterator(
                chunk_size=5000
            )
        }
        self.awards = {
            code.lower(): (pk, applies_to)
            for pk, code, applies_to in AwardType.objects.values_list("pk", "code", "applies_to")
        }

    def unit(self, code: str, problems: list, *, required=True, historical=False):
        """The id of the unit ``code``; ``historical``: a dissolved unit is accepted (its past
        awards), otherwise refused (staff and departments belong to living units)."""
        if not code:
            if required:
                problems.append(_("the unit code is missing"))
            return None
        found = self.units.get(code.lower())
        if found is None:
            problems.append(_("unknown unit code “%(code)s”") % {"code": code})
            return None
        if self.scope_unit is not None and found[0] != self.scope_unit.pk:
            problems.append(_("unit %(code)s is not your unit") % {"code": code})
            return None
        if found[1] is not None and not historical:
            problems.append(
                _("unit %(code)s was dissolved or merged on %(date)s")
                % {"code": code, "date": found[1].strftime("%d/%m/%Y")}
            )
            return None
        return found[0]

    def staff_member(self, code: str, problems: list):
        if not code:
            problems.append(_("the staff code is missing"))
            return None, None
        found = self.staff.get(code.lower())
        if found is None:
            problems.append(_("unknown staff code “%(code)s”") % {"code": code})
            return None, None
        if self.scope_unit is not None and found[1] != self.scope_unit.pk:
            problems.append(_("staff %(code)s does not belong to your unit") % {"code": code})
            return None, None
        return found


def _try(problems: list, parse, *args):
    try:
        return parse(*args)
    except ValueError as exc:
        problems.append(str(exc))
        return None


def _bounded(problems: list, text: str, label: str, limit: int) -> str:
    if len(text) > limit:
        problems.append(_("%(label)s is longer than %(limit)s characters") % {"label": label, "limit": limit})
    return text[:limit]


class Kind:
    name: str
    label = ""
    model = None
    columns: list[Column] = []
    # Whether a unit's own officer may import this kind for their unit.
    unit_may_import = False
    notes: list = []

    def key(self, values: dict):
        raise NotImplementedError

    def describe(self, values: dict) -> str:
        """A short label of the record for the report (a code, a name)."""
        raise NotImplementedError

    def parse(self, cells: dict, lookups: Lookups) -> Parsed:
        raise NotImplementedError

    def existing(self, lookups: Lookups):
        """The records already stored, as dicts of every concrete field (by attname)."""
        queryset = self.model.objects.all()
        if lookups.scope_unit is not None:
            queryset = queryset.filter(self.scope_filter(lookups.scope_unit))
        names = [f.attname for f in self.model._meta.concrete_fields]
        return queryset.values(*names).iterator(chunk_size=5000)

    def scope_filter(self, unit) -> Q:
        return Q(unit=unit)


class UnitKindSpec(Kind):
    name = "units"
    label = gettext_lazy("Units")
    model = Unit
    columns = [
        Column("code", "Mã đơn vị", True, 14, "bvdkkv-a"),
        Column("name", "Tên đơn vị", True, 40, "Bệnh viện Đa khoa khu vực A"),
        Column("short_name", "Tên viết tắt", False, 16, "BVĐKKV A"),
        Column("kind", "Loại đơn vị", True, 22, "Đơn vị trực thuộc"),
        Column("parent", "Mã đơn vị cấp trên", False, 16, "syt"),
        Column("address", "Địa chỉ", False, 30, ""),
        Column("email", "Email", False, 24, "bvdkkva@example.vn"),
    ]
    notes = [
        "Loại đơn vị: Sở Y tế; Phòng chức năng; Đơn vị trực thuộc; Ngoài công lập; Công đoàn ngành.",
        "Mã đơn vị cấp trên: mã một đơn vị đã có hoặc có trong cùng tệp.",
    ]

    def key(self, values):
        return values["code"].lower()

    def describe(self, values):
        return values["code"]

    def scope_filter(self, unit):
        return Q(pk=unit.pk)

    def parse(self, cells, lookups):
        problems: list[str] = []
        code = cells["code"]
        if not code:
            problems.append(_("the unit code is missing"))
        elif not all(c.isascii() and (c.isalnum() or c in "-_") for c in code) or len(code) > 30:
            problems.append(
                _(
                    "the unit code “%(code)s” may hold only letters without accents, digits, - and _ (30 at most)"
                )
                % {"code": code}
            )
        if not cells["name"]:
            problems.append(_("the unit name is missing"))
        kind = (
            _try(problems, parse_choice, cells["kind"], gettext_lazy("Unit kind"), UNIT_KINDS)
            if cells["kind"]
            else None
        )
        if not cells["kind"]:
            problems.append(_("the unit kind is missing"))
        parent_id = None
        if cells["parent"]:
            if cells["parent"].lower() == code.lower():
                problems.append(_("a unit cannot be its own parent"))
            elif cells["parent"].lower() in lookups.units:
                parent_id = lookups.units[cells["parent"].lower()][0]
            else:
                # Perhaps created by another row of this file: checked once every row is read.
                parent_id = NewUnit(cells["parent"].lower())
        email = _try(problems, parse_email, cells["email"]) if cells["email"] else ""
        values = {
            "code": code.lower(),
            "name": _bounded(problems, cells["name"], gettext_lazy("The name"), 255),
            "short_name": _bounded(problems, cells["short_name"], gettext_lazy("The short name"), 100),
            "kind": kind,
            "parent_id": parent_id,
            "address": _bounded(problems, cells["address"], gettext_lazy("The address"), 255),
            "email": email or "",
        }
        return Parsed(values, problems)


class CollectiveKind(Kind):
    name = "collectives"
    label = gettext_lazy("Collectives (departments of a unit)")
    model = Collective
    unit_may_import = True
    columns = [
        Column("unit", "Mã đơn vị", True, 14, "bvdkkv-a"),
        Column("code", "Mã tập thể", True, 14, "khoa-noi"),
        Column("name", "Tên tập thể", True, 40, "Khoa Nội tổng hợp"),
    ]
    notes = ["Tập thể là khoa, phòng, tổ của một đơn vị; mã tập thể là duy nhất trong đơn vị."]

    def key(self, values):
        return (values["unit_id"], values["code"].lower())

    def describe(self, values):
        return values["code"]

    def parse(self, cells, lookups):
        problems: list[str] = []
        unit_id = lookups.unit(cells["unit"], problems)
        code = cells["code"]
        if not code:
            problems.append(_("the collective code is missing"))
        elif not all(c.isascii() and (c.isalnum() or c in "-_") for c in code) or len(code) > 30:
            problems.append(
                _(
                    "the collective code “%(code)s” may hold only letters without accents, digits, - and _ (30 at most)"
                )
                % {"code": code}
            )
        if not cells["name"]:
            problems.append(_("the collective name is missing"))
        values = {
            "unit_id": unit_id,
            "code": code.lower(),
            "name": _bounded(problems, cells["name"], gettext_lazy("The name"), 255),
        }
        return Parsed(values, problems)


class StaffKind(Kind):
    name = "staff"
    label = gettext_lazy("Staff")
    model = Staff
    unit_may_import = True
    columns = [
        Column("code", "Mã nhân viên", True, 14, "NV-000001"),
        Column("name", "Họ và tên", True, 28, "Nguyễn Văn An"),
        Column("gender", "Giới tính", True, 10, "Nam"),
        Column("birth", "Ngày sinh", False, 12, "17/05/1985"),
        Column("position", "Chức vụ", False, 22, "Trưởng khoa"),
        Column("title", "Chức danh nghề nghiệp", False, 24, "Bác sĩ chuyên khoa I"),
        Column("unit", "Mã đơn vị", True, 14, "bvdkkv-a"),
        Column("collective", "Mã tập thể", False, 14, "khoa-noi"),
        Column("email", "Email", False, 26, "an.nv@example.vn"),
    ]
    notes = [
        "Giới tính: Nam hoặc Nữ. Ngày sinh: dd/mm/yyyy. Mã tập thể: khoa, phòng của đơn vị (đã nhập trước)."
    ]

    def key(self, values):
        return values["staff_code"].lower()

    def describe(self, values):
        return values["staff_code"]

    def parse(self, cells, lookups):
        problems: list[str] = []
        code = cells["code"]
        if not code:
            problems.append(_("the staff code is missing"))
        elif len(code) > 30:
            problems.append(_("the staff code is longer than 30 characters"))
        if not cells["name"]:
            problems.append(_("the full name is missing"))
        gender = (
            _try(problems, parse_choice, cells["gender"], gettext_lazy("Gender"), GENDERS)
            if cells["gender"]
            else None
        )
        if not cells["gender"]:
            problems.append(_("the gender is missing"))
        birth = (
            _try(problems, parse_date, cells["birth"], gettext_lazy("Date of birth"))
            if cells["birth"]
            else None
        )
        unit_id = lookups.unit(cells["unit"], problems)
        collective_id = None
        if cells["collective"] and unit_id is not None:
            found = lookups.collectives.get((unit_id, cells["collective"].lower()))
            if found is None:
                problems.append(
                    _("unit %(unit)s has no collective “%(code)s”")
                    % {"unit": cells["unit"], "code": cells["collective"]}
                )
            else:
                collective_id = found[0]
        email = _try(problems, parse_email, cells["email"]) if cells["email"] else ""
        name = _bounded(problems, cells["name"], gettext_lazy("The full name"), 150)
        values = {
            "staff_code": code[:30],
            "full_name": name,
            "gender": gender,
            "date_of_birth": birth,
            "position": _bounded(problems, cells["position"], gettext_lazy("The position"), 150),
            "professional_title": _bounded(problems, cells["title"], gettext_lazy("The title"), 150),
            "unit_id": unit_id,
            "collective_id": collective_id,
            "email": email or "",
            "search_key": fold(f"{name} {code}"),
        }
        return Parsed(values, problems)


class AwardHistoryKind(Kind):
    name = "awards"
    label = gettext_lazy("Award history")
    model = AwardRecord
    unit_may_import = True
    columns = [
        Column("staff", "Mã nhân viên", False, 14, "NV-000001"),
        Column("unit", "Mã đơn vị", False, 14, ""),
        Column("collective", "Mã tập thể", False, 14, ""),
        Column("collective_name", "Tên tập thể", False, 30, ""),
        Column("award", "Mã hình thức khen thưởng", False, 20, "ldtt"),
        Column("award_name", "Tên hình thức khen thưởng (ngoài danh mục)", False, 36, ""),
        Column("decision_number", "Số quyết định", False, 18, "125/QĐ-SYT"),
        Column("decision_date", "Ngày quyết định", False, 14, "20/12/2023"),
        Column("issuing_body", "Cơ quan ban hành", False, 24, "Sở Y tế"),
        Column("year", "Năm", True, 8, "2023"),
        Column("period_start", "Thành tích từ năm", False, 10, ""),
        Column("period_end", "Thành tích đến năm", False, 10, ""),
        Column("achievement", "Nội dung thành tích", False, 40, ""),
    ]
    notes = [
        "Cá nhân: ghi Mã nhân viên. Tập thể: ghi Mã đơn vị và Mã tập thể (khoa, phòng) hoặc Tên tập thể.",
        "Khen thưởng trong danh mục: ghi Mã hình thức khen thưởng. Của cơ quan khác, ngoài danh mục: ghi tên.",
        "Nhập lại cùng một dòng (cùng người, hình thức, năm, số quyết định) sẽ cập nhật, không nhân đôi.",
    ]

    def key(self, values):
        recipient = (
            ("s", values["staff_id"])
            if values["staff_id"]
            else ("c", values["unit_id"], fold(values["collective_name"]))
        )
        award = values["award_type_id"] or fold(values["award_name"])
        return (recipient, award, values["year"], fold(values["decision_number"]))

    def describe(self, values):
        return f"{values['year']} {values['decision_number']}".strip()

    def parse(self, cells, lookups):
        problems: list[str] = []
        staff_id = collective_id = None
        collective_name = ""
        if cells["staff"]:
            staff_id, unit_id = lookups.staff_member(cells["staff"], problems)
            if (
                cells["unit"]
                and unit_id is not None
                and lookups.units.get(cells["unit"].lower(), (None,))[0] != unit_id
            ):
                problems.append(
                    _("staff %(code)s does not belong to unit %(unit)s")
                    % {"code": cells["staff"], "unit": cells["unit"]}
                )
            kind = NomineeKind.INDIVIDUAL
        else:
            kind = NomineeKind.COLLECTIVE
            unit_id = lookups.unit(cells["unit"], problems, historical=True)
            if not cells["unit"]:
                problems[-1] = _("give a staff code (individual) or a unit code (collective)")
            if cells["collective"] and unit_id is not None:
                found = lookups.collectives.get((unit_id, cells["collective"].lower()))
                if found is None:
                    problems.append(
                        _("unit %(unit)s has no collective “%(code)s”")
                        % {"unit": cells["unit"], "code": cells["collective"]}
                    )
                else:
                    collective_id, collective_name = found
            elif cells["collective_name"]:
                collective_name = _bounded(
                    problems, cells["collective_name"], gettext_lazy("The collective name"), 255
                )
            elif unit_id is not None:
                problems.append(_("give the collective code or the collective name"))
        award_id = None
        if cells["award"]:
            found = lookups.awards.get(cells["award"].lower())
            if found is None:
                problems.append(_("unknown award code “%(code)s”") % {"code": cells["award"]})
            elif found[1] != kind:
                problems.append(
                    _("award “%(code)s” is not given to this kind of recipient (%(kind)s)")
                    % {"code": cells["award"], "kind": NomineeKind(kind).label}
                )
            else:
                award_id = found[0]
        elif not cells["award_name"]:
            problems.append(_("give the award code or, for an award outside the catalogue, its name"))
        year = _try(problems, parse_year, cells["year"], gettext_lazy("The year")) if cells["year"] else None
        if not cells["year"]:
            problems.append(_("the year is missing"))
        start = (
            _try(problems, parse_year, cells["period_start"], gettext_lazy("The period start"))
            if cells["period_start"]
            else None
        )
        end = (
            _try(problems, parse_year, cells["period_end"], gettext_lazy("The period end"))
            if cells["period_end"]
            else None
        )
        if start and end and start > end:
            problems.append(_("the achievement period ends before it starts"))
        decision_date = (
            _try(problems, parse_date, cells["decision_date"], gettext_lazy("The decision date"))
            if cells["decision_date"]
            else None
        )
        values = {
            "staff_id": staff_id,
            "unit_id": unit_id,
            "collective_id": collective_id,
            "collective_name": collective_name,
            "award_type_id": award_id,
            "award_name": _bounded(problems, cells["award_name"], gettext_lazy("The award name"), 255),
            "year": year,
            "decision_number": _bounded(
                problems, cells["decision_number"], gettext_lazy("The decision number"), 50
            ),
            "decision_date": decision_date,
            "issuing_body": _bounded(problems, cells["issuing_body"], gettext_lazy("The issuing body"), 255),
            "period_start_year": start,
            "period_end_year": end,
            "achievement": cells["achievement"],
        }
        return Parsed(values, problems)


class RatingKind(Kind):
    name = "ratings"
    label = gettext_lazy("Yearly ratings")
    model = PerformanceRating
    unit_may_import = True
    columns = [
        Column("staff", "Mã nhân viên", True, 14, "NV-000001"),
        Column("year", "Năm", True, 8, "2023"),
        Column("rating", "Mức độ hoàn thành nhiệm vụ", True, 32, "Hoàn thành tốt nhiệm vụ"),
    ]
    notes = [
        "Mức độ: Hoàn thành xuất sắc nhiệm vụ (HTXSNV); Hoàn thành tốt nhiệm vụ (HTTNV); Hoàn thành nhiệm vụ (HTNV); Không hoàn thành nhiệm vụ (KHTNV)."
    ]

    def key(self, values):
        return (values["staff_id"], values["year"])

    def describe(self, values):
        return str(values["year"])

    def scope_filter(self, unit):
        return Q(staff__unit=unit)

    def parse(self, cells, lookups):
        problems: list[str] = []
        staff_id, _unit = lookups.staff_member(cells["staff"], problems)
        year = _try(problems, parse_year, cells["year"], gettext_lazy("The year")) if cells["year"] else None
        if not cells["year"]:
            problems.append(_("the year is missing"))
        rating = (
            _try(problems, parse_choice, cells["rating"], gettext_lazy("The rating"), RATINGS)
            if cells["rating"]
            else None
        )
        if not cells["rating"]:
            problems.append(_("the rating is missing"))
        return Parsed({"staff_id": staff_id, "year": year, "rating": rating}, problems)


class DisciplineKind(Kind):
    name = "discipline"
    label = gettext_lazy("Discipline records")
    model = DisciplineRecord
    columns = [
        Column("staff", "Mã nhân viên", True, 14, "NV-000001"),
        Column("level", "Hình thức kỷ luật", True, 18, "Khiển trách"),
        Column("decision_number", "Số quyết định", True, 18, "12/QĐ-BV"),
        Column("decision_date", "Ngày quyết định", True, 14, "01/03/2024"),
        Column("issuing_body", "Cơ quan ban hành", False, 24, ""),
        Column("start", "Ngày bắt đầu", False, 14, "01/03/2024"),
        Column("end", "Ngày kết thúc", False, 14, "28/02/2025"),
        Column("reason", "Lý do", False, 40, ""),
    ]
    notes = [
        "Hình thức: Khiển trách; Cảnh cáo; Hạ bậc lương; Giáng chức; Cách chức; Buộc thôi việc.",
        "Ngày bắt đầu: bỏ trống thì lấy ngày quyết định.",
    ]

    def key(self, values):
        return (values["staff_id"], fold(values["decision_number"]))

    def describe(self, values):
        return values["decision_number"]

    def scope_filter(self, unit):
        return Q(staff__unit=unit)

    def parse(self, cells, lookups):
        problems: list[str] = []
        staff_id, _unit = lookups.staff_member(cells["staff"], problems)
        level = (
            _try(
                problems,
                parse_choice,
                cells["level"],
                gettext_lazy("The discipline level"),
                DISCIPLINE_LEVELS,
            )
            if cells["level"]
            else None
        )
        if not cells["level"]:
            problems.append(_("the discipline level is missing"))
        if not cells["decision_number"]:
            problems.append(_("the decision number is missing"))
        decided = (
            _try(problems, parse_date, cells["decision_date"], gettext_lazy("The decision date"))
            if cells["decision_date"]
            else None
        )
        if not cells["decision_date"]:
            problems.append(_("the decision date is missing"))
        start = (
            _try(problems, parse_date, cells["start"], gettext_lazy("The start date"))
            if cells["start"]
            else decided
        )
        end = _try(problems, parse_date, cells["end"], gettext_lazy("The end date")) if cells["end"] else None
        if start and end and end < start:
            problems.append(_("the discipline ends before it starts"))
        values = {
            "staff_id": staff_id,
            "level": level,
            "decision_number": _bounded(
                problems, cells["decision_number"], gettext_lazy("The decision number"), 50
            ),
            "decision_date": decided,
            "issuing_body": _bounded(problems, cells["issuing_body"], gettext_lazy("The issuing body"), 255),
            "start_date": start,
            "end_date": end,
            "reason": cells["reason"],
        }
        return Parsed(values, problems)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        UnitKindSpec(),
        CollectiveKind(),
        StaffKind(),
        AwardHistoryKind(),
        RatingKind(),
        DisciplineKind(),
    )
}
