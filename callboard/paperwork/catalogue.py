"""The start forms a production uses, as data (framework-free): each form's fields, which are
private (stored sealed, shown masked, payroll only), who signs it, and which people get it.

A production adapts these by choosing forms per packet; the field lists are the defaults a
US production office uses (deal memo, crew start form, NDA, emergency contact, direct
deposit, W-4, I-9, state withholding, CA/NY wage notices, box rental inventory, loan-out).
"""

from __future__ import annotations

from dataclasses import dataclass

from .rules import I9_AUTHORIZED, I9_CITIZEN, I9_NATIONAL, I9_PERMANENT_RESIDENT

# Field kinds: how a value is typed, checked and shown.
TEXT, LONG_TEXT, DATE, MONEY, NUMBER, CHOICE, CHECK = (
    "text",
    "long_text",
    "date",
    "money",
    "number",
    "choice",
    "check",
)
SSN, ROUTING, ACCOUNT, DATE_OF_BIRTH = "ssn", "routing", "account", "dob"
# Identity-document numbers (A-Number, I-94, passport) and a loan-out's federal EIN.
DOCUMENT_NUMBER, EIN = "document_number", "ein"
PRIVATE_KINDS = frozenset({SSN, ROUTING, ACCOUNT, DATE_OF_BIRTH, DOCUMENT_NUMBER, EIN})

EMPLOYEE, PRODUCTION = "employee", "production"

I9_STATUSES = (I9_CITIZEN, I9_NATIONAL, I9_PERMANENT_RESIDENT, I9_AUTHORIZED)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    # Filled by the production office (deal terms): read-only on the person's phone; a person
    # who disagrees asks for a change instead.
    office: bool = False

    @property
    def private(self) -> bool:
        return self.kind in PRIVATE_KINDS


@dataclass(frozen=True)
class FormSpec:
    kind: str
    title: str
    fields: tuple[Field, ...]
    signers: tuple[str, ...] = (EMPLOYEE,)
    body: str = ""  # the terms the signer agrees to
    office_only: bool = False  # filled by the office (I-9 Section 2), not the employee
    needs_uploads: bool = False  # identity documents as photos or PDFs

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


_NAME = (Field("legal_name", "Legal name (as on your ID)"),)
_ADDRESS = (
    Field("street", "Street address"),
    Field("city", "City"),
    Field("state", "State"),
    Field("postal_code", "ZIP code"),
)
_DEAL = (
    Field("position", "Position", office=True),
    Field("department", "Department", office=True),
    Field("start_date", "Start date", DATE, office=True),
    Field("rate", "Rate", MONEY, office=True),
    Field("rate_unit", "Per", CHOICE, choices=("hour", "day", "week"), office=True),
    Field("guaranteed_hours", "Guaranteed hours", NUMBER, required=False, office=True),
    Field("kit_rental", "Box / kit rental", MONEY, required=False, office=True),
    Field(
        "kit_rental_unit",
        "Kit rental per",
        CHOICE,
        required=False,
        choices=("day", "week"),
        office=True,
    ),
    Field("per_diem", "Per diem / allowances", MONEY, required=False, office=True),
    Field("other_terms", "Other terms", LONG_TEXT, required=False, office=True),
)
_WAGE_NOTICE = (
    Field("rate", "Rate", MONEY, office=True),
    Field("overtime_rate", "Overtime rate", MONEY, office=True),
    Field("payday", "Regular payday", office=True),
)
_SSN = Field("ssn", "Social Security number", SSN)

FORMS: dict[str, FormSpec] = {
    spec.kind: spec
    for spec in (
        FormSpec("deal_memo", "Deal memo (non-union)", _NAME + _DEAL, (EMPLOYEE, PRODUCTION)),
        FormSpec(
            "deal_memo_union",
            "Deal memo (union)",
            _NAME
            + _DEAL
            + (Field("union", "Union", office=True), Field("local", "Local", office=True)),
            (EMPLOYEE, PRODUCTION),
        ),
        FormSpec(
            "start_form",
            "Crew start form",
            _NAME
            + _ADDRESS
            + (
                _SSN,
                Field("date_of_birth", "Date of birth", DATE_OF_BIRTH),
                Field("email", "E-mail"),
                Field("phone", "Mobile phone"),
                Field("citizen", "U.S. citizen", CHOICE, choices=("yes", "no")),
            ),
        ),
        FormSpec(
            "nda",
            "Confidentiality agreement",
            _NAME,
            body="I will keep the script, schedules, cast and everything I learn on this "
            "production confidential, during the production and after it, and will not post, "
            "share or discuss it outside the production without written permission.",
        ),
        FormSpec(
            "emergency_contact",
            "Emergency contact",
            _NAME
            + (
                Field("contact_name", "Contact's name"),
                Field("relationship", "Relationship"),
                Field("contact_phone", "Contact's phone"),
                Field("medical_notes", "Allergies or medical notes", LONG_TEXT, required=False),
            ),
        ),
        FormSpec(
            "direct_deposit",
            "Direct deposit",
            _NAME
            + (
                _SSN,
                Field("bank_name", "Bank"),
                Field("routing_number", "Routing number", ROUTING),
                Field("account_number", "Account number", ACCOUNT),
                Field("account_type", "Account type", CHOICE, choices=("checking", "savings")),
            ),
        ),
        FormSpec(
            "w4",
            "Federal withholding (W-4)",
            _NAME
            + (
                _SSN,
                Field(
                    "filing_status",
                    "Filing status",
                    CHOICE,
                    choices=("single", "married filing jointly", "head of household"),
                ),
                Field(
                    "multiple_jobs", "Multiple jobs or spouse works (step 2)", CHECK, required=False
                ),
                Field("dependents_amount", "Dependents (step 3)", MONEY, required=False),
                Field("other_income", "Other income (step 4a)", MONEY, required=False),
                Field("deductions", "Deductions (step 4b)", MONEY, required=False),
                Field("extra_withholding", "Extra withholding (step 4c)", MONEY, required=False),
            ),
        ),
        FormSpec(
            "i9_section1",
            "I-9 Section 1: employee information and attestation",
            _NAME
            + _ADDRESS
            + (
                Field("date_of_birth", "Date of birth", DATE_OF_BIRTH),
                # Optional on the I-9 unless the employer uses E-Verify (settings).
                Field("ssn", "Social Security number", SSN, required=False),
                Field("status", "Attestation", CHOICE, choices=I9_STATUSES),
                # What the attestation asks for (rules.i9_section1_problems says which).
                Field("uscis_number", "A-Number / USCIS number", DOCUMENT_NUMBER, required=False),
                Field("i94_number", "Form I-94 admission number", DOCUMENT_NUMBER, required=False),
                Field(
                    "passport_number", "Foreign passport number", DOCUMENT_NUMBER, required=False
                ),
                Field("passport_country", "Country that issued the passport", required=False),
                Field("work_until", "Authorized to work until (date, or N/A)", required=False),
            ),
            needs_uploads=True,
        ),
        FormSpec(
            "i9_section2",
            "I-9 Section 2: employer review of documents",
            (
                Field("first_day", "First day of employment", DATE),
                # Titles and masked numbers; the numbers themselves are sealed (doc1_number…).
                Field("documents", "Documents examined", LONG_TEXT),
                Field("reviewer", "Name and title of the employer's representative"),
            ),
            (PRODUCTION,),
            office_only=True,
        ),
        FormSpec(
            "i9_supplement_b",
            "I-9 Supplement B: reverification and rehires",
            (
                # One line per reverification or rehire, numbers masked (sealed beside them).
                Field("records", "Reverifications and rehires", LONG_TEXT),
                Field("work_until", "Now authorized to work until", required=False),
            ),
            (PRODUCTION,),
            office_only=True,
        ),
        FormSpec(
            "ca_de4",
            "California withholding (DE 4)",
            _NAME
            + (
                _SSN,
                Field(
                    "filing_status",
                    "Filing status",
                    CHOICE,
                    choices=(
                        "single or married (with two or more incomes)",
                        "married (one income)",
                        "head of household",
                    ),
                ),
                Field("allowances", "Withholding allowances", NUMBER),
            ),
        ),
        FormSpec(
            "ca_wage_notice",
            "California wage notice (Labor Code 2810.5)",
            _NAME + _WAGE_NOTICE,
            (EMPLOYEE, PRODUCTION),
        ),
        FormSpec(
            "ny_wage_notice",
            "New York pay notice (LS 54)",
            _NAME + _WAGE_NOTICE + (Field("language", "Primary language"),),
            (EMPLOYEE, PRODUCTION),
        ),
        FormSpec(
            "box_rental",
            "Box / kit rental inventory",
            _NAME
            + (
                Field("inventory", "Items rented (one per line, with value)", LONG_TEXT),
                # The deal memo's kit rental, filled by the office (never the person's to set).
                Field("weekly_rate", "Rental rate", MONEY, office=True),
                Field("rental_per", "Rental per", CHOICE, choices=("day", "week"), office=True),
            ),
        ),
        FormSpec(
            "loanout",
            "Loan-out start form",
            _NAME
            + (
                Field("company", "Loan-out company"),
                Field("state_of_incorporation", "State"),
            ),
        ),
        FormSpec(
            "w9",
            "Request for taxpayer ID (W-9)",
            _NAME
            + (
                Field("business_name", "Business name (the loan-out company)"),
                Field(
                    "tax_classification",
                    "Federal tax classification",
                    CHOICE,
                    choices=(
                        "C corporation",
                        "S corporation",
                        "partnership",
                        "limited liability company",
                    ),
                ),
                Field("ein", "Employer identification number (EIN)", EIN),
            )
            + _ADDRESS,
        ),
    )
}


@dataclass(frozen=True)
class Hire:
    """What decides a person's packet."""

    union: bool
    work_state: str = ""  # "CA", "NY", ...
    kit_rental: bool = False
    loanout: bool = False


def packet_for(hire: Hire) -> list[str]:
    """The forms a person gets, in the order they fill them. A loan-out company is paid
    against its W-9 (its EIN), not the person's W-4."""
    kinds = [
        "deal_memo_union" if hire.union else "deal_memo",
        "start_form",
        "nda",
        "emergency_contact",
        "direct_deposit",
        "w9" if hire.loanout else "w4",
        "i9_section1",
        "i9_section2",
    ]
    state = hire.work_state.strip().upper()
    if state == "CA":
        kinds += ["ca_de4", "ca_wage_notice"]
    elif state == "NY":
        kinds += ["ny_wage_notice"]
    if hire.kit_rental:
        kinds.append("box_rental")
    if hire.loanout:
        kinds.append("loanout")
    return kinds


# Forms a production cannot leave out: payroll cannot pay without them (a W-4, or a loan-out's
# W-9).
REQUIRED_KINDS = frozenset({"start_form", "w4", "w9", "i9_section1", "i9_section2"})


def adapted(spec: FormSpec, adaptation: dict | None) -> FormSpec:
    """A form as a production adapted it: its own terms text and extra questions
    ({"body": str, "extra": [{"label": str, "required": bool}]}); the standard fields stay."""
    if not adaptation:
        return spec
    extra = tuple(
        Field(f"x{n}", str(item.get("label", ""))[:120], TEXT, bool(item.get("required")))
        for n, item in enumerate(adaptation.get("extra") or [], start=1)
        if str(item.get("label", "")).strip()
    )
    body = adaptation.get("body")
    return FormSpec(
        kind=spec.kind,
        title=spec.title,
        fields=spec.fields + extra,
        signers=spec.signers,
        body=spec.body if body is None else str(body),
        office_only=spec.office_only,
        needs_uploads=spec.needs_uploads,
    )
