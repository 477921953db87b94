"""Mixed roles on the web pages, for locust (driven by ``scripts/bench_locust.py``).

    .venv/bin/locust -f scripts/locustfile.py --host http://127.0.0.1:8870 --headless -u 10 -r 5 -t 60s

Each simulated person signs in once with a demo account (``manage.py seed_demo``; password
``DEMO_PASSWORD``) and then browses with weights: home, inbox, queue, the dossier list and
dossier pages, task pages. Office reviewers take a dossier from the queue and forward it, the
trade union agrees, the director approves, unit heads send their unit's dossiers on: through
the pages' own forms with their CSRF tokens, as a browser would.

Requests are named by page kind ("home", "dossier page", "claim POST", …) so that the
statistics group them. Two people taking the same task is part of the load: the loser gets
the page's message (a redirect with an error), which counts as a success here; only a server
error (5xx) or an unexpected status is a failure.

The server is reached as a TLS proxy forwards it (``X-Forwarded-Proto: https``), so production
settings (``SECURE_SSL_REDIRECT``) apply; cookies must not be ``Secure``-only over the plain
HTTP of the benchmark (``DJANGO_SECURE_COOKIES=0``).

Outcomes of the actions (done, refused, lost a race) are written as JSON to
``LOCUST_OUTCOMES`` when the run stops.
"""

import itertools
import json
import os
import random
import re
from collections import Counter
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

PASSWORD = os.environ.get("DEMO_PASSWORD", "KhenThuong@2024")
# The demo's units (demo/data.py UNITS): each has a head (.truong) and an officer (.canbo).
UNITS = os.environ.get(
    "LOCUST_UNITS",
    "vp,pnvy,pkhtc,ptccb,bvtn,bvdq,ttytvc,cdc,bvydct,bvdn2,pkanphuc,bvtamhoa",
).split(",")
OUTCOMES = Counter()

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DOSSIER_LINK = re.compile(r'href="/dossiers/([A-Z][A-Z0-9]{0,9}-[0-9]{4}-[0-9]{6,9})/"')
TASK_LINK = re.compile(r'href="/tasks/([0-9]+)/"')
STEP_SECTION = re.compile(r'<input type="hidden" name="step" value="([a-z_]+)">')
MESSAGE_ERROR = re.compile(r'<li class="msg-error">')


def tasks_by_step(html: str) -> dict[str, list[str]]:
    """The task ids of a task list, per step (each step is one section of the page)."""
    found: dict[str, list[str]] = {}
    parts = STEP_SECTION.split(html)
    # parts: [before, step1, html1, step2, html2, …]
    for step, section in zip(parts[1::2], parts[2::2], strict=True):
        found.setdefault(step, []).extend(TASK_LINK.findall(section))
    return found


def csrf_of(html: str) -> str | None:
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else None


class Person(HttpUser):
    """A signed-in person of one role; subclasses choose the accounts and the actions."""

    abstract = True
    wait_time = between(1, 3)
    accounts: list[str] = []
    _next_account: itertools.cycle | None = None

    def on_start(self):
        cls = type(self)
        if cls._next_account is None:
            cls._next_account = itertools.cycle(cls.accounts)
        self.username = next(cls._next_account)
        self.client.headers.update({"X-Forwarded-Proto": "https"})
        self.origin = f"https://{urlsplit(self.host).netloc}"
        self.dossiers: list[str] = []
        self.sign_in()

    # --- plumbing ---
    def page(self, path: str, name: str) -> str:
        """GET a page; a 200 is a success, anything else a failure."""
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")
                return ""
            text = response.text
            self.dossiers = DOSSIER_LINK.findall(text) or self.dossiers
            return text

    def post(self, path: str, data: dict, name: str, csrf: str | None, *, must_redirect: bool = False):
        """POST a form as a browser on the https site would (CSRF token, Origin, Referer).
        Returns the redirect target, "" when the form came back with errors (a failure if
        ``must_redirect``), None when the server erred."""
        data = {**data, "csrfmiddlewaretoken": csrf or ""}
        headers = {"Origin": self.origin, "Referer": f"{self.origin}{path}"}
        with self.client.post(
            path, data=data, headers=headers, name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code in (301, 302, 303):
                return response.headers["Location"]
            if response.status_code == 200:  # a form shown again with its errors
                OUTCOMES[f"{name}: form refused"] += 1
                if must_redirect:
                    response.failure(f"POST {path}: the form came back with errors")
                return ""
            response.failure(f"POST {path} answered {response.status_code}")
            return None

    def sign_in(self):
        html = self.page("/login/", "sign-in page")
        target = self.post(
            "/login/",
            {"username": self.username, "password": PASSWORD},
            "sign-in POST",
            csrf_of(html),
            must_redirect=True,
        )
        if not target or target.startswith("/login/"):
            # A wrong account or password counts towards django-axes' lockout of this address:
            # stop this simulated person at once rather than lock everyone out.
            OUTCOMES[f"sign-in refused: {self.username}"] += 1
            raise StopUser()
        self.page(target, "home")

    def act_on_task(self, task_id: str, decision: str, name: str, comment: str = "", **extra) -> None:
        """Open the task page and post the decision; the outcome is what the next page says."""
        html = self.page(f"/tasks/{task_id}/", "task page")
        if not html:
            return
        if 'name="decision"' not in html:
            OUTCOMES[f"{name}: not mine to decide"] += 1
            return
        target = self.post(
            f"/tasks/{task_id}/",
            {"decision": decision, "comment": comment, **extra},
            name,
            csrf_of(html),
        )
        if not target:
            return
        landed = self.page(
            target, "inbox" if target.startswith("/tasks/?") or target == "/tasks/" else "task page"
        )
        if target.rstrip("/") == f"/tasks/{task_id}" and MESSAGE_ERROR.search(landed):
            OUTCOMES[f"{name}: refused with a message"] += 1
            if "justification" in html and "justification" not in extra:
                # Forwarding a dossier that fails an eligibility rule needs a written reason.
                self.act_on_task(task_id, decision, name, comment, justification="Đã xem xét, đủ căn cứ.")
        else:
            OUTCOMES[f"{name}: done"] += 1

    def claim_from_queue(self, step: str) -> str | None:
        """Take a task of ``step`` from the queue filtered to that step (first page); None when
        the queue is empty or someone else took it first."""
        queue = f"/tasks/queue/?step={step}"
        html = self.page(queue, "queue (one step)")
        candidates = tasks_by_step(html).get(step, [])
        if not candidates:
            OUTCOMES[f"claim {step}: queue empty"] += 1
            return None
        # Several people pick among the first few rows, as people do: they collide.
        task_id = random.choice(candidates[:5])
        target = self.post(f"/tasks/{task_id}/claim/", {"next": queue}, "claim POST", csrf_of(html))
        if not target:
            return None
        if target.startswith("/tasks/queue/"):
            self.page(target, "queue (one step)")
            OUTCOMES[f"claim {step}: lost the race (message)"] += 1
            return None
        OUTCOMES[f"claim {step}: taken"] += 1
        return task_id

    def take_and_decide(self, step: str, decision: str) -> None:
        """Decide a task of ``step``: one already held (inbox), else one taken from the queue."""
        held = tasks_by_step(self.page("/tasks/", "inbox")).get(step, [])
        task_id = held[0] if held else self.claim_from_queue(step)
        if task_id:
            self.act_on_task(task_id, decision, "decision POST")

    # --- browsing every role does ---
    @task(4)
    def home(self):
        self.page("/", "home")

    @task(2)
    def inbox(self):
        self.page("/tasks/", "inbox")

    @task(3)
    def dossier_list(self):
        self.page("/dossiers/", "dossier list")

    @task(3)
    def dossier_page(self):
        if self.dossiers:
            self.page(f"/dossiers/{random.choice(self.dossiers)}/", "dossier page")
        else:
            self.dossier_list()


class UnitOfficer(Person):
    weight = 4
    accounts = [f"{unit}.canbo" for unit in UNITS]


class UnitHead(Person):
    weight = 2
    accounts = [f"{unit}.truong" for unit in UNITS]

    @task(2)
    def sign_off(self):
        self.take_and_decide("unit_signoff", "submit")


class OfficeReviewer(Person):
    weight = 3
    accounts = ["vanphong", "chanhvanphong"]

    @task(2)
    def queue(self):
        self.page("/tasks/queue/", "queue")

    @task(1)
    def open_task(self):
        found = tasks_by_step(self.page("/tasks/queue/", "queue"))
        ids = [task_id for ids in found.values() for task_id in ids]
        if ids:
            self.page(f"/tasks/{random.choice(ids)}/", "task page")

    @task(3)
    def claim_and_forward(self):
        self.take_and_decide("office_review", "forward")


class TradeUnion(Person):
    weight = 1
    accounts = ["congdoan"]

    @task(3)
    def agree(self):
        self.take_and_decide("union_consultation", "agree")


class Director(Person):
    weight = 1
    accounts = ["giamdoc", "phogiamdoc"]

    @task(3)
    def approve(self):
        self.take_and_decide("director_signoff", "approve")


@events.test_stop.add_listener
def write_outcomes(environment, **_kwargs):
    path = os.environ.get("LOCUST_OUTCOMES")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dict(sorted(OUTCOMES.items())), out, ensure_ascii=False, indent=1)
