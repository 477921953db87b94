"""Who may do what: every role rule of the product, in one place.

Pages, services, tasks and the menu ask these functions; no other module compares role
names. Which *dossiers* a person sees is object-level (their unit's, or all of them for
Department roles) and lives in ``selectors`` and ``grants``; this module says which kinds
of work a role does.
"""

from .roles import Role, has_role, roles_of

# --- Role sets -------------------------------------------------------------------------

# People who work inside one unit and see only that unit's dossiers.
UNIT_ROLES = frozenset({Role.UNIT_OFFICER, Role.UNIT_HEAD})
# Văn phòng Sở: reviews dossiers, prepares decisions, runs campaigns, rounds and the council.
OFFICE = frozenset({Role.OFFICE_REVIEWER, Role.OFFICE_HEAD})
# Giám đốc and Phó Giám đốc: sign off dossiers and sign decisions.
SIGNERS = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})
# Thanh tra, the administrator and the head of the office read the whole audit trail.
AUDIT_LOG_READERS = frozenset({Role.INSPECTOR, Role.ADMINISTRATOR, Role.OFFICE_HEAD})
# Who reads award decisions (Quyết định) and every campaign's registrations and reports.
DECISION_READERS = OFFICE | SIGNERS | {Role.INSPECTOR}
CAMPAIGN_OVERSEERS = OFFICE | {Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.INSPECTOR}
# The union reads the campaigns too (it takes part in them), without every unit's progress.
CAMPAIGN_READERS = CAMPAIGN_OVERSEERS | {Role.TRADE_UNION}
# The mail outbox (failed mails, resend).
OUTBOX_MANAGERS = frozenset({Role.OFFICE_HEAD, Role.ADMINISTRATOR})

# --- Steps of the flow -----------------------------------------------------------------

# Who works on each human step of the flow (the names of ``workflows.steps``).
STEP_WORKERS = {
    "unit_signoff": frozenset({Role.UNIT_HEAD}),
    "revise": frozenset({Role.UNIT_OFFICER}),
    "office_review": OFFICE,
    "union_consultation": frozenset({Role.TRADE_UNION}),
    "council_vote": OFFICE,
    "director_signoff": SIGNERS,
    "record_higher_result": OFFICE,
}
# Steps only the nominating unit's own people work on.
UNIT_STEPS = frozenset({"unit_signoff", "revise"})
# Who may hand a step's task to someone else: the head of the office reassigns office
# work, the director delegates to a deputy.
STEP_DISPATCHERS = {
    "office_review": frozenset({Role.OFFICE_HEAD}),
    "council_vote": frozenset({Role.OFFICE_HEAD}),
    "director_signoff": frozenset({Role.DIRECTOR}),
    "record_higher_result": frozenset({Role.OFFICE_HEAD}),
}


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def may_work_on_step(user, step_name: str, *, unit_id) -> bool:
    """People with one of the step's roles; for unit steps, only the nominating unit's."""
    if not _active(user) or not roles_of(user) & STEP_WORKERS.get(step_name, frozenset()):
        return False
    return step_name not in UNIT_STEPS or user.unit_id == unit_id


def may_dispatch_step(user, step_name: str) -> bool:
    return _active(user) and bool(roles_of(user) & STEP_DISPATCHERS.get(step_name, frozenset()))


def works_on_some_step(user) -> bool:
    return any(roles_of(user) & roles for roles in STEP_WORKERS.values())


# --- Other kinds of work ---------------------------------------------------------------


def is_unit_member(user) -> bool:
    """An officer or head acting for their own unit."""
    return _active(user) and user.unit_id is not None and has_role(user, *UNIT_ROLES)


def is_office(user) -> bool:
    return has_role(user, *OFFICE)


def sees_only_own_unit(user) -> bool:
    """Unit people (officer, head) with no Department role: the dossiers they see are exactly
    their unit's, which their unit's group is granted (``grants``), so a plain unit filter
    answers the same as the object permissions, and reads an index instead of the grants."""
    if not _active(user) or not user.unit_id or user.is_superuser:
        return False
    mine = roles_of(user)
    return bool(mine) and mine <= UNIT_ROLES


def is_inspector(user) -> bool:
    return has_role(user, Role.INSPECTOR)


def can_read_audit_log(user) -> bool:
    """The global log (every event, every unit) and its exports."""
    return bool(user.is_authenticated and (user.is_superuser or has_role(user, *AUDIT_LOG_READERS)))


def can_prepare_decisions(user) -> bool:
    return is_office(user)


def can_sign_decisions(user) -> bool:
    return has_role(user, *SIGNERS)


def can_upload_signed_decisions(user) -> bool:
    """Download a decision to sign with a USB token, and upload it signed: the signers
    themselves, or the office on their behalf."""
    return has_role(user, *SIGNERS) or is_office(user)


def signs_as_deputy(user) -> bool:
    """A decision signed by a deputy reads "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"."""
    return has_role(user, Role.DEPUTY_DIRECTOR)


def can_read_decisions(user) -> bool:
    return has_role(user, *DECISION_READERS)


def can_manage_campaigns(user) -> bool:
    """Create and edit campaigns, open and close nomination rounds, send reminders."""
    return is_office(user)


def can_read_campaigns(user) -> bool:
    """The campaigns list and pages: the Department's roles, and a unit's own people."""
    return has_role(user, *CAMPAIGN_READERS) or is_unit_member(user)


def can_oversee_campaigns(user) -> bool:
    """See every unit's registrations and results reports."""
    return has_role(user, *CAMPAIGN_OVERSEERS)


def can_run_council(user) -> bool:
    """Hold the emulation council's sessions: add dossiers, enter tallies, close."""
    return is_office(user)


def can_review_conflicts(user) -> bool:
    """See every unit's duplicate and conflicting nominations (one achievement, one award)."""
    return is_office(user) or is_inspector(user)


def can_manage_outbox(user) -> bool:
    return user.is_superuser or has_role(user, *OUTBOX_MANAGERS)


def can_register_initiatives(user, unit_id) -> bool:
    """A unit's own people register and attach its initiatives (sáng kiến)."""
    return is_unit_member(user) and user.unit_id == unit_id


def can_draft_nominations(user) -> bool:
    """Draft a dossier for one's own unit (a unit's emulation officer, or a unit's HR system
    through the API)."""
    return _active(user) and user.unit_id is not None and user.has_perm("nominations.add_nomination")


def can_read_api_docs(user) -> bool:
    """The REST API's schema, Swagger and Redoc pages: administrators."""
    return bool(_active(user) and (user.is_superuser or has_role(user, Role.ADMINISTRATOR)))


def can_unlock_accounts(user) -> bool:
    """Lift a sign-in lockout before its cool-off ends."""
    return bool(
        user.is_authenticated and (user.is_superuser or has_role(user, Role.OFFICE_HEAD, Role.ADMINISTRATOR))
    )


# --- Master data and accounts ----------------------------------------------------------

# The administrator keeps the master data (units, staff, history) and the accounts.
MASTER_DATA_KEEPERS = frozenset({Role.ADMINISTRATOR})
# A unit's own emulation officer imports their unit's staff, collectives and history.
UNIT_RECORD_IMPORTERS = frozenset({Role.UNIT_OFFICER})


def can_import_master_data(user) -> bool:
    """Import any kind of master data for every unit (the administrator)."""
    return _active(user) and (user.is_superuser or has_role(user, *MASTER_DATA_KEEPERS))


def can_import_unit_records(user) -> bool:
    """Import the unit-level kinds (collectives, staff, award history, ratings) for one's own unit."""
    return _active(user) and user.unit_id is not None and has_role(user, *UNIT_RECORD_IMPORTERS)


def master_data_import_scope(user, *, unit_level_kind: bool):
    """``"all"`` when ``user`` may import this kind for every unit, their unit when only for
    it, ``None`` when not at all. Discipline records and units are the administrator's."""
    if can_import_master_data(user):
        return "all"
    if unit_level_kind and can_import_unit_records(user):
        return user.unit
    return None


def can_manage_accounts(user) -> bool:
    """Create accounts in bulk, send invitations, deactivate accounts."""
    return can_import_master_data(user)


def can_change_organisation(user) -> bool:
    """Record renames, mergers and dissolutions of units."""
    return can_import_master_data(user)


# --- Reports and statistics ------------------------------------------------------------

# The office, the director's side and the inspector read the statistics of every unit.
STATISTICS_READERS = OFFICE | SIGNERS | {Role.INSPECTOR}


def can_read_statistics(user) -> bool:
    """The statistics page: the Department's readers, and a unit's own people (own unit)."""
    return _active(user) and (has_role(user, *STATISTICS_READERS) or is_unit_member(user))


def statistics_unit(user):
    """The one unit whose figures ``user`` reads, or ``None`` for every unit."""
    if has_role(user, *STATISTICS_READERS):
        return None
    return user.unit_id


def can_read_step_analytics(user) -> bool:
    """Time per step, overdue shares, returns and who holds open work: the Department only."""
    return _active(user) and has_role(user, *STATISTICS_READERS)


def can_write_reports(user) -> bool:
    """Download the year-end and campaign reports (.docx) the office edits and sends."""
    return _active(user) and is_office(user)


def can_see_lookup_secret(user, unit_id) -> bool:
    """The public-lookup secret of a dossier is printed on its unit's receipt: the unit's
    own people and the office see it."""
    return (is_unit_member(user) and user.unit_id == unit_id) or is_office(user)
