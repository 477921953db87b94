"""What the unit changed since a dossier was returned: the fields and the evidence files,
read from the dossier's history (django-simple-history), shown to the reviewer beside the
comment that asked for the change."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations.models import Attachment, Nomination

from .selectors import HUMAN_NODES
from .steps import STEPS, Decision

# The fields a unit edits while revising, in the order of the form.
COMPARED_FIELDS = [
    "nominee_kind",
    "staff",
    "collective_name",
    "award_type",
    "basis",
    "campaign",
    "year",
    "achievement_summary",
]
WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text) for long text


@dataclass
class FileChange:
    name: str
    kind: str  # "added", "removed", "changed"
    when: datetime


@dataclass
class Revision:
    """The return that asked for a change, and what changed since."""

    step_label: str
    returned_by: object
    returned_at: datetime
    comment: str
    fields: list[FieldChange]
    files: list[FileChange]

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.files)


def _display(instance, name: str) -> str:
    model_field = Nomination._meta.get_field(name)
    if model_field.is_relation:
        related_id = getattr(instance, model_field.attname)
        if related_id is None:
            return ""
        return str(model_field.related_model._default_manager.filter(pk=related_id).first() or related_id)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(getattr(instance, name), getattr(instance, name)))
    value = getattr(instance, name)
    return "" if value is None else str(value)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` → ``new`` word by word: ("same" | "del" | "ins", text)."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    result = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            result.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            result.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            result.append(("ins", "".join(b[j1:j2])))
    return result


def last_return(nomination) -> Task | None:
    """The latest human step that sent the dossier back (to the unit, or to the office)."""
    return (
        Task.objects.filter(
            process__nominationprocess__nomination=nomination,
            flow_task__in=list(HUMAN_NODES.values()),
            status=STATUS.DONE,
        )
        .filter(Q(data__decision=Decision.RETURN))
        .select_related("owner")
        .order_by("-finished", "-id")
        .first()
    )


def changes_since_return(nomination, *, before=None) -> Revision | None:
    """The diff between the dossier when it was last returned and now, or ``None`` when it
    was never returned (or, with ``before``, not returned before that moment)."""
    task = last_return(nomination)
    if task is None or task.finished is None or (before is not None and task.finished > before):
        return None
    then = nomination.history.as_of(task.finished)
    fields = []
    for name in COMPARED_FIELDS:
        old, new = _display(then, name), _display(nomination, name)
        if old == new:
            continue
        label = str(Nomination._meta.get_field(name).verbose_name).capitalize()
        words = word_diff(old, new) if name == "achievement_summary" else []
        fields.append(FieldChange(label=label, old=old, new=new, words=words))
    files = []
    history = Attachment.history.filter(nomination_id=nomination.pk, history_date__gt=task.finished).order_by(
        "history_date", "history_id"
    )
    kinds = {"+": "added", "-": "removed", "~": "changed"}
    for record in history:
        files.append(
            FileChange(name=record.original_name, kind=kinds[record.history_type], when=record.history_date)
        )
    return Revision(
        step_label=str(STEPS[task.flow_task.name].label),
        returned_by=task.owner,
        returned_at=task.finished,
        comment=(task.data or {}).get("comment", ""),
        fields=fields,
        files=files,
    )
