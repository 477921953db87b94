"""Events that lower apps announce and higher apps (the audit trail) listen to.

A lower app must not call the audit trail: it sends one of these signals inside the
transaction of what it did, and ``audit`` records it by listening.
"""

from django.dispatch import Signal

# A stored file was handed to a person: ``sender`` is the model class,
# kwargs ``upload`` (the stored-upload instance), ``request``.
file_downloaded = Signal()

# An object permission was granted or revoked: kwargs ``granted``, ``permission``
# (``app.codename``), ``holder`` (group or user), ``target`` (the object).
permission_changed = Signal()

# A sign-in lockout was lifted by a person: kwargs ``username``, ``ip_address``, ``by``.
account_unlocked = Signal()
