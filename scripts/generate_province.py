#!/usr/bin/env python
"""Generate a province's worth of data: N dossiers (default 100,000) over the 12 demo units and
several years, most finished and some waiting at every step, with every row the services leave
behind, and about M audit events (default 1,000,000) on an intact hash chain.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h14p_big .venv/bin/python scripts/generate_province.py
    … scripts/generate_province.py --dossiers 5000 --events 50000

How it stays honest: nothing here writes a row the services would not write. The database is
migrated and seeded with the demo (``seed_demo``), then *template* dossiers are driven through
the real services — one per unit and per stage (waiting at the unit head, in the office queue,
claimed, returned, with the union, with the director, rejected, approved, forwarded, awarded,
not awarded), and decisions of the director with one dossier of each unit — and every row each
template left in every table is captured: the dossier, its historical records, the viewflow
process and tasks (with their ``previous`` links), due dates, guardian grants, eligibility
judgements, award records, certificate codes, the notification outbox and the audit events.
Each replica of a template is a copy of those rows with new ids (foreign keys, history ids,
``object_id``/``task``/``history_id`` in the audit trail and the outbox's links remapped), a
new dossier code, another nominee of the same unit, and its times moved into the past (the
template's few seconds stretched to weeks; due dates keep their distance from the step).

Audit events are renumbered and re-hashed in time order exactly as ``audit.chain`` does
(``compute_hash`` of the same columns, ``prev_hash`` of the one before) and written with COPY
(PostgreSQL) or ``executemany`` (SQLite), bypassing the append-only manager; then the chain head
is set, so ``manage.py verify_audit`` reports the chain intact. When the dossiers' own events
exceed ``--events``, the newest dossiers get theirs (the trail then starts after the oldest
dossiers, as if it had been switched on later); when they fall short, the rest are sign-ins of
the demo users spread over the years.

The machinery lives in ``demo.province`` (the tests of query plans use it too).

Extra staff (so that 100,000 dossiers do not all name the same 20 people per unit) are written
with ``bulk_create_with_history``: historical rows, but one audit event per import, not per
person, as a master-data import would.

Run it on a database you can throw away: it must be empty or hold only an earlier run.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str | None = None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    # Mail is queued in the outbox as the services do; nothing is handed to a broker.
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def generate(*args, **kwargs) -> dict:
    """``demo.province.generate`` (Django must be set up first)."""
    from demo.province import generate as generate_province

    return generate_province(*args, **kwargs)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-migrate", action="store_true", help="the database is already migrated")
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", verbosity=0)
    generate(args.dossiers, args.events, args.seed)


if __name__ == "__main__":
    main()
