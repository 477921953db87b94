"""The audit trail as CSV or Excel, streamed in bounded memory: events are read from the
database in chunks and written out chunk by chunk, so 1,000,000 events cost what 2,000 do,
and the first bytes leave before the first event is read.

CSV starts with a UTF-8 byte-order mark, without which Excel reads Vietnamese as Latin-1.
The workbook is written as a stream too (``common.streamed_xlsx``), never through a file.
Cells that a spreadsheet would run as a formula are neutralised (``common.spreadsheets``).
Events come oldest first (by id, the order they were written); each row names its chain and
its number in it.
"""

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common.spreadsheets import safe_row
from common.streamed_xlsx import stream_xlsx

from .presenters import Entry, changes_as_text, local_time, present

CHUNK_SIZE = 2000
BOM = "\ufeff"

COLUMNS = [
    (_("No."), lambda e: e.event.sequence),
    (_("Time"), lambda e: local_time(e.event.occurred_at)),
    (_("Event"), lambda e: str(e.title)),
    (_("User name"), lambda e: e.event.actor_username),
    (_("Full name"), lambda e: e.actor_name),
    (_("IP address"), lambda e: e.event.ip_address or ""),
    (_("Unit"), lambda e: e.event.unit_code),
    (_("Dossier"), lambda e: e.event.nomination_code),
    (_("Object"), lambda e: e.object_label if e.event.object_type else ""),
    (_("Summary"), lambda e: e.summary),
    (_("Changes"), changes_as_text),
    (_("Reason"), lambda e: e.event.reason),
    (_("Detail"), lambda e: json.dumps(e.event.detail, ensure_ascii=False, sort_keys=True)),
    (_("Hash"), lambda e: e.event.hash),
    (_("Chain"), lambda e: e.event.chain),
]


def headers() -> list[str]:
    return [str(title) for title, _getter in COLUMNS]


def _chunks(events: QuerySet) -> Iterator[list[Entry]]:
    """Readable entries, ``CHUNK_SIZE`` at a time, oldest first."""
    chunk = []
    for event in events.select_related("actor").order_by("id").iterator(chunk_size=CHUNK_SIZE):
        chunk.append(event)
        if len(chunk) == CHUNK_SIZE:
            yield present(chunk)
            chunk = []
    if chunk:
        yield present(chunk)


def rows(events: QuerySet) -> Iterator[list]:
    for chunk in _chunks(events):
        for entry in chunk:
            yield [getter(entry) for _title, getter in COLUMNS]


def csv_chunks(events: QuerySet) -> Iterator[str]:
    """The CSV text in pieces (one per chunk of events), BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    yield BOM + buffer.getvalue()
    for chunk in _chunks(events):
        buffer.seek(0)
        buffer.truncate()
        for entry in chunk:
            writer.writerow(safe_row(getter(entry) for _title, getter in COLUMNS))
        yield buffer.getvalue()


def write_csv(events: QuerySet, stream) -> None:
    """Write the CSV to a binary ``stream``."""
    for piece in csv_chunks(events):
        stream.write(piece.encode("utf-8"))


def xlsx_chunks(events: QuerySet) -> Iterator[bytes]:
    """The workbook's bytes in pieces: its fixed parts first, then one piece per chunk of events."""
    chunks = ([[getter(entry) for _title, getter in COLUMNS] for entry in chunk] for chunk in _chunks(events))
    return stream_xlsx(str(_("Audit trail")), headers(), chunks)


def write_xlsx(events: QuerySet, stream) -> None:
    """Write the workbook to a binary ``stream``."""
    for piece in xlsx_chunks(events):
        stream.write(piece)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
