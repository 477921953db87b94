"""The production smoke test's visit, over HTTP as a TLS proxy forwards it.

``bin/smoke-production`` starts the processes of the README's production section, then runs
``python -m ops.smoke`` against them: the health probe over plain HTTP, every role signing in
and opening its main pages (each 200, their static files with far-future caching), one dossier
from the unit's draft to an issued decision with CSRF tokens, the decision's documents, and
the mails of the flow as the SMTP server received them. Standard library only.
"""

import json
import re
import time
from dataclasses import dataclass, field

from . import mail
from .http import Client, Form, Response, SmokeFailure, parse

PASSWORD_DEFAULT = "KhenThuong@2024"  # noqa: S105 - the documented demo password
MAIL_DOMAIN = "khenthuong.local"  # the demo accounts' addresses (nominations/demo/seed.py)
ROLES = [
    "admin",
    "giamdoc",
    "phogiamdoc",
    "chanhvanphong",
    "vanphong",
    "congdoan",
    "thanhtra",
    "bvtn.truong",
    "bvtn.canbo",
]
# Pages not (always) in the top menu, per role.
EXTRA_PAGES = {
    "admin": ["/admin/", "/admin/nominations/nomination/", "/admin/accounts/user/"],
    "giamdoc": ["/tasks/done/", "/tasks/dispatch/", "/notifications/settings/"],
    "chanhvanphong": ["/tasks/done/", "/tasks/dispatch/", "/audit/", "/campaigns/rounds/"],
    "vanphong": ["/tasks/done/", "/decisions/new/", "/council/", "/campaigns/rounds/"],
    "thanhtra": ["/audit/"],
    "bvtn.canbo": ["/dossiers/new/", "/documents/import/", "/notifications/"],
}
AWARD = "Giấy khen của Giám đốc Sở Y tế (cá nhân)"
CAMPAIGN = "Đổi mới, sáng tạo, tận tâm, trách nhiệm thực hiện nhiệm vụ"
SUMMARY = "Kiểm thử triển khai: hoàn thành xuất sắc nhiệm vụ năm 2024, chủ trì một sáng kiến cấp cơ sở."
EVIDENCE_NAME = "Báo cáo thành tích – kiểm thử triển khai.pdf"
EVIDENCE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# Subjects of the flow's mails (the demo accounts read Vietnamese): notifications/kinds.py.
WAITING, APPROVED, ISSUED = (
    "Có hồ sơ chờ xử lý",
    "Hồ sơ đã được phê duyệt",
    "Đã ban hành quyết định khen thưởng",
)
ONE_YEAR = 365 * 24 * 3600


@dataclass
class Smoke:
    address: str  # where gunicorn listens, host:port
    host: str  # the public host name the proxy forwards
    maildir: str
    password: str = PASSWORD_DEFAULT
    mail_timeout: float = 90.0
    checked_assets: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    log: list = field(default_factory=list)

    def say(self, text: str) -> None:
        self.log.append(text)
        print(f"smoke: {text}", flush=True)

    # --- pages -------------------------------------------------------------------------------
    def page(self, client: Client, path: str) -> str:
        response = client.get(path)
        expect(response.status == 200, f"{client.user}: GET {path} answered {response.status}, not 200")
        expect("text/html" in response.header("Content-Type"), f"GET {path} is not HTML")
        html = response.text
        for asset in parse(html).assets:
            self.check_asset(client, asset, path)
        return html

    def check_asset(self, client: Client, url: str, page: str) -> None:
        if not url.startswith("/static/") or url in self.checked_assets:
            return
        response = client.request("GET", url)
        cache = response.header("Cache-Control")
        expect(
            response.status == 200 and response.body, f"{url} (linked from {page}) answered {response.status}"
        )
        max_age = int(m.group(1)) if (m := re.search(r"max-age=(\d+)", cache)) else 0
        expect(
            max_age >= ONE_YEAR and "immutable" in cache,
            f"{url} (linked from {page}) is not cached far ahead: Cache-Control {cache!r}",
        )
        expect(re.search(r"\.[0-9a-f]{12}\.", url), f"{url} (linked from {page}) has no content hash")
        self.checked_assets[url] = cache

    def form(self, html: str, *, action: str = "", having: str = "") -> Form:
        for form in parse(html).forms:
            if (not action or form.action.endswith(action)) and (not having or having in form.names()):
                return form
        raise SmokeFailure("web", f"no form (action {action!r}, field {having!r}) on the page")

    def submit(self, client: Client, page_path: str, form: Form, values: dict, *, files=None) -> Response:
        """Post ``form`` as a browser would: its own fields (the CSRF token among them) and ``values``."""
        expect(form.value("csrfmiddlewaretoken"), f"the form {form.action or page_path} has no CSRF token")
        data = [(k, v) for k, v in form.fields if k not in values]
        for name, value in values.items():
            data += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
        response = client.post(form.action or page_path, data, files=files)
        expect(
            response.status in {302, 303},
            f"POST {form.action or page_path} answered {response.status}, not a redirect:\n"
            + errors_of(response.text),
        )
        return response

    # --- the visit ---------------------------------------------------------------------------
    def probe_health(self) -> None:
        client = Client(self.address, self.address, proxied=False)
        response = client.request("GET", "/healthz")
        expect(
            response.status == 200 and response.header("Content-Type") == "application/json",
            f"plain-HTTP /healthz answered {response.status} {response.header('Content-Type')} "
            f"{response.header('Location')}",
        )
        body = json.loads(response.body)
        expect(body == {"status": "ok", "database": True, "broker": True}, f"/healthz said {body}")
        redirected = Client(self.address, self.host, proxied=False).request("GET", "/login/")
        expect(
            redirected.status == 301 and redirected.header("Location") == f"https://{self.host}/login/",
            f"plain-HTTP /login/ answered {redirected.status} {redirected.header('Location')}, "
            "not a redirect to https",
        )
        self.say("/healthz answers JSON over plain HTTP; other paths redirect to https")

    def sign_in(self, username: str) -> Client:
        client = Client(self.address, self.host)
        html = self.page(client, "/login/")
        client.user = username
        refused = client.post("/login/", [("username", username), ("password", self.password)])
        expect(refused.status == 403, f"a sign-in without CSRF token answered {refused.status}, not 403")
        form = self.form(html, having="username")
        response = self.submit(client, "/login/", form, {"username": username, "password": self.password})
        expect(response.header("Location") == "/", f"{username} could not sign in")
        expect("sessionid" in client.cookies, f"{username} got no session cookie")
        self.sessions[username] = client
        return client

    def visit_main_pages(self, username: str) -> int:
        client = self.sessions[username]
        home = self.page(client, "/")
        nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', home, re.S)
        links = [href for href, _ in parse(nav.group(1)).links] if nav else []
        pages = list(dict.fromkeys(links + EXTRA_PAGES.get(username, []) + ["/notifications/"]))
        expect(links, f"{username}'s home page has no menu")
        for path in pages:
            self.page(client, path)
        return len(pages) + 1

    def task_of(self, client: Client, code: str) -> str:
        html = self.page(client, "/tasks/queue/") + self.page(client, "/tasks/")
        found = re.search(rf'href="(/tasks/\d+/)">{re.escape(code)}<', html)
        expect(found, f"{code} is in neither the queue nor the inbox")
        return found.group(1)

    def take_and_decide(self, username: str, code: str, decision: str) -> None:
        client = self.sessions[username]
        task = self.task_of(client, code)
        html = self.page(client, task)
        if "/claim/" in html:
            self.submit(client, task, self.form(html, action="/claim/"), {})
            html = self.page(client, task)
        form = self.form(html, having="decision")
        values = {"decision": decision, "comment": f"{username}: {decision}"}
        if "justification" in form.names():
            values["justification"] = "Kiểm thử triển khai: đủ điều kiện theo hồ sơ gửi kèm."
        self.submit(client, task, form, values)
        self.say(f"{username} decided {decision!r} on {code}")

    def draft(self) -> str:
        client = self.sessions["bvtn.canbo"]
        html = self.page(client, "/dossiers/new/")
        form = self.form(html, having="achievement_summary")
        staff = next(value for value, _ in form.options["staff"] if value)
        response = self.submit(
            client,
            "/dossiers/new/",
            form,
            {
                "year": "2024",
                "basis": "campaign",
                "campaign": option(form, "campaign", CAMPAIGN),
                "nominee_kind": "individual",
                "staff": staff,
                "award_type": option(form, "award_type", AWARD),
                "achievement_summary": SUMMARY,
            },
        )
        found = re.fullmatch(r"/dossiers/(KT-\d{4}-\d{6})/", response.header("Location"))
        expect(found, f"creating a dossier went to {response.header('Location')}")
        code = found.group(1)
        detail = f"/dossiers/{code}/"
        html = self.page(client, detail)
        self.submit(
            client,
            detail,
            self.form(html, action="/files/"),
            {"description": "Báo cáo thành tích"},
            files=[("file", EVIDENCE_NAME, "application/pdf", EVIDENCE)],
        )
        html = self.page(client, detail)
        link = re.search(rf'href="(/dossiers/{code}/files/\d+/)"', html)
        expect(link, "the evidence file is not listed on the dossier page")
        download = client.request("GET", link.group(1))
        expect(download.status == 200 and download.body == EVIDENCE, "the evidence did not download intact")
        self.submit(client, detail, self.form(html, action="/submit/"), {})
        self.say(f"bvtn.canbo drafted {code}, attached evidence and sent it to the unit head")
        return code

    def issue_decision(self, code: str) -> str:
        office = self.sessions["vanphong"]
        html = self.page(office, "/decisions/new/")
        form = self.form(html, having="number")
        pick = next(
            (value for name, value, label in radio_choices(form, "nominations") if code in label), None
        )
        expect(pick, f"{code} is not among the dossiers a decision may list")
        number = f"{int(time.time()) % 100000}/QĐ-SYT"
        response = self.submit(
            office,
            "/decisions/new/",
            form,
            {"number": number, "decision_date": time.strftime("%d/%m/%Y"), "nominations": [pick]},
        )
        found = re.fullmatch(r"/decisions/(\d+)/", response.header("Location"))
        expect(found, f"preparing a decision went to {response.header('Location')}")
        path = found.group(0)
        self.submit(office, path, self.form(self.page(office, path), action="/submit/"), {})
        director = self.sessions["giamdoc"]
        # Signing asks once more, naming the number of awardees; the confirmation issues it.
        sign = self.form(self.page(director, path), action="/issue/")
        asked = director.post(sign.action, list(sign.fields))
        expect(asked.status == 200, f"signing answered {asked.status} instead of asking to confirm")
        self.submit(director, path, self.form(asked.text, action="/issue/", having="awardees"), {})
        html = self.page(director, path)
        expect("/quyet-dinh.pdf" in html, f"decision {number} shows no PDF once signed")
        self.say(f"decision {number} prepared by vanphong, signed and issued by giamdoc")
        return found.group(1)

    def download_documents(self, decision: str) -> None:
        client = self.sessions["vanphong"]
        for name, magic, content_type in [
            ("quyet-dinh.docx", b"PK", "wordprocessingml"),
            ("quyet-dinh.pdf", b"%PDF", "application/pdf"),
            ("giay-khen.pdf", b"%PDF", "application/pdf"),
            ("trich-ngang.xlsx", b"PK", "spreadsheetml"),
        ]:
            response = client.request("GET", f"/documents/decisions/{decision}/{name}")
            expect(
                response.status == 200
                and response.body.startswith(magic)
                and content_type in response.header("Content-Type"),
                f"{name} answered {response.status} {response.header('Content-Type')} ({len(response.body)} bytes)",
            )
        self.say("the decision's .docx, PDF, certificates and .xlsx download")

    def check_mails(self, code: str) -> int:
        at = f"@{MAIL_DOMAIN}"
        expected = [
            (f"bvtn.truong{at}", WAITING),
            (f"vanphong{at}", WAITING),
            (f"congdoan{at}", WAITING),
            (f"giamdoc{at}", WAITING),
            (f"bvtn.canbo{at}", APPROVED),
            (f"bvtn.canbo{at}", ISSUED),
        ]
        about = mail.wait_for(self.maildir, expected, code=code, timeout=self.mail_timeout)
        time.sleep(2)  # a duplicate would arrive now
        about = [m for m in mail.read(self.maildir) if code in m.subject]
        seen = {}
        for message in about:
            key = (message.recipients, message.subject)
            expect(key not in seen, f"{message.recipients} received {message.subject!r} twice")
            seen[key] = message
            expect(
                f"https://{self.host}/" in message.text and message.html,
                f"the mail {message.subject!r} has no link to https://{self.host}/ or no HTML part",
            )
        self.say(f"{len(about)} mails about {code} arrived, each once, with links to the site")
        return len(about)

    def run(self) -> None:
        started = time.monotonic()
        self.probe_health()
        pages = 0
        for username in ROLES:
            self.sign_in(username)
            pages += self.visit_main_pages(username)
        self.say(
            f"{len(ROLES)} roles signed in; {pages} pages answered 200; {len(self.checked_assets)} static files"
        )
        code = self.draft()
        for username, decision in [
            ("bvtn.truong", "submit"),
            ("vanphong", "forward"),
            ("congdoan", "agree"),
            ("giamdoc", "approve"),
        ]:
            self.take_and_decide(username, code, decision)
        decision = self.issue_decision(code)
        for username in ["bvtn.canbo", "thanhtra", "giamdoc"]:
            client = self.sessions[username]
            html = self.page(client, f"/dossiers/{code}/")
            self.page(client, f"/audit/dossiers/{code}/")
            chart = client.request("GET", f"/dossiers/{code}/chart.svg")
            expect(chart.status == 200 and b"<svg" in chart.body, f"the flow chart of {code} did not render")
            expect('class="status status-decided"' in html, f"{code} is not 'decision issued' for {username}")
        self.download_documents(decision)
        self.check_mails(code)
        for username, client in self.sessions.items():
            out = self.submit(client, "/", self.form(self.page(client, "/"), action="/logout/"), {})
            expect(out.header("Location").startswith("/login/"), f"{username} could not sign out")
        self.say(f"passed in {time.monotonic() - started:.1f}s")


def expect(condition, message: str, part: str = "web") -> None:
    if not condition:
        raise SmokeFailure(part, message)


def option(form: Form, name: str, label: str) -> str:
    for value, text in form.options.get(name, []):
        if text.strip() == label:
            return value
    raise SmokeFailure("web", f"no {label!r} among the choices of {name}")


def radio_choices(form: Form, name: str) -> list[tuple[str, str, str]]:
    return [(n, value, label.strip()) for n, value, label in form.radios.get(name, [])]


def errors_of(html: str) -> str:
    """The form errors a refused POST shows, to say why in the failure."""
    found = re.findall(r'class="(?:error|errorlist|messages)[^"]*"[^>]*>(.*?)</', html, re.S)
    return " | ".join(re.sub(r"<[^>]+>", "", f).strip() for f in found)[:1000] or html[:500]
