"""Who may do what: roles as groups (``roles``), every role rule in one place (``policy``),
guardian object permissions that follow a dossier (``grants``) and the one query for the
dossiers a user may see (``selectors``); the users' admin, whose groups are roles."""
