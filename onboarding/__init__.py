"""Onboarding a Department: it owns the bulk import of master data (units, collectives, staff,
award history, yearly ratings, discipline records) from .xlsx and .csv, with templates, dry
runs, all-or-nothing application and an audit event per import; the import runs and their
progress; accounts in bulk with invitation mails. It sits above ``documents`` and may use
every app below it (it records its own audit events through ``audit.services``)."""
