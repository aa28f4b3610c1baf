"""The one capability table: what each role on a production may see and do.

Views ask for a capability (``Cap.PEOPLE_EDIT``), never for a role name, so a
role's reach changes here and nowhere else.
"""

from enum import StrEnum


class Role(StrEnum):
    STUDIO_ADMIN = "studio_admin"
    UPM = "upm"
    COORDINATOR = "coordinator"
    APOC = "apoc"
    ACCOUNTANT = "accountant"
    PAYROLL = "payroll"
    DEPARTMENT_HEAD = "department_head"
    CREW = "crew"
    PA = "pa"
    SECOND_AD = "second_ad"
    SCRIPT_SUPERVISOR = "script_supervisor"
    LOCATION_MANAGER = "location_manager"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.STUDIO_ADMIN: "Studio admin",
    Role.UPM: "UPM / Line producer",
    Role.COORDINATOR: "Production coordinator",
    Role.APOC: "APOC",
    Role.ACCOUNTANT: "Production accountant",
    Role.PAYROLL: "Payroll accountant",
    Role.DEPARTMENT_HEAD: "Department head",
    Role.CREW: "Crew",
    Role.PA: "Production assistant",
    Role.SECOND_AD: "2nd AD",
    Role.SCRIPT_SUPERVISOR: "Script supervisor",
    Role.LOCATION_MANAGER: "Location manager",
}
ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]


class Cap(StrEnum):
    PRODUCTION_VIEW = "production.view"
    PRODUCTION_EDIT = "production.edit"
    MEMBERS_MANAGE = "members.manage"
    PEOPLE_VIEW = "people.view"
    PEOPLE_EDIT = "people.edit"
    PEOPLE_IMPORT = "people.import"
    PEOPLE_EXPORT = "people.export"
    # Home address, emergency contact and private notes.
    PEOPLE_PRIVATE = "people.private"
    # Deal rates on the crew list.
    PEOPLE_RATES = "people.rates"
    VENDORS_VIEW = "vendors.view"
    VENDORS_EDIT = "vendors.edit"
    GROUPS_EDIT = "groups.edit"
    AUDIT_VIEW = "audit.view"
    SCRIPTS_VIEW = "scripts.view"
    SCRIPTS_MANAGE = "scripts.manage"
    SCHEDULE_VIEW = "schedule.view"
    # Break down scenes, move strips, edit calendars, import and export schedules.
    SCHEDULE_EDIT = "schedule.edit"
    # Build, check, publish and revise call sheets; see who has confirmed.
    CALLSHEETS_PUBLISH = "callsheets.publish"
    # Send start packets, review them and approve as the coordinator or UPM.
    PAPERWORK_MANAGE = "paperwork.manage"
    # See SSNs, dates of birth and bank numbers (each view logged); approve as payroll.
    PAPERWORK_PAYROLL = "paperwork.payroll"
    # See time cards: the office's and department heads' (each sees what it may).
    TIMECARDS_VIEW = "timecards.view"
    # Prepare, send, correct, review and batch time cards; deal terms; union days.
    TIMECARDS_MANAGE = "timecards.manage"
    # Approve the time cards of one's own department (department heads; UPM for any).
    TIMECARDS_APPROVE = "timecards.approve"
    # The cost report and the budget.
    ACCOUNTING_VIEW = "accounting.view"
    # Import the chart of accounts and budgets, lock a budget, enter estimates to complete.
    ACCOUNTING_MANAGE = "accounting.manage"
    # Set who approves POs and check requests (not those who approve them day to day).
    ACCOUNTING_APPROVALS = "accounting.approvals"
    # See vendors' tax IDs (each look audited).
    ACCOUNTING_PRIVATE = "accounting.private"
    # Let a "To check" warning pass with a written reason, so the approval it blocks can go
    # on: a packet's, a time card's or a batch's, an invoice's or a payment's.
    PAPERWORK_OVERRIDE = "paperwork.override"
    TIMECARDS_OVERRIDE = "timecards.override"
    ACCOUNTING_OVERRIDE = "accounting.override"
    # The day on set: read the production reports (DPR, status reports, Exhibit G, hot cost).
    REPORTS_VIEW = "reports.view"
    # Record the day's times from set (call, first shot, meals, wrap): 2nd AD, set PA, scripty.
    SET_TIMES = "reports.set_times"
    # Scenes complete, part or not shot; pages, minutes and setups: the script supervisor.
    SCRIPT_PROGRESS = "reports.script_progress"
    # Fill in and submit the DPR and the Exhibit G: the 2nd AD (and the office for them).
    REPORTS_PREPARE = "reports.prepare"
    # Approve the DPR (the UPM), which freezes it and sends it.
    REPORTS_APPROVE = "reports.approve"
    # A department's actual call and wrap and its people's deviations: department heads.
    DEPARTMENT_TIMES = "reports.department_times"
    # Travel: read the bookings, itineraries and rooming lists; book and change travel.
    TRAVEL_VIEW = "travel.view"
    TRAVEL_MANAGE = "travel.manage"
    # Read the locations: places, status, permits, agreements and insurance.
    LOCATIONS_VIEW = "locations.view"
    # Add and edit locations, their documents and permits; price candidates and choose one.
    LOCATIONS_MANAGE = "locations.manage"
    # The office: ask for a drive-on, a run or supplies; order lunch when one is open.
    OFFICE_REQUEST = "office.request"
    # Run the office: approve passes and print gate lists, assign runs, open lunch orders,
    # book rooms and table reads, keep supplies and issue walkies, keys and cards.
    OFFICE_MANAGE = "office.manage"
    # A PA's own day: sign in and out, take runs and mark them picked up and delivered.
    OFFICE_RUNS = "office.runs"
    # Wrap: the completeness report, the wrap checklist and the wrap binder (a payroll role's
    # binder alone holds the signed start packets).
    WRAP_MANAGE = "wrap.manage"
    # Held by studio admins only, so no other role can make someone a studio admin.
    PRODUCTION_ADMIN = "production.admin"
    # Not a power but a duty: whoever holds it signs in with a second factor (an authenticator
    # app's code) on every production, whatever roles they hold elsewhere.
    SECOND_FACTOR = "account.second_factor"


CAP_LABELS = {
    Cap.PRODUCTION_VIEW: "See the show",
    Cap.PEOPLE_VIEW: "Read cast & crew lists",
    Cap.PEOPLE_EDIT: "Add & edit people",
    Cap.PEOPLE_IMPORT: "Import lists",
    Cap.PEOPLE_EXPORT: "Export & print lists",
    Cap.PEOPLE_PRIVATE: "Addresses, emergency contacts, cast numbers",
    Cap.PEOPLE_RATES: "Rates",
    Cap.VENDORS_VIEW: "See vendors",
    Cap.VENDORS_EDIT: "Edit vendors",
    Cap.GROUPS_EDIT: "Edit distribution groups",
    Cap.PRODUCTION_EDIT: "Edit the show's settings",
    Cap.MEMBERS_MANAGE: "Invite & manage the team",
    Cap.AUDIT_VIEW: "Read the audit log",
    Cap.SCRIPTS_VIEW: "Read script versions",
    Cap.SCRIPTS_MANAGE: "Import script versions",
    Cap.SCHEDULE_VIEW: "Read the breakdown, schedule & DOOD",
    Cap.SCHEDULE_EDIT: "Break down & schedule",
    Cap.CALLSHEETS_PUBLISH: "Build & publish call sheets",
    Cap.PAPERWORK_MANAGE: "Send & review start paperwork",
    Cap.PAPERWORK_PAYROLL: "Private payroll data (SSN, bank)",
    Cap.TIMECARDS_VIEW: "See time cards",
    Cap.TIMECARDS_MANAGE: "Review & batch time cards",
    Cap.TIMECARDS_APPROVE: "Approve department time cards",
    Cap.ACCOUNTING_VIEW: "Read the cost report & budget",
    Cap.ACCOUNTING_MANAGE: "Budgets, POs, invoices, petty cash",
    Cap.ACCOUNTING_PRIVATE: "Vendors' tax IDs",
    Cap.ACCOUNTING_APPROVALS: "Set who approves spending",
    Cap.PAPERWORK_OVERRIDE: "Let a paperwork warning pass (with a reason)",
    Cap.TIMECARDS_OVERRIDE: "Let a time card or batch warning pass (with a reason)",
    Cap.ACCOUNTING_OVERRIDE: "Let an invoice or payment warning pass (with a reason)",
    Cap.REPORTS_VIEW: "Read production reports & hot cost",
    Cap.SET_TIMES: "Record times from set",
    Cap.SCRIPT_PROGRESS: "Record scenes, pages & setups",
    Cap.REPORTS_PREPARE: "Fill in & submit the DPR",
    Cap.REPORTS_APPROVE: "Approve the DPR",
    Cap.TRAVEL_VIEW: "Read travel",
    Cap.TRAVEL_MANAGE: "Book travel",
    Cap.DEPARTMENT_TIMES: "Enter a department's actual times",
    Cap.LOCATIONS_VIEW: "Read locations & permits",
    Cap.LOCATIONS_MANAGE: "Scout, price & confirm locations",
    Cap.OFFICE_REQUEST: "Ask the office for passes, runs & supplies; order lunch",
    Cap.OFFICE_MANAGE: "Run the office: gate lists, runs, lunch, rooms, supplies",
    Cap.OFFICE_RUNS: "Sign in as a PA and do runs",
    Cap.WRAP_MANAGE: "Wrap: completeness report, checklist & binder",
    Cap.PRODUCTION_ADMIN: "Make studio admins",
    Cap.SECOND_FACTOR: "Signs in with a second factor",
}


def capability_matrix() -> list[tuple[str, list[bool]]]:
    """(capability label, [held by each role in Role order]) for the team page."""
    return [
        (label, [capability in CAPABILITIES[role] for role in Role])
        for capability, label in CAP_LABELS.items()
    ]


_EVERYONE = {Cap.PRODUCTION_VIEW, Cap.PEOPLE_VIEW, Cap.OFFICE_REQUEST}
_OFFICE = _EVERYONE | {
    Cap.PEOPLE_EDIT,
    Cap.PEOPLE_IMPORT,
    Cap.PEOPLE_EXPORT,
    Cap.PEOPLE_PRIVATE,
    Cap.VENDORS_VIEW,
    Cap.VENDORS_EDIT,
    Cap.GROUPS_EDIT,
    Cap.SCRIPTS_VIEW,
    Cap.SCRIPTS_MANAGE,
    Cap.SCHEDULE_VIEW,
    Cap.SCHEDULE_EDIT,
    Cap.CALLSHEETS_PUBLISH,
    Cap.PAPERWORK_MANAGE,
    Cap.TIMECARDS_VIEW,
    Cap.TIMECARDS_MANAGE,
    Cap.REPORTS_VIEW,
    Cap.SET_TIMES,
    Cap.SCRIPT_PROGRESS,
    Cap.REPORTS_PREPARE,
    Cap.TRAVEL_VIEW,
    Cap.TRAVEL_MANAGE,
    Cap.LOCATIONS_VIEW,
    Cap.LOCATIONS_MANAGE,
    Cap.OFFICE_MANAGE,
    Cap.OFFICE_RUNS,
    Cap.WRAP_MANAGE,
}

CAPABILITIES: dict[Role, frozenset[Cap]] = {
    Role.STUDIO_ADMIN: frozenset(Cap),
    Role.UPM: frozenset(
        _OFFICE
        | {
            Cap.PRODUCTION_EDIT,
            Cap.MEMBERS_MANAGE,
            Cap.PEOPLE_RATES,
            Cap.AUDIT_VIEW,
            Cap.TIMECARDS_APPROVE,
            Cap.REPORTS_APPROVE,
            Cap.DEPARTMENT_TIMES,
            Cap.ACCOUNTING_VIEW,
            Cap.ACCOUNTING_MANAGE,
            Cap.ACCOUNTING_APPROVALS,
            Cap.PAPERWORK_OVERRIDE,
            Cap.TIMECARDS_OVERRIDE,
            Cap.ACCOUNTING_OVERRIDE,
            Cap.SECOND_FACTOR,
        }
    ),
    Role.COORDINATOR: frozenset(
        _OFFICE
        | {
            Cap.PRODUCTION_EDIT,
            Cap.MEMBERS_MANAGE,
            Cap.AUDIT_VIEW,
            Cap.PEOPLE_RATES,
            Cap.ACCOUNTING_VIEW,
            Cap.ACCOUNTING_MANAGE,
        }
    ),
    Role.APOC: frozenset(_OFFICE),
    Role.ACCOUNTANT: frozenset(
        _EVERYONE
        | {
            Cap.PEOPLE_EXPORT,
            Cap.PEOPLE_RATES,
            Cap.VENDORS_VIEW,
            Cap.VENDORS_EDIT,
            Cap.SCHEDULE_VIEW,
            Cap.TIMECARDS_VIEW,
            Cap.TIMECARDS_MANAGE,
            Cap.ACCOUNTING_VIEW,
            Cap.ACCOUNTING_MANAGE,
            Cap.ACCOUNTING_PRIVATE,
            Cap.ACCOUNTING_OVERRIDE,
            Cap.REPORTS_VIEW,
            Cap.LOCATIONS_VIEW,
            Cap.WRAP_MANAGE,
            Cap.SECOND_FACTOR,
        }
    ),
    Role.PAYROLL: frozenset(
        _EVERYONE
        | {
            Cap.PEOPLE_EXPORT,
            Cap.PEOPLE_PRIVATE,
            Cap.PEOPLE_RATES,
            Cap.VENDORS_VIEW,
            Cap.SCHEDULE_VIEW,
            Cap.PAPERWORK_MANAGE,
            Cap.PAPERWORK_PAYROLL,
            Cap.TIMECARDS_VIEW,
            Cap.TIMECARDS_MANAGE,
            Cap.ACCOUNTING_VIEW,
            Cap.ACCOUNTING_PRIVATE,
            Cap.PAPERWORK_OVERRIDE,
            Cap.TIMECARDS_OVERRIDE,
            Cap.REPORTS_VIEW,
            Cap.WRAP_MANAGE,
            Cap.SECOND_FACTOR,
        }
    ),
    Role.DEPARTMENT_HEAD: frozenset(
        _EVERYONE
        | {
            Cap.PEOPLE_EXPORT,
            Cap.VENDORS_VIEW,
            Cap.SCRIPTS_VIEW,
            Cap.SCHEDULE_VIEW,
            Cap.TIMECARDS_VIEW,
            Cap.TIMECARDS_APPROVE,
            Cap.DEPARTMENT_TIMES,
            Cap.LOCATIONS_VIEW,
        }
    ),
    Role.CREW: frozenset(_EVERYONE),
    Role.PA: frozenset(_EVERYONE | {Cap.VENDORS_VIEW, Cap.SET_TIMES, Cap.OFFICE_RUNS}),
    # The 2nd AD keeps the day's times and writes the DPR and Exhibit G for the UPM.
    Role.SECOND_AD: frozenset(
        _EVERYONE
        | {
            Cap.SCRIPTS_VIEW,
            Cap.SCHEDULE_VIEW,
            Cap.REPORTS_VIEW,
            Cap.SET_TIMES,
            Cap.SCRIPT_PROGRESS,
            Cap.REPORTS_PREPARE,
            Cap.LOCATIONS_VIEW,
        }
    ),
    Role.SCRIPT_SUPERVISOR: frozenset(
        _EVERYONE
        | {
            Cap.SCRIPTS_VIEW,
            Cap.SCHEDULE_VIEW,
            Cap.REPORTS_VIEW,
            Cap.SET_TIMES,
            Cap.SCRIPT_PROGRESS,
        }
    ),
    # Finds, prices and confirms the places, holds their agreements, insurance and permits.
    Role.LOCATION_MANAGER: frozenset(
        _EVERYONE
        | {
            Cap.VENDORS_VIEW,
            Cap.SCRIPTS_VIEW,
            Cap.SCHEDULE_VIEW,
            Cap.LOCATIONS_VIEW,
            Cap.LOCATIONS_MANAGE,
        }
    ),
}


# Start packets: the approval step each role signs (paperwork.queries.packet_approval_step);
# a studio admin signs whichever step is next. Other roles sign none.
PACKET_APPROVAL_STEP: dict[Role, str] = {
    Role.COORDINATOR: "coordinator",
    Role.APOC: "coordinator",
    Role.UPM: "upm",
    Role.PAYROLL: "payroll",
}
PACKET_APPROVES_NEXT_STEP = frozenset({Role.STUDIO_ADMIN})


# The roles that sign in with a second factor, read from the table above.
SECOND_FACTOR_ROLES = frozenset(role for role in Role if Cap.SECOND_FACTOR in CAPABILITIES[role])


def role_can(role: str, capability: Cap) -> bool:
    try:
        return capability in CAPABILITIES[Role(role)]
    except ValueError:
        return False


def grantable_roles(capabilities: frozenset[Cap]) -> list[tuple[str, str]]:
    """The roles a member may give or take away: those whose powers they hold themselves."""
    return [(role.value, ROLE_LABELS[role]) for role in Role if CAPABILITIES[role] <= capabilities]


# Spending (POs, check requests): the roles that sign each step of an approval chain
# (accounting.queries.approver_step); a studio admin signs whichever step is next.
SPENDING_APPROVAL_STEPS: dict[str, frozenset[Role]] = {
    "coordinator": frozenset({Role.COORDINATOR}),
    "upm": frozenset({Role.UPM}),
    "producer": frozenset({Role.STUDIO_ADMIN}),
}
SPENDING_APPROVES_ANY_STEP = frozenset({Role.STUDIO_ADMIN})
