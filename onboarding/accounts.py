"""Accounts in bulk: one row per person (user name, name, email, unit, role, or just a staff
code and a role: the staff record gives the rest). Each new account has no usable password
and receives an invitation mail with a one-time link to choose one (``accounts.mails``).

Keyed by user name: a row whose account already exists with the same email is left as it is
(no second invitation); checked first, written all or nothing."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.tasks import send_set_password_mail
from audit.models import EventType
from audit.services import record_event
from common.text import fold
from nominations.models import Staff, Unit
from permissions.roles import Role

from .parsing import parse_choice, parse_email, spellings
from .sheets import Column, SheetError, read_sheet

COLUMNS = [
    Column("username", "Tên đăng nhập", False, 18, "bvdkkv-a.canbo"),
    Column("name", "Họ và tên", False, 26, "Nguyễn Thị Lan"),
    Column("email", "Email", False, 28, "lan.nt@example.vn"),
    Column("unit", "Mã đơn vị", False, 14, "bvdkkv-a"),
    Column("role", "Vai trò", True, 26, "Cán bộ phụ trách TĐKT"),
    Column("staff", "Mã nhân viên", False, 14, ""),
    Column("position", "Chức vụ", False, 22, "Chuyên viên"),
]
NOTES = [
    "Vai trò: Cán bộ phụ trách TĐKT; Thủ trưởng đơn vị; Chuyên viên Văn phòng Sở; Chánh Văn phòng Sở; "
    "Công đoàn ngành; Thành viên Hội đồng; Giám đốc; Phó Giám đốc; Thanh tra; Quản trị hệ thống.",
    "Chỉ ghi Mã nhân viên và Vai trò: họ tên, email, đơn vị lấy từ hồ sơ nhân sự.",
    "Bỏ trống Tên đăng nhập: cán bộ TĐKT thành <mã đơn vị>.canbo, thủ trưởng thành <mã đơn vị>.truong.",
    "Mỗi tài khoản mới nhận thư mời có đường dẫn dùng một lần để tự đặt mật khẩu.",
]
ROLES = spellings(
    Role,
    {
        Role.UNIT_OFFICER: [
            "Cán bộ TĐKT",
            "Cán bộ phụ trách TĐKT",
            "Cán bộ phụ trách thi đua khen thưởng",
            "canbo",
        ],
        Role.UNIT_HEAD: ["Thủ trưởng", "Thủ trưởng đơn vị", "truong"],
        Role.OFFICE_REVIEWER: ["Chuyên viên Văn phòng Sở", "Chuyên viên Văn phòng", "Văn phòng"],
        Role.OFFICE_HEAD: ["Chánh Văn phòng Sở", "Chánh Văn phòng"],
        Role.TRADE_UNION: ["Công đoàn ngành", "Công đoàn ngành Y tế", "Công đoàn"],
        Role.COUNCIL_MEMBER: ["Thành viên Hội đồng", "Hội đồng Thi đua - Khen thưởng"],
        Role.DIRECTOR: ["Giám đốc", "Giám đốc Sở"],
        Role.DEPUTY_DIRECTOR: ["Phó Giám đốc", "Phó Giám đốc Sở"],
        Role.INSPECTOR: ["Thanh tra"],
        Role.ADMINISTRATOR: ["Quản trị", "Quản trị hệ thống"],
    },
)
# The user name an officer or a head gets when the sheet leaves it empty (as in the demo).
DEFAULT_SUFFIX = {Role.UNIT_OFFICER: "canbo", Role.UNIT_HEAD: "truong"}
UNIT_ROLES = frozenset(DEFAULT_SUFFIX)


@dataclass
class AccountRow:
    row: int
    action: str = "refuse"  # "create", "unchanged" or "refuse"
    username: str = ""
    messages: list[str] = field(default_factory=list)
    values: dict | None = None


@dataclass
class AccountPlan:
    rows: list[AccountRow] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and all(r.action != "refuse" for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _check(cells: dict, units: dict, staff: dict, problems: list) -> dict:
    role = None
    try:
        role = parse_choice(cells["role"], _("The role"), ROLES) if cells["role"] else None
    except ValueError as exc:
        problems.append(str(exc))
    if not cells["role"]:
        problems.append(_("the role is missing"))
    person = None
    if cells["staff"]:
        person = staff.get(cells["staff"].lower())
        if person is None:
            problems.append(_("unknown staff code “%(code)s”") % {"code": cells["staff"]})
    unit_code = cells["unit"] or (person.unit.code if person else "")
    unit = units.get(unit_code.lower()) if unit_code else None
    if unit_code and unit is None:
        problems.append(_("unknown unit code “%(code)s”") % {"code": unit_code})
    if role in UNIT_ROLES and not unit_code:
        problems.append(_("a unit's officer or head needs the unit code"))
    name = cells["name"] or (person.full_name if person else "")
    if not name:
        problems.append(_("the full name is missing"))
    email = cells["email"] or (person.email if person else "")
    if not email:
        problems.append(_("the email address is missing: the invitation is sent to it"))
    else:
        try:
            email = parse_email(email)
        except ValueError as exc:
            problems.append(str(exc))
    username = cells["username"].lower()
    if not username and role in DEFAULT_SUFFIX and unit is not None:
        username = f"{unit.code}.{DEFAULT_SUFFIX[role]}"
    if not username and person is not None:
        username = person.staff_code.lower()
    if not username:
        problems.append(_("the user name is missing"))
    else:
        try:
            get_user_model().username_validator(username)
        except ValidationError:
            problems.append(
                _("the user name “%(name)s” may hold only letters, digits and @ . + - _") % {"name": username}
            )
    return {
        "username": username[:150],
        "full_name": name[:150],
        "email": email,
        "unit": unit,
        "role": role,
        "position": cells["position"][:150] or (person.position if person else ""),
    }


def plan_accounts(name: str, data: bytes) -> AccountPlan:
    plan = AccountPlan()
    try:
        sheet = read_sheet(name, data, COLUMNS)
    except SheetError as exc:
        plan.file_error = str(exc)
        return plan
    users = get_user_model().objects
    units = {u.code.lower(): u for u in Unit.objects.all()}
    staff = {s.staff_code.lower(): s for s in Staff.objects.select_related("unit").filter(is_active=True)}
    existing = {u.username.lower(): u for u in users.all()}
    emails = {e.lower(): u for u, e in users.exclude(email="").values_list("username", "email")}
    refused_cells: dict[int, list] = {}
    for number, message in sheet.problems:
        refused_cells.setdefault(number, []).append(message)
    seen_names: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for number, cells in sheet.rows:
        problems = list(refused_cells.get(number, []))
        values = _check(cells, units, staff, problems)
        entry = AccountRow(number, username=values["username"], messages=problems)
        plan.rows.append(entry)
        if problems:
            continue
        username, email = values["username"], values["email"]
        if username in seen_names:
            problems.append(_("same user name as row %(row)s of this file") % {"row": seen_names[username]})
        elif fold(email) in seen_emails:
            problems.append(_("same email as row %(row)s of this file") % {"row": seen_emails[fold(email)]})
        seen_names.setdefault(username, number)
        seen_emails.setdefault(fold(email), number)
        if problems:
            continue
        account = existing.get(username)
        if account is not None:
            if (account.email or "").lower() == email:
                entry.action = "unchanged"
            else:
                problems.append(
                    _("the account %(name)s already exists with another email") % {"name": username}
                )
            continue
        if email in emails:
            problems.append(_("the email is already used by the account %(name)s") % {"name": emails[email]})
            continue
        entry.action = "create"
        entry.values = values
    return plan


def invite(user, *, actor) -> None:
    """Queue the invitation mail (after commit) and record it in the audit trail."""
    user_id = user.pk
    transaction.on_commit(lambda: send_set_password_mail.delay(user_id, True))
    record_event(EventType.ACCOUNT_INVITED, actor=actor, target=user, detail={"email": user.email})


@transaction.atomic
def create_accounts(plan: AccountPlan, *, actor) -> list:
    """Create every new account of an acceptable plan, each with its role and an invitation."""
    if not plan.ok:
        raise ValueError("A plan with refused rows cannot be applied.")
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    created = []
    for entry in plan.rows:
        if entry.action != "create":
            continue
        values = dict(entry.values)
        role = values.pop("role")
        user = get_user_model()(**values)
        user.set_unusable_password()
        user._history_user = actor
        user.save()
        user.groups.add(groups[role])
        invite(user, actor=actor)
        created.append(user)
    return created


def awaiting_first_password():
    """Accounts invited that never chose a password (for resending the invitation)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, last_login__isnull=True, password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
        .select_related("unit")
        .order_by("username")
    )
