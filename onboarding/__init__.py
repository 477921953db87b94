"""Onboarding a Department and keeping its organisation up to date. It owns the bulk import
of master data (units, collectives, staff, award history, yearly ratings, discipline records)
from .xlsx and .csv, with templates, dry runs, all-or-nothing application and an audit event
per import; the import runs and their progress; accounts in bulk with invitation mails; and
organisation changes over time (rename, merge, dissolve a unit on an effective date). It sits
above ``documents`` and may use every app below it (it records its own audit events through
``audit.services``)."""
