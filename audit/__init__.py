"""The hash-chained audit trail, recorded by listening: sign-ins, record history, workflow
events, permission grants and downloads (``common.events``); the log and dossier timeline
pages, exports and ``verify_audit``. Nothing below calls it."""
