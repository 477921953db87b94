"""Telling people: the transactional outbox written by listening to the workflow's events,
who is told what, at-most-once mail through Celery, reminders, escalations, digests,
campaign reminders, and the pages under the bell. Nothing below calls it."""
