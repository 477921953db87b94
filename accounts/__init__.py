"""Users of the system, each tied to a unit; their own password (set from an invitation or
a reset link, changed when an administrator gave it) and the mails that carry those links."""
