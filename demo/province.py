"""A province's worth of data from template dossiers driven through the services (see
``scripts/generate_province.py`` for what it writes and why it is honest). Used by that script,
by ``scripts/bench_pages.py`` and by the query-plan tests; nothing in the application calls it."""

import datetime
import heapq
import json
import random
import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field

from demo import data

BATCH = 5000
UNIT_CODES = [
    "vp",
    "pnvy",
    "pkhtc",
    "ptccb",
    "bvtn",
    "bvdq",
    "ttytvc",
    "cdc",
    "bvydct",
    "bvdn2",
    "pkanphuc",
    "bvtamhoa",
]
# Where a dossier ends up (weights over the whole set, in %): about 3% open — a few thousand
# dossiers waiting at some step, recent — and the rest finished, spread over the years.
# "decided" dossiers come in decisions of one dossier per unit.
FINISHED_STAGES = {
    "decided": 55,
    "awarded": 8,
    "not_awarded": 3,
    "rejected_by_office": 6,
    "rejected_by_director": 3,
    "approved": 2,
    "forwarded": 3,
}
OPEN_STAGES = {
    "draft": 0.4,
    "unit_signoff": 0.4,
    "returned_by_head": 0.2,
    "office_queue": 0.8,
    "office_claimed": 0.4,
    "returned_by_office": 0.2,
    "union": 0.3,
    "director": 0.3,
}
FIRST_YEAR = 2021
STAFF_PER_UNIT = 150
FAMILY = data.SURNAMES[:14]  # the commonest family names
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Đức", "Kim", "Xuân", "Hoài"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Ngân",
    "Phúc",
    "Phương",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trí",
    "Tuấn",
    "Vy",
    "Yến",
]
COLLECTIVES = [
    "Khoa Hồi sức tích cực",
    "Khoa Nội tổng hợp",
    "Khoa Ngoại chấn thương",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Xét nghiệm",
    "Khoa Dược",
    "Phòng Kế hoạch tổng hợp",
    "Phòng Điều dưỡng",
    "Khoa Khám bệnh",
    "Khoa Cấp cứu",
    "Khoa Chẩn đoán hình ảnh",
]
ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
URL_IDS = re.compile(r"/(tasks|decisions)/(\d+)/")


# --- Tables and what their columns point at ---------------------------------------------


@dataclass
class Table:
    model: type
    name: str
    fields: list
    attnames: list
    pk: str
    pk_target: type | None  # the pk is a foreign key (multi-table inheritance, one-to-one)
    fks: dict  # attname -> concrete model it points at
    instance_pk: str | None = None  # historical models: the column holding the record's pk
    instance_model: type | None = None
    unique_text: list = field(default_factory=list)
    # One-to-one links: a row tied to something outside the bundle (a user's settings) is
    # that thing's, made once, not the dossier's.
    unique_fks: list = field(default_factory=list)


def _concrete(model):
    return model._meta.concrete_model


def tracked_tables() -> dict:
    """Every table whose rows a dossier's life may create, keyed by concrete model."""
    from django.apps import apps
    from django.db import models

    from audit.models import ChainHead

    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or model is ChainHead:
            continue
        pk = meta.pk
        pk_target = None
        if isinstance(pk, models.ForeignKey):
            pk_target = _concrete(pk.remote_field.model)
        elif not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            continue
        fields = [f for f in meta.local_concrete_fields]
        if meta.parents:  # child of multi-table inheritance: its own columns only
            fields = [f for f in meta.local_concrete_fields if f.model is model]
        fks = {f.attname: _concrete(f.remote_field.model) for f in fields if f.is_relation and f.remote_field}
        table = Table(
            model=model,
            name=meta.db_table,
            fields=fields,
            attnames=[f.attname for f in fields],
            pk=pk.attname,
            pk_target=pk_target,
            fks=fks,
            unique_text=[
                f.attname
                for f in fields
                if f.unique and not f.primary_key and isinstance(f, models.CharField) and not f.is_relation
            ],
        )
        table.unique_fks = [f.attname for f in fields if f.unique and f.is_relation and not f.primary_key]
        instance_type = getattr(model, "instance_type", None)
        if instance_type is not None:  # django-simple-history
            table.instance_model = _concrete(instance_type)
            table.instance_pk = instance_type._meta.pk.attname
        tables[_concrete(model)] = table
    return tables


def high_marks(tables) -> dict:
    from django.db import connection

    marks = {}
    with connection.cursor() as cursor:
        for key, table in tables.items():
            q = connection.ops.quote_name
            cursor.execute(f"SELECT MAX({q(table.pk)}) FROM {q(table.name)}")  # noqa: S608
            marks[key] = cursor.fetchone()[0] or 0
    return marks


def rows_between(tables, before: dict, after: dict) -> dict:
    """The rows each table gained between two high marks, as {attname: python value}."""
    captured = {}
    for key, table in tables.items():
        if after[key] <= before[key]:
            continue
        rows = list(
            table.model._base_manager.filter(
                **{f"{table.pk}__gt": before[key], f"{table.pk}__lte": after[key]}
            )
            .order_by(table.pk)
            .values_list(*table.attnames)
        )
        captured[key] = [dict(zip(table.attnames, row, strict=True)) for row in rows]
    return captured


# --- Templates: real dossiers driven through the services --------------------------------


@dataclass
class Dossier:
    nomination_id: int
    code: str
    year: int
    unit_id: int
    nominee_kind: str
    staff_id: int | None
    nominee_name: str


@dataclass
class Bundle:
    stage: str
    rows: dict  # model -> [row]
    events: list  # audit rows, by sequence
    dossiers: list
    decision_numbers: list
    start: datetime.datetime
    end: datetime.datetime

    @property
    def finished(self) -> bool:
        return self.stage in FINISHED_STAGES


def _award(stage: str, kind: str):
    from nominations.models import AwardType

    higher = stage in ("forwarded", "awarded", "not_awarded")
    if kind == "collective":
        return AwardType.objects.get(code="bang-khen-ubnd-tap-the" if higher else "giay-khen-tap-the")
    return AwardType.objects.get(code="bang-khen-ubnd-ca-nhan" if higher else "giay-khen-ca-nhan")


def _new_dossier(unit, stage: str, kind: str, index: int):
    from demo import data
    from demo.dossiers import _user
    from nominations.models import Campaign, NominationBasis, Staff
    from workflows import drafting

    staff = None
    collective = ""
    if kind == "individual":
        staff = Staff.objects.filter(unit=unit).order_by("staff_code")[1 + index % 8]
    else:
        collective = f"{COLLECTIVES[index % len(COLLECTIVES)]} ({unit.short_name})"
    return drafting.create_nomination(
        author=_user(f"{unit.code}.canbo"),
        unit=unit,
        year=2024,
        basis=NominationBasis.CAMPAIGN,
        campaign=Campaign.objects.get(name=data.CAMPAIGN["name"]),
        nominee_kind=kind,
        staff=staff,
        collective_name=collective,
        award_type=_award(stage, kind),
        achievement_summary=data.ACHIEVEMENTS[index % len(data.ACHIEVEMENTS)],
    )


JUSTIFICATION = "Thành tích đột xuất được Hội đồng thi đua đơn vị đề nghị."


def _act(nomination, username: str, decision: str, comment: str = "", **extra) -> None:
    """``demo.dossiers._act``, with the written justification the office gives when it forwards
    a dossier that fails an eligibility rule (the demo's own nominees pass them)."""
    from demo.dossiers import _open_task, _user
    from eligibility.engine import evaluate, has_failures
    from workflows import services
    from workflows.steps import Decision

    task = _open_task(nomination)
    if (
        decision == Decision.FORWARD
        and task.flow_task.name == "office_review"
        and has_failures(evaluate(nomination))
    ):
        extra["justification"] = JUSTIFICATION
    services.complete_task(task, _user(username), decision, comment, **extra)


def _drive(nomination, stage: str) -> None:
    """Drive a new dossier to ``stage`` through the services (``demo.dossiers.drive``, with the
    justification ``_act`` adds)."""
    from demo.dossiers import drive

    drive(nomination, stage, act=_act)


def _dossiers_of(ids) -> list:
    from nominations.models import Nomination

    return [
        Dossier(n.pk, n.code, n.year, n.unit_id, n.nominee_kind, n.staff_id, n.nominee_name)
        for n in Nomination.objects.filter(pk__in=ids).select_related("staff").order_by("pk")
    ]


def capture_bundle(tables, stage: str, make) -> Bundle:
    """Run ``make`` (which drives dossiers through the services) and keep every row it left."""
    from django.db import transaction
    from django.utils import timezone

    from audit.models import AuditEvent
    from nominations.models import Nomination
    from workflows.models import AwardDecision

    before = high_marks(tables)
    start = timezone.now()
    with transaction.atomic():
        make()
    end = timezone.now()
    after = high_marks(tables)
    rows = rows_between(tables, before, after)
    events = sorted(rows.pop(AuditEvent, []), key=lambda row: row["sequence"])
    dossier_ids = [row["id"] for row in rows.get(Nomination, [])]
    numbers = [row["number"] for row in rows.get(AwardDecision, [])]
    return Bundle(stage, rows, events, _dossiers_of(dossier_ids), numbers, start, end)


def drive_templates(tables, units) -> tuple[list, Bundle]:
    """One bundle per unit and stage; decisions of one approved dossier per unit; sign-ins."""
    from django.contrib.auth import get_user_model

    from audit.models import EventType
    from audit.services import record_event
    from demo.dossiers import _user
    from workflows import award_decisions

    bundles = []
    index = 0
    for stage in [*OPEN_STAGES, *FINISHED_STAGES]:
        if stage == "decided":
            continue
        for unit in units:
            kind = "collective" if index % 5 == 4 else "individual"
            index += 1

            def make(unit=unit, stage=stage, kind=kind, index=index):
                _drive(_new_dossier(unit, stage, kind, index), stage)

            bundles.append(capture_bundle(tables, stage, make))
    for round_number in range(3):

        def make_decision(round_number=round_number):
            nominations = []
            for position, unit in enumerate(units):
                kind = "collective" if (position + round_number) % 5 == 4 else "individual"
                nomination = _new_dossier(unit, "decided", kind, 100 + round_number * 20 + position)
                _drive(nomination, "decided")
                nominations.append(nomination)
            decision = award_decisions.prepare_decision(
                by=_user("vanphong"),
                number=f"9{round_number}0/QĐ-SYT",
                decision_date=datetime.date.today(),
                title="Về việc tặng Giấy khen của Giám đốc Sở Y tế cho các tập thể, cá nhân có thành tích "
                "xuất sắc trong năm",
                nominations=nominations,
            )
            award_decisions.submit_decision(decision, by=_user("chanhvanphong"))
            award_decisions.issue_decision(decision, by=_user("giamdoc"))

        bundles.append(capture_bundle(tables, "decided", make_decision))

    def sign_ins():
        for user in get_user_model().objects.filter(is_active=True).order_by("pk"):
            record_event(EventType.LOGIN, actor=user)

    logins = capture_bundle(tables, "login", sign_ins)
    return bundles, logins


# --- Replicas -----------------------------------------------------------------------------


class TimeMap:
    """The template's [start, end] stretched onto [new_start, new_end]; times outside it keep
    their distance from the nearer end (a due date stays N working days after its step)."""

    def __init__(self, start, end, new_start, new_end):
        self.start, self.end = start, end
        self.new_start, self.new_end = new_start, new_end
        span = (end - start).total_seconds() or 1.0
        self.scale = (new_end - new_start).total_seconds() / span

    def at(self, value: datetime.datetime) -> datetime.datetime:
        if value <= self.start:
            return self.new_start + (value - self.start)
        if value >= self.end:
            return self.new_end + (value - self.end)
        return self.new_start + datetime.timedelta(seconds=(value - self.start).total_seconds() * self.scale)

    def day(self, value: datetime.date) -> datetime.date:
        return value + (self.new_end.date() - self.end.date())


class Ids:
    """Next free id of each table (the generator is the only writer while it runs)."""

    def __init__(self, marks: dict):
        self.next = {key: mark + 1 for key, mark in marks.items()}

    def take(self, key) -> int:
        value = self.next[key]
        self.next[key] = value + 1
        return value


@dataclass
class Replica:
    bundle: Bundle
    start: datetime.datetime
    end: datetime.datetime
    year: int
    codes: list
    nominees: list  # (staff_id or None, name) per dossier of the bundle
    with_events: bool = True


class Replicator:
    def __init__(self, tables, ids: Ids, now):
        from audit.models import AuditEvent

        self.tables = tables
        self.ids = ids
        self.now = now
        self.audit_fields = [f for f in AuditEvent._meta.concrete_fields]
        self.label_to_model = {_concrete(t.model)._meta.label: _concrete(t.model) for t in tables.values()}
        self.history_of = {t.instance_model: key for key, t in tables.items() if t.instance_model is not None}

    def copy(self, replica: Replica) -> tuple[dict, list]:
        """The rows of one replica ({model: [row]}) and its audit rows (unnumbered)."""
        from django.db.models import DateField, DateTimeField, IntegerField, JSONField
        from viewflow.workflow.models import Task

        from common.text import fold
        from nominations.models import Nomination, Staff
        from notifications.models import Notification
        from workflows.models import AwardDecision

        bundle = replica.bundle
        times = TimeMap(bundle.start, bundle.end, replica.start, replica.end)
        maps = defaultdict(dict)
        for key, rows in bundle.rows.items():
            table = self.tables[key]
            if table.pk_target is None:
                for row in rows:
                    maps[key][row[table.pk]] = self.ids.take(key)
        for key, rows in bundle.rows.items():
            table = self.tables[key]
            if table.pk_target is not None:
                for row in rows:
                    maps[key][row[table.pk]] = maps[table.pk_target].get(row[table.pk], row[table.pk])
        replace = []
        staff = {}
        for dossier, code, (staff_id, name) in zip(
            bundle.dossiers, replica.codes, replica.nominees, strict=True
        ):
            replace += [(dossier.code, code), (fold(dossier.code), fold(code))]
            replace += [(dossier.nominee_name, name), (fold(dossier.nominee_name), fold(name))]
            if dossier.staff_id and staff_id:
                staff[dossier.staff_id] = staff_id
        for number in bundle.decision_numbers:
            new_number = f"{self.ids.take('decision_number')}/QĐ-SYT"
            replace += [(number, new_number), (fold(number), fold(new_number))]
        replace.sort(key=lambda pair: -len(pair[0]))
        maps[Staff].update(staff)
        template_years = {d.year for d in bundle.dossiers}

        def text(value: str) -> str:
            for old, new in replace:
                if old in value:
                    value = value.replace(old, new)
            return value

        def walk(value):
            if isinstance(value, str):
                if ISO_DATETIME.match(value):
                    try:
                        return times.at(datetime.datetime.fromisoformat(value)).isoformat()
                    except ValueError:
                        return text(value)
                if ISO_DATE.match(value):
                    return times.day(datetime.date.fromisoformat(value)).isoformat()
                return text(value)
            if isinstance(value, dict):
                return {k: walk(v) for k, v in value.items()}
            if isinstance(value, list):
                return [walk(v) for v in value]
            return value

        out = {}
        for key, rows in bundle.rows.items():
            table = self.tables[key]
            new_rows = []
            for row in rows:
                if any(row[name] not in maps[table.fks[name]] for name in table.unique_fks):
                    continue
                new = {}
                for f in table.fields:
                    name = f.attname
                    value = row[name]
                    if value is None:
                        new[name] = None
                    elif name == table.pk:
                        new[name] = maps[key][value]
                    elif name in table.fks:
                        new[name] = maps[table.fks[name]].get(value, value)
                    elif name == table.instance_pk:
                        new[name] = maps[table.instance_model].get(value, value)
                    elif isinstance(f, DateTimeField):
                        new[name] = times.at(value)
                    elif isinstance(f, DateField):
                        new[name] = times.day(value)
                    elif isinstance(f, JSONField):
                        new[name] = walk(value)
                    elif isinstance(value, str):
                        new[name] = text(value)
                    elif name == "year" and isinstance(f, IntegerField) and value in template_years:
                        new[name] = replica.year
                    else:
                        new[name] = value
                for name in table.unique_text:
                    if new[name] is not None and new[name] == row[name] and key is not Notification:
                        new[name] = secrets.token_urlsafe(24)[: len(row[name])]
                if key is Notification:
                    self._outbox(new, row, maps)
                new_rows.append(new)
            out[key] = new_rows
        events = []
        if replica.with_events:
            for row in bundle.events:
                new = {f.attname: row[f.attname] for f in self.audit_fields}
                model = self.label_to_model.get(row["object_type"])
                if row["object_id"].isdigit() and model is not None:
                    new["object_id"] = str(maps[model].get(int(row["object_id"]), row["object_id"]))
                for name in ("actor_id", "unit_id", "nomination_id"):
                    target = {"nomination_id": Nomination}.get(name)
                    if target is not None and new[name] is not None:
                        new[name] = maps[target].get(new[name], new[name])
                detail = walk(row["detail"])
                if isinstance(detail.get("task"), int):
                    detail["task"] = maps[Task].get(detail["task"], detail["task"])
                if isinstance(detail.get("history_id"), int) and model in self.history_of:
                    detail["history_id"] = maps[self.history_of[model]].get(
                        detail["history_id"], detail["history_id"]
                    )
                changes = walk(row["changes"])
                if model is not None:
                    for change in changes:
                        target = self._fk_target(model, change.get("field"))
                        if target is not None:
                            for side in ("old", "new"):
                                if isinstance(change.get(side), int):
                                    change[side] = maps[target].get(change[side], change[side])
                        elif change.get("field") == "year" and change.get("new") in template_years:
                            change["new"] = replica.year
                new.update(
                    occurred_at=times.at(row["occurred_at"]),
                    nomination_code=text(row["nomination_code"]),
                    object_repr=text(row["object_repr"]),
                    reason=text(row["reason"]),
                    search_key=text(row["search_key"])[:2000],
                    detail=detail,
                    changes=changes,
                )
                events.append(new)
        del AwardDecision  # imported for readers: decisions are remapped like any table
        return out, events

    def _fk_target(self, model, name):
        try:
            f = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 — a many-to-many or a field since removed
            return None
        if f.is_relation and f.remote_field is not None and f.concrete:
            return _concrete(f.remote_field.model)
        if f.many_to_many:
            return _concrete(f.remote_field.model)
        return None

    def _outbox(self, new, old, maps) -> None:
        """Links and dedupe keys name tasks, dossiers and decisions by id; old mail was sent and read."""
        from viewflow.workflow.models import Task

        from nominations.models import Nomination
        from workflows.models import AwardDecision

        targets = {"tasks": Task, "decisions": AwardDecision}
        if new["url"]:
            new["url"] = URL_IDS.sub(
                lambda m: f"/{m[1]}/{maps[targets[m[1]]].get(int(m[2]), m[2])}/", new["url"]
            )
        if old["dedupe_key"]:
            # "<what>:<ids…>:<recipient>" (notifications.services.notify)
            kind, *middle, recipient = old["dedupe_key"].split(":")
            targets = {
                "decision": [AwardDecision, Nomination],
                "approved": [Nomination],
                "rejected": [Nomination],
            }
            models = targets.get(kind, [Task] if kind in ("waiting", "returned", "forwarded") else None)
            if models is not None and len(models) == len(middle) and all(part.isdigit() for part in middle):
                ids = [str(maps[m].get(int(part), part)) for m, part in zip(models, middle, strict=True)]
                new["dedupe_key"] = ":".join([kind, *ids, recipient])
            else:
                new["dedupe_key"] = secrets.token_hex(16)
        age = self.now - new["created_at"]
        if age > datetime.timedelta(days=2) and new["email_status"] in (
            "pending",
            "held",
            "sending",
            "retrying",
        ):
            new["email_status"] = "grouped" if new["email_status"] == "held" else "sent"
            new["sent_at"] = new["created_at"] + datetime.timedelta(minutes=2)
            new["claimed_at"] = None
            new["claimed_by"] = ""
            if age > datetime.timedelta(days=7):
                new["read_at"] = new["created_at"] + datetime.timedelta(hours=20)


# --- Writing ------------------------------------------------------------------------------


class Writer:
    """Rows to tables in bulk: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"

    def write(self, table: Table, rows: list, fields=None) -> None:
        if not rows:
            return
        fields = fields or table.fields
        q = self.connection.ops.quote_name
        columns = ", ".join(q(f.column) for f in fields)
        if self.postgres:
            prepare = [(f.attname, _pg_preparer(f, self.connection)) for f in fields]
            self.connection.ensure_connection()
            with self.connection.connection.cursor() as cursor:
                with cursor.copy(f"COPY {q(table.name)} ({columns}) FROM STDIN") as copy:  # noqa: S608
                    for row in rows:
                        copy.write_row([prep(row[name]) for name, prep in prepare])
            return
        marks = ", ".join(["%s"] * len(fields))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {q(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608
                [[f.get_db_prep_save(row[f.attname], self.connection) for f in fields] for row in rows],
            )


def _pg_preparer(f, connection):
    """How one column's python value goes into COPY: as is for plain types, JSON as text,
    and the field's own conversion for the rest (viewflow's flow and task references…)."""
    from django.db import models

    if isinstance(f, models.JSONField):
        return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
    plain = (
        models.CharField,
        models.TextField,
        models.IntegerField,
        models.DateTimeField,
        models.DateField,
        models.BooleanField,
        models.ForeignKey,
        models.AutoField,
        models.BigAutoField,
        models.FloatField,
        models.DecimalField,
    )
    if type(f) in plain or isinstance(f, models.ForeignKey | models.AutoField):
        return lambda value: value
    return lambda value: f.get_db_prep_save(value, connection)


class AuditStream:
    """Audit rows merged in time order, numbered and hashed as ``audit.chain.append`` does."""

    def __init__(self, writer: Writer, tables):
        from audit.chain import GENESIS_HASH, HEAD_ID
        from audit.models import AuditEvent, ChainHead

        self.writer = writer
        self.table = tables[AuditEvent]
        self.fields = list(AuditEvent._meta.concrete_fields)
        head = ChainHead.objects.get(pk=HEAD_ID)
        self.sequence = head.last_sequence
        self.last_hash = head.last_hash or GENESIS_HASH
        self.next_id = (AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        self.heap = []
        self.counter = 0
        self.written = 0
        self.pending = []

    def push(self, events: list) -> None:
        for event in events:
            self.counter += 1
            heapq.heappush(self.heap, (event["occurred_at"], self.counter, event))

    def flush_before(self, moment) -> None:
        """Number and write every queued event older than ``moment`` (none can come before it)."""
        from audit.chain import HEAD_ID, compute_hash

        while self.heap and (moment is None or self.heap[0][0] < moment):
            _at, _n, event = heapq.heappop(self.heap)
            self.sequence += 1
            event["id"] = self.next_id
            self.next_id += 1
            # Copies go to chain 1 whatever chain their template's transaction took.
            event["chain"] = HEAD_ID
            event["sequence"] = self.sequence
            event["prev_hash"] = self.last_hash
            event["hash"] = self.last_hash = compute_hash(event)
            self.pending.append(event)
            if len(self.pending) >= BATCH:
                self._write()
        if moment is None:
            self._write()

    def _write(self) -> None:
        self.writer.write(self.table, self.pending, self.fields)
        self.written += len(self.pending)
        self.pending = []

    def close(self) -> None:
        from django.db import connection

        from audit.chain import HEAD_ID, forget_held
        from audit.models import ChainHead

        self.flush_before(None)
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {q(ChainHead._meta.db_table)} SET last_sequence = %s, last_hash = %s WHERE id = %s",  # noqa: S608
                [self.sequence, self.last_hash, HEAD_ID],
            )
        forget_held()


# --- The plan: which replicas, when ---------------------------------------------------------


def more_staff(units, rng) -> None:
    """Enough people per unit that the nominees vary (as the onboarding import would add them)."""
    from simple_history.utils import bulk_create_with_history

    from common.text import fold
    from nominations.models import Staff

    people = []
    for unit in units:
        have = Staff.objects.filter(unit=unit).count()
        for number in range(have, STAFF_PER_UNIT):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            code = f"{unit.code.upper()}-G{number:04d}"
            people.append(
                Staff(
                    staff_code=code,
                    full_name=name,
                    gender=rng.choice(["male", "female"]),
                    unit=unit,
                    search_key=fold(f"{name} {code}"),
                )
            )
    if people:
        bulk_create_with_history(people, Staff, batch_size=BATCH)


def plan(bundles, count: int, rng, now) -> list:
    """Replicas until ``count`` dossiers: finished ones over the years, open ones recent."""
    from nominations.models import Staff

    by_stage = defaultdict(list)
    for bundle in bundles:
        by_stage[bundle.stage].append(bundle)
    weights = {**FINISHED_STAGES, **OPEN_STAGES}
    stages = list(weights)
    staff_by_unit = defaultdict(list)
    for pk, unit_id, name in Staff.objects.values_list("pk", "unit_id", "full_name"):
        staff_by_unit[unit_id].append((pk, name))
    first = datetime.datetime(FIRST_YEAR, 1, 5, 8, tzinfo=datetime.UTC)
    finished_until = now - datetime.timedelta(days=45)
    replicas = []
    made = 0
    while made < count:
        # Weights count dossiers: a decision's bundle holds one dossier per unit.
        stage = rng.choices(stages, [weights[s] / len(by_stage[s][0].dossiers) for s in stages])[0]
        bundle = rng.choice(by_stage[stage])
        if stage in FINISHED_STAGES:
            span = datetime.timedelta(days=rng.uniform(20, 150))
            end = first + (finished_until - first) * rng.random()
            start = max(first, end - span)
        else:
            end = now - datetime.timedelta(days=rng.uniform(0.2, 40))
            start = end - datetime.timedelta(days=rng.uniform(1, 25))
        nominees = []
        for dossier in bundle.dossiers:
            if dossier.nominee_kind == "individual":
                nominees.append(rng.choice(staff_by_unit[dossier.unit_id]))
            else:
                unit_name = dossier.nominee_name.rsplit(" (", 1)[-1]
                nominees.append((None, f"{rng.choice(COLLECTIVES)} ({unit_name}"))
        replicas.append(Replica(bundle, start, end, start.year, [], nominees))
        made += len(bundle.dossiers)
    return replicas


def number_dossiers(replicas) -> dict:
    """Dossier codes in order of time within each year, after the year's last number."""
    from nominations.models import NominationSequence

    last = dict(NominationSequence.objects.values_list("year", "last_number"))
    for replica in sorted(replicas, key=lambda r: r.start):
        for _dossier in replica.bundle.dossiers:
            last[replica.year] = last.get(replica.year, 0) + 1
            replica.codes.append(f"KT-{replica.year}-{last[replica.year]:06d}")
    return last


def budget_events(replicas, events: int, existing: int) -> int:
    """The newest dossiers keep their audit events while the budget lasts; returns what is left."""
    left = events - existing
    for replica in sorted(replicas, key=lambda r: r.end, reverse=True):
        size = len(replica.bundle.events)
        replica.with_events = size <= left
        if replica.with_events:
            left -= size
    return max(left, 0)


# --- Main -----------------------------------------------------------------------------------


def generate(
    dossiers: int = 100_000,
    events: int = 1_000_000,
    seed: int = 14,
    verbose: bool = True,
    unit_codes: list | None = None,
) -> dict:
    """Fill the configured database (migrated) with the demo and ``dossiers`` dossiers, in
    the units ``unit_codes`` (the 12 demo units by default; fewer drive fewer templates)."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from audit.models import AuditEvent
    from nominations.models import Unit

    def say(message):
        if verbose:
            print(message, flush=True)

    started = time.perf_counter()
    rng = random.Random(seed)
    call_command("seed_demo", verbosity=0)
    units = [Unit.objects.get(code=code) for code in unit_codes or UNIT_CODES]
    tables = tracked_tables()
    say(f"demo seeded ({time.perf_counter() - started:.0f} s); driving templates…")
    bundles, logins = drive_templates(tables, units)
    more_staff(units, rng)
    template_dossiers = sum(len(b.dossiers) for b in bundles)
    say(
        f"{len(bundles)} templates ({template_dossiers} dossiers) driven ({time.perf_counter() - started:.0f} s)"
    )
    now = timezone.now()
    replicas = plan(bundles, max(dossiers - template_dossiers, 0), rng, now)
    fill = budget_events(replicas, events, AuditEvent.objects.count())
    login_times = sorted(
        datetime.datetime(FIRST_YEAR, 1, 4, tzinfo=datetime.UTC)
        + (now - datetime.datetime(FIRST_YEAR, 1, 4, tzinfo=datetime.UTC)) * rng.random()
        for _ in range(fill)
    )
    made, written = write_replicas(
        tables, replicas, now, logins=logins.events, login_times=login_times, say=say, started=started
    )
    elapsed = time.perf_counter() - started
    say(
        f"done: {made + template_dossiers:,} dossiers, {AuditEvent.objects.count():,} audit events in {elapsed:.0f} s"
    )
    return {
        "dossiers": made + template_dossiers,
        "events": written,
        "seconds": elapsed,
        "db": connection.vendor,
    }


def write_replicas(
    tables, replicas, now, *, logins=(), login_times=(), say=None, started=None
) -> tuple[int, int]:
    """Number the replicas' dossiers, write their rows and their audit events (with sign-ins
    at ``login_times`` copied from the ``logins`` events) in time order, set the chain head, the
    code counters and the sequences. Returns (dossiers, audit events) written."""
    from django.db import transaction

    from nominations.models import NominationSequence

    started = started if started is not None else time.perf_counter()
    last_numbers = number_dossiers(replicas)
    replicas = sorted(replicas, key=lambda r: r.start)
    ids = Ids(high_marks(tables))
    ids.next["decision_number"] = 1000
    replicator = Replicator(tables, ids, now)
    writer = Writer()
    stream = AuditStream(writer, tables)
    login_position = 0
    per_login = max(len(logins), 1)
    made = 0
    step = max(BATCH // 4, 1)
    for offset in range(0, len(replicas), step):
        chunk = replicas[offset : offset + step]
        pending = defaultdict(list)
        with transaction.atomic():
            for replica in chunk:
                rows, audit_rows = replicator.copy(replica)
                for key, new_rows in rows.items():
                    pending[key].extend(new_rows)
                stream.push(audit_rows)
                made += len(replica.bundle.dossiers)
            # Nothing later can start before the next replica: events before it are final.
            horizon = replicas[offset + len(chunk)].start if offset + len(chunk) < len(replicas) else now
            logins_now = []
            while login_position < len(login_times) and login_times[login_position] < horizon:
                template = logins[login_position % per_login]
                logins_now.append(_login_event(template, login_times[login_position]))
                login_position += 1
            stream.push(logins_now)
            for key, new_rows in pending.items():
                writer.write(tables[key], new_rows)
            stream.flush_before(horizon)
        if say:
            say(
                f"  {made:,} dossiers, {stream.written:,} audit events ({time.perf_counter() - started:.0f} s)"
            )
    with transaction.atomic():
        stream.push(
            [
                _login_event(logins[i % per_login], login_times[i])
                for i in range(login_position, len(login_times))
            ]
        )
        stream.close()
        for year, number in last_numbers.items():
            NominationSequence.objects.update_or_create(year=year, defaults={"last_number": number})
    _after_bulk(tables)
    return made, stream.written


def _login_event(template: dict, moment) -> dict:
    event = dict(template)
    event["occurred_at"] = moment
    return event


def _after_bulk(tables) -> None:
    """Sequences past the ids written by hand (PostgreSQL), and fresh planner statistics."""
    from django.db import connection

    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables.values():
                if table.pk_target is not None:
                    continue
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({q(table.pk)}), 1)) "  # noqa: S608
                    f"FROM {q(table.name)}",
                    [table.name, table.pk],
                )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # As autovacuum would leave them: visibility maps set, so counts read indexes only.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
