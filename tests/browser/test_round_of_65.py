"""The Hà Giang case in a few clicks: five units import 65 nominees (10 collectives, 55
individuals), send them to their heads, and the Department takes them through review, the
union, the director and one decision, everyone acting on the whole round at once.

Every page load and every click of each role is counted (typing into a field is not a click;
confirming a dialog is) and held to the issue's limits: unit officer ≤ 12 per unit, office
≤ 20, director ≤ 8."""

import io

import pytest
from openpyxl import Workbook

from documents import importer
from nominations.models import Nomination
from tests.factories import AwardTypeFactory, StaffFactory, UnitFactory, UserFactory
from workflows.models import AwardDecision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNITS = [
    ("bvtn", "Bệnh viện Đa khoa Thống Nhất", "BVĐK Thống Nhất"),
    ("bvdq", "Bệnh viện Đa khoa khu vực Định Quán", "BVĐK Định Quán"),
    ("bvyd", "Bệnh viện Y dược cổ truyền", "BV YDCT"),
    ("ttvc", "Trung tâm Y tế khu vực Vĩnh Cửu", "TTYT Vĩnh Cửu"),
    ("cdc", "Trung tâm Kiểm soát bệnh tật", "CDC"),
]
LIMITS = {"officer": 12, "office": 20, "director": 8}


class Counted:
    """Counts what a person does in the tab: page loads, clicks (dialogs included), typing."""

    def __init__(self, web):
        self.web, self.page = web, web.page
        self.loads = self.clicks = self.fields = 0
        self.page.on("load", self._loaded)
        self.page.on("dialog", self._dialog)

    def _loaded(self, _page):
        self.loads += 1

    def _dialog(self, dialog):
        self.clicks += 1
        dialog.accept()

    def reset(self):
        self.loads = self.clicks = self.fields = 0

    def click(self, locator, *, navigates=True):
        self.clicks += 1
        if navigates:
            self.web.submit(locator)
        else:
            locator.click()

    def fill(self, selector, value):
        self.fields += 1
        self.page.fill(selector, value)

    def sign_in(self, username):
        if self.page.locator(".topbar form[action$='/logout/']").count():
            self.web.logout()
        self.reset()
        self.web.goto("/login/")
        self.fill("input[name=username]", username)
        self.fill("input[name=password]", "Mật-khẩu-thử-2024")
        self.click(self.page.locator("main form button[type=submit]"))

    def act_on_whole_queue_step(self, step_label_fragment: str):
        self.click(self.page.locator("nav.mainnav a[href='/tasks/queue/']"))
        section = self.page.locator("section.card", has_text=step_label_fragment).first
        self.click(section.locator("input[name=all]"), navigates=False)
        # Ticking "All 65 dossiers at this step" names the count; the server checks it again.
        self.click(section.locator("button[type=submit]"))


def _list_of(unit, staff) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([label for label, _width in importer.COLUMNS])
    for number, person in enumerate(staff, 1):
        sheet.append(
            [
                number,
                "Cá nhân",
                person.staff_code,
                "",
                "giay-khen-ca-nhan",
                2024,
                "Tổng kết năm",
                "",
                "Hoàn thành xuất sắc nhiệm vụ.",
            ]
        )
    for number in (1, 2):
        sheet.append(
            [
                "",
                "Tập thể",
                "",
                f"Khoa {number} – {unit.short_name}",
                "giay-khen-tap-the",
                2024,
                "Tổng kết năm",
                "",
                "Tập thể lao động xuất sắc.",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def round_of_65(tmp_path):
    AwardTypeFactory()
    AwardTypeFactory(
        code="giay-khen-tap-the", name="Giấy khen của Giám đốc Sở Y tế (tập thể)", applies_to="collective"
    )
    files = {}
    for code, name, short in UNITS:
        unit = UnitFactory(code=code, name=name, short_name=short)
        UserFactory(username=f"{code}.canbo", unit=unit, roles=["unit_officer"])
        UserFactory(username=f"{code}.truong", unit=unit, roles=["unit_head"])
        staff = [StaffFactory(unit=unit, staff_code=f"{code.upper()}-{i:03d}") for i in range(11)]
        path = tmp_path / f"{code}.xlsx"
        path.write_bytes(_list_of(unit, staff))
        files[code] = path
    UserFactory(username="vanphong", full_name="Nguyễn Thị Ngọc Lan", roles=["office_reviewer"])
    UserFactory(username="congdoan", roles=["trade_union"])
    UserFactory(username="giamdoc", full_name="Trần Minh Khang", roles=["director"])
    return files


def test_a_round_of_65_from_import_to_issued_decision_in_a_few_clicks(web, round_of_65):
    me = Counted(web)
    report = {}

    for code, _name, _short in UNITS:  # each unit officer: import, then send all to the head
        me.sign_in(f"{code}.canbo")
        me.click(web.page.locator("nav.mainnav a[href='/documents/import/']"))
        me.clicks += 1  # choosing the file
        web.page.set_input_files("input[name=file]", str(round_of_65[code]))
        me.click(web.page.locator("main form button.primary"))
        assert web.page.locator("table.list tbody tr").count() == 13
        me.click(web.page.get_by_role("button", name="Gửi tất cả 13"))
        report[f"officer {code}"] = (me.loads, me.clicks, me.fields)
        assert Nomination.objects.filter(unit__code=code, status="unit_signoff").count() == 13

    for code, _name, _short in UNITS:  # each unit head: the whole queue to the Department
        me.sign_in(f"{code}.truong")
        me.act_on_whole_queue_step("Thủ trưởng đơn vị")
        report[f"head {code}"] = (me.loads, me.clicks, me.fields)
    assert Nomination.objects.filter(status="office_review").count() == 65

    me.sign_in("vanphong")  # the office: forward the whole round
    me.act_on_whole_queue_step("Văn phòng")
    office_review = (me.loads, me.clicks, me.fields)
    assert Nomination.objects.filter(status="union_consultation").count() == 65

    me.sign_in("congdoan")
    me.act_on_whole_queue_step("Công đoàn")
    report["union"] = (me.loads, me.clicks, me.fields)

    me.sign_in("giamdoc")  # the director approves the whole round
    me.act_on_whole_queue_step("Giám đốc")
    director_approval = (me.loads, me.clicks, me.fields)
    assert Nomination.objects.filter(status="approved").count() == 65

    me.sign_in("vanphong")  # the office prepares one decision for all of them, sends it up
    me.click(web.page.locator("nav.mainnav a[href='/decisions/']"))
    me.click(web.page.locator("a[href='/decisions/new/']"))
    me.fill("input[name=number]", "125/QĐ-SYT")
    me.fill("input[name=decision_date]", "05/02/2025")
    me.fill(
        "textarea[name=title]",
        "Về việc tặng Giấy khen của Giám đốc Sở Y tế cho các tập thể, cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
    )
    for box in web.page.locator("input.select-all").all():
        me.click(box, navigates=False)
    me.click(web.page.locator("button[value=preview]"))
    assert "cho 10 tập thể và 55 cá nhân" in web.page.locator("#article-one-preview").inner_text()
    me.click(web.page.locator("button[value=prepare]"))
    me.click(web.page.get_by_role("button", name="Trình Giám đốc ký"))
    office = tuple(a + b for a, b in zip(office_review, (me.loads, me.clicks, me.fields), strict=True))
    report["office"] = office
    decision = AwardDecision.objects.get()
    assert decision.status == "submitted" and decision.nominations.count() == 65

    me.sign_in("giamdoc")  # the director is told on the home page, and signs after a confirmation
    me.click(web.page.locator(f"a[href='/decisions/{decision.pk}/']").first)
    me.click(web.page.locator("form[action$='/issue/'] button.primary"))
    assert "65" in web.page.locator("form.confirm").inner_text()
    me.click(web.page.locator("form.confirm button.primary"))
    director = tuple(a + b for a, b in zip(director_approval, (me.loads, me.clicks, me.fields), strict=True))
    report["director"] = director
    decision.refresh_from_db()
    assert decision.status == "issued"
    assert Nomination.objects.filter(status="decided").count() == 65
    web.screenshot("round-of-65-issued")

    for key, (loads, clicks, fields) in report.items():
        print(f"{key}: {loads} page loads, {clicks} clicks, {fields} fields typed")
    for code, *_ in UNITS:
        assert report[f"officer {code}"][1] <= LIMITS["officer"], report
    assert report["office"][1] <= LIMITS["office"], report
    assert report["director"][1] <= LIMITS["director"], report
