"""The rules of start paperwork, framework-free (no Django).

Dataclasses in, dates and sentences out. Every check returns problems in words a
coordinator understands (an empty list, or None, means "fine"); the views, the review
screen and the status board decide what to do with them. Rules from REFERENCE.md
"Start paperwork" and issue 6.

I-9 deadlines
    * Section 1 (the employee's part) is due by the end of the first day of work for pay:
      ``i9_section1_due(start) == start``.
    * Section 2 (the employer's document review) is due within 3 business days of the
      first day of work, i.e. on the 3rd business day *after* the start date: the start
      date itself is not counted (start Monday -> due Thursday; this is how USCIS counts).
    * When the job lasts fewer than 3 business days, Section 2 is due on day 1 (the start
      date). ``job_days`` is the number of business days the job is booked for; ``None``
      means open-ended or unknown, so the 3-day rule applies.
    * Business days are the days the production operates: ``closed`` (a predicate from the
      production's calendar: its weekly days off, days off and holidays) says which days do
      not count. Without a calendar: Monday to Friday, except US federal holidays.
    * ``holidays=None`` means "US federal holidays" (``us_federal_holidays``); a set
      passed in *replaces* them (pass ``set()`` to skip weekends only, or add a studio's
      own closures to ``us_federal_holidays(year)``).
    * Federal holidays are the eleven of 5 U.S.C. 6103: New Year's Day, Martin Luther
      King Jr. Day (3rd Monday of January, from 1986), Washington's Birthday (3rd Monday
      of February), Memorial Day (last Monday of May), Juneteenth (19 June, from 2021),
      Independence Day, Labor Day (1st Monday of September), Columbus Day (2nd Monday of
      October), Veterans Day (11 November), Thanksgiving (4th Thursday of November) and
      Christmas Day. A fixed-date holiday that falls on a Saturday is observed on the
      Friday before, on a Sunday on the Monday after. ``us_federal_holidays(year)`` holds
      the *observed* dates that fall in that year: New Year's Day 2022 (a Saturday) was
      observed on Friday 31 December 2021, so it is in the 2021 set, not the 2022 one.
      Inauguration Day (Washington DC area only) is not included. Dates before 1971
      (when the Monday holidays began) are not needed and follow today's rules.

I-9 documents (``check_i9_documents``)
    * Acceptable is exactly one document from List A (identity and permission to work),
      or one from List B (identity) and one from List C (permission to work). The
      employee chooses which; the messages never tell them which document to bring.
    * A List A document together with List B/C documents is more than is needed and is
      reported (ask the employee which they are presenting); so are two documents from
      the same list.
    * A document whose expiry date is before the review date is refused. A document with
      no expiry date is treated as unexpired: a Social Security card or a birth
      certificate has none. Decision, to keep it simple: receipts (for a lost, stolen or
      damaged document, the arrival portion of Form I-94 with a temporary I-551 stamp,
      a refugee's I-94) and automatically extended EADs are entered as the document they
      stand for, with the receipt's or extension's end date as ``expires``.
    * A document with no number is reported; so is one with no title. The standard
      titles below (from the USCIS Form I-9 "Lists of Acceptable Documents") are
      offered in forms; other wording is accepted, but a standard title entered under
      the wrong list is reported. A Native American tribal document is on both List B
      and List C: it is entered twice (once per list) when it is used for both.
    * Not modelled: restricted Social Security cards ("NOT VALID FOR EMPLOYMENT", "VALID
      FOR WORK ONLY WITH DHS AUTHORIZATION") are not acceptable; the reviewer checks the
      card itself. List B for minors (school record etc.) is offered but age not checked.

Numbers (SSN, bank)
    * Blank input is not a format problem (whether a field is required is
      ``missing_fields``' job): the ``*_problem`` functions return None for it.
    * An SSN is typed with or without separators ("123-45-6789", "123456789",
      "123 45 6789"; hyphens, any dash, spaces and dots are ignored). It must have 9
      digits 0-9 and none of the never-issued patterns: area (first 3) 000, 666 or
      900-999 (those are ITINs), group (middle 2) 00, serial (last 4) 0000. The masked
      value shown on screen ("•••-••-6789") typed back in is recognised and refused.
      Messages never repeat the number (they may be logged).
      So are the two numbers the SSA voided after they were printed for the public
      (078-05-1120, 219-09-9999). A valid pattern is not proof the number is the
      person's: matching it against the SSA (E-Verify/SSNVS) is out of scope.
    * ``normalise_ssn`` returns "123-45-6789" (or "" for blank) and raises ValueError
      with the problem otherwise. ``mask_ssn`` shows the last 4 digits of a 9-digit
      number and nothing of anything else.
    * ABA routing numbers: 9 digits; the first two are 01-12 (banks), 21-32 (thrifts) or
      61-72 (electronic), as payroll direct deposit needs (00 government and 80
      traveller's cheques are refused, which also refuses "000000000"); and the check
      3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) is a multiple of 10.
    * Account numbers: 4 to 17 digits (the ACH account field holds 17). ``mask_account``
      shows "••••" plus the last 4 characters, and only when there are more than 4.

Names (``names_match``)
    * The name must be spelled the same on every form. Compared after Unicode NFKC,
      trimming, collapsing runs of spaces and case-folding; a typographic apostrophe
      (phones type ’) counts as ', and Unicode hyphens as -. Accents, hyphens and
      punctuation otherwise count ("José" differs from "Jose").
    * Input is a list of (form title, name) pairs (or a mapping form title -> name); a
      blank name is skipped (``missing_fields`` reports it). The most common spelling
      is taken as the reference (ties: the first form's); every form that differs is
      reported with both spellings as written.

Deals (``deal_matches``)
    * Compared: rate with its unit (hour/day/week, one sentence), guaranteed hours,
      union with local, kit rental with its unit (day/week), per diem (per day). Money is
      Decimal, never float: ``Deal`` refuses floats (TypeError), turns ints and numeric
      strings ("$1,250.00") into Decimal, a blank string into None, and refuses NaN and
      infinity. A kit rental or per diem of 0 counts as none. $55 equals $55.00. Unions
      compare without case, spaces, hyphens and
      dots ("SAG AFTRA" = "SAG-AFTRA"); locals by their number ("Local 600" = "600").
      An approved deal without a rate is itself reported (never blank or "scale").
    * ``kit_inventory_needed``: a kit/box rental above zero needs the inventory attached.

Completeness (``missing_fields``, ``missing_signatures``)
    * A required field is missing when absent, None, False (an unticked required box),
      a blank string or an empty collection; 0 is a value. Labels come from ``labels``,
      else the key made readable ("date_of_birth" -> "Date of birth").
    * A signature is missing when its time is None.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

# ---------------------------------------------------------------------------------------
# Business days and I-9 deadlines


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:  # Saturday -> Friday before
        return day - timedelta(days=1)
    if day.weekday() == 6:  # Sunday -> Monday after
        return day + timedelta(days=1)
    return day


MON, THU = 0, 3


@lru_cache(maxsize=256)
def _holidays(year: int) -> tuple[tuple[date, str], ...]:
    found: dict[date, str] = {}
    for y in (year, year + 1):  # next New Year's Day may be observed on 31 December
        fixed = [
            (date(y, 1, 1), "New Year's Day"),
            (date(y, 7, 4), "Independence Day"),
            (date(y, 11, 11), "Veterans Day"),
            (date(y, 12, 25), "Christmas Day"),
        ]
        if y >= 2021:
            fixed.append((date(y, 6, 19), "Juneteenth National Independence Day"))
        for day, name in fixed:
            if _observed(day).year == year:
                found[_observed(day)] = name
    if year >= 1986:
        found[_nth_weekday(year, 1, MON, 3)] = "Birthday of Martin Luther King, Jr."
    found[_nth_weekday(year, 2, MON, 3)] = "Washington's Birthday"
    found[_last_weekday(year, 5, MON)] = "Memorial Day"
    found[_nth_weekday(year, 9, MON, 1)] = "Labor Day"
    found[_nth_weekday(year, 10, MON, 2)] = "Columbus Day"
    found[_nth_weekday(year, 11, THU, 4)] = "Thanksgiving Day"
    return tuple(sorted(found.items()))


def us_federal_holiday_names(year: int) -> dict[date, str]:
    """The observed US federal holidays that fall in ``year``, with their names."""
    return dict(_holidays(year))


def us_federal_holidays(year: int) -> set[date]:
    """The observed US federal holidays that fall in ``year`` (see the module docstring)."""
    return set(_holiday_dates(year))


@lru_cache(maxsize=256)
def _holiday_dates(year: int) -> frozenset[date]:
    return frozenset(day for day, _ in _holidays(year))


Closed = Callable[[date], bool]


def is_business_day(
    day: date, holidays: set[date] | None = None, closed: Closed | None = None
) -> bool:
    """A day the production operates: per ``closed`` (its calendar) when given, else Monday
    to Friday and not a holiday (``holidays=None``: US federal holidays)."""
    if closed is not None:
        return not closed(day)
    if day.weekday() >= 5:
        return False
    if holidays is None:
        return day not in _holiday_dates(day.year)
    return day not in holidays


def business_days_after(
    start: date, n: int, holidays: set[date] | None = None, closed: Closed | None = None
) -> date:
    """The ``n``-th business day after ``start`` (``start`` itself is not counted; n=0 gives
    ``start``). ``holidays=None`` means US federal holidays; a set replaces them; ``closed``
    (the production's calendar) replaces both."""
    if n < 0:
        raise ValueError("n must be 0 or more business days.")
    day, counted = start, 0
    for _ in range(n * 7 + 366):  # a calendar closed every day must not loop for ever
        if counted >= n:
            return day
        day += timedelta(days=1)
        if is_business_day(day, holidays, closed):
            counted += 1
    if counted >= n:
        return day
    raise ValueError("The production's calendar has no working days.")


def business_days_between(earlier: date, later: date, closed: Closed | None = None) -> int:
    """How many business days after ``earlier`` ``later`` is (0 when not after)."""
    count, day = 0, earlier
    while day < later and count < 3660:
        day += timedelta(days=1)
        if is_business_day(day, None, closed):
            count += 1
    return count


def i9_section1_due(start: date) -> date:
    """Section 1 is due by the end of the first day of work for pay."""
    return start


def i9_section2_due(
    start: date,
    job_days: int | None = None,
    holidays: set[date] | None = None,
    closed: Closed | None = None,
) -> date:
    """Section 2 is due on the 3rd business day after ``start``; on ``start`` itself when the
    job lasts fewer than 3 business days (``job_days``; None = open-ended or unknown)."""
    if job_days is not None:
        if job_days < 1:
            raise ValueError("A job lasts at least one day.")
        if job_days < 3:
            return start
    return business_days_after(start, 3, holidays, closed)


RECEIPT_FOLLOW_UP_DAYS = 90


@dataclass(frozen=True)
class Overdue:
    text: str  # stable (names the due date), so an override with a reason holds
    days_late: int  # business days past the due date, for the red line beside it

    @property
    def lateness(self) -> str:
        return _late(self.days_late)


@dataclass(frozen=True)
class I9Status:
    """Where one person's I-9 stands on ``today``."""

    overdue: tuple[Overdue, ...]  # red: blocks approval until done or overridden
    due: tuple[str, ...]  # what is coming, with its date


def i9_status(
    *,
    start: date | None,
    job_days: int | None,
    today: date,
    section1_on: date | None,
    section2_on: date | None,
    receipt_until: date | None = None,
    work_until: date | None = None,
    closed: Closed | None = None,
) -> I9Status:
    """The I-9's deadlines against what is done: Section 1 by the first day of work,
    Section 2 within three business days (the first day for a job under three), a receipt's
    90-day follow-up, and reverification (Supplement B) before work authorisation ends."""
    overdue: list[Overdue] = []
    due: list[str] = []

    def late(text: str, since: date) -> None:
        overdue.append(Overdue(text, business_days_between(since, today, closed)))

    if start is not None:
        if section1_on is None:
            if today > start:
                late(
                    f"I-9 Section 1 was due on the first day of work, {start:%a %b %-d, %Y}.", start
                )
            else:
                due.append(f"I-9 Section 1 is due by the first day of work, {start:%a %b %-d}.")
        deadline = i9_section2_due(start, job_days, closed=closed)
        if section2_on is None:
            if today > deadline:
                late(f"I-9 Section 2 was due on {deadline:%a %b %-d, %Y}.", deadline)
            else:
                due.append(f"I-9 Section 2 is due by {deadline:%a %b %-d}.")
        elif section2_on > deadline:
            due.append(
                f"I-9 Section 2 was recorded late, on {section2_on:%b %-d} (due {deadline:%b %-d})."
            )
    if receipt_until is not None:
        if today > receipt_until:
            late(
                f"I-9 receipt: the replacement document was due on {receipt_until:%a %b %-d, %Y}"
                "; record it with Supplement B.",
                receipt_until,
            )
        else:
            due.append(
                f"I-9 receipt: the replacement document is due by "
                f"{receipt_until:%a %b %-d, %Y} (Supplement B)."
            )
    if work_until is not None:
        if today > work_until:
            late(
                f"Work authorization ended on {work_until:%a %b %-d, %Y}: reverify with "
                "Supplement B before more work.",
                work_until,
            )
        elif (work_until - today).days <= 90:
            due.append(
                f"Work authorization ends on {work_until:%a %b %-d, %Y}: reverify with "
                "Supplement B by then."
            )
    return I9Status(tuple(overdue), tuple(due))


def _late(days: int) -> str:
    if days <= 0:
        return "overdue today"
    return f"{days} business day{'s' if days != 1 else ''} overdue"


# ---------------------------------------------------------------------------------------
# I-9 documents (titles from the USCIS Form I-9 Lists of Acceptable Documents)

# List A: identity and permission to work
US_PASSPORT = "U.S. Passport"
US_PASSPORT_CARD = "U.S. Passport Card"
PERMANENT_RESIDENT_CARD = "Permanent Resident Card or Alien Registration Receipt Card (Form I-551)"
FOREIGN_PASSPORT_WITH_I551 = "Foreign passport with a temporary I-551 stamp or printed notation"
EMPLOYMENT_AUTHORIZATION_DOCUMENT = "Employment Authorization Document with photograph (Form I-766)"
FOREIGN_PASSPORT_WITH_I94 = (
    "Foreign passport with Form I-94 or I-94A (work for a specific employer)"
)
FSM_RMI_PASSPORT = (
    "Passport from Micronesia (FSM) or the Marshall Islands (RMI) with Form I-94 or I-94A"
)
# List B: identity
DRIVERS_LICENSE = "Driver's license issued by a U.S. state or outlying possession"
STATE_ID_CARD = "ID card issued by a U.S. state or outlying possession"
GOVERNMENT_ID_CARD = "ID card issued by a federal, state or local government agency"
SCHOOL_ID_CARD = "School ID card with a photograph"
VOTER_REGISTRATION_CARD = "Voter's registration card"
MILITARY_CARD = "U.S. Military card or draft record"
MILITARY_DEPENDENT_ID_CARD = "Military dependent's ID card"
MERCHANT_MARINER_CARD = "U.S. Coast Guard Merchant Mariner Card"
NATIVE_AMERICAN_TRIBAL_DOCUMENT = "Native American tribal document"  # List B and List C
CANADIAN_DRIVERS_LICENSE = "Driver's license issued by a Canadian government authority"
SCHOOL_RECORD = "School record or report card (under 18)"
MEDICAL_RECORD = "Clinic, doctor or hospital record (under 18)"
DAY_CARE_RECORD = "Day-care or nursery school record (under 18)"
# List C: permission to work
SOCIAL_SECURITY_CARD = "Social Security card"  # unrestricted: see the module docstring
BIRTH_ABROAD_CERTIFICATION = (
    "Certification of report of birth abroad (Form DS-1350, FS-545 or FS-240)"
)
BIRTH_CERTIFICATE = "Birth certificate (original or certified copy with an official seal)"
US_CITIZEN_ID_CARD = "U.S. Citizen ID Card (Form I-197)"
RESIDENT_CITIZEN_ID_CARD = (
    "Identification Card for Use of Resident Citizen in the United States (Form I-179)"
)
DHS_EMPLOYMENT_AUTHORIZATION = (
    "Employment authorization document issued by the Department of Homeland Security"
)

LIST_A = (
    US_PASSPORT,
    US_PASSPORT_CARD,
    PERMANENT_RESIDENT_CARD,
    FOREIGN_PASSPORT_WITH_I551,
    EMPLOYMENT_AUTHORIZATION_DOCUMENT,
    FOREIGN_PASSPORT_WITH_I94,
    FSM_RMI_PASSPORT,
)
LIST_B = (
    DRIVERS_LICENSE,
    STATE_ID_CARD,
    GOVERNMENT_ID_CARD,
    SCHOOL_ID_CARD,
    VOTER_REGISTRATION_CARD,
    MILITARY_CARD,
    MILITARY_DEPENDENT_ID_CARD,
    MERCHANT_MARINER_CARD,
    NATIVE_AMERICAN_TRIBAL_DOCUMENT,
    CANADIAN_DRIVERS_LICENSE,
    SCHOOL_RECORD,
    MEDICAL_RECORD,
    DAY_CARE_RECORD,
)
LIST_C = (
    SOCIAL_SECURITY_CARD,
    BIRTH_ABROAD_CERTIFICATION,
    BIRTH_CERTIFICATE,
    NATIVE_AMERICAN_TRIBAL_DOCUMENT,
    US_CITIZEN_ID_CARD,
    RESIDENT_CITIZEN_ID_CARD,
    DHS_EMPLOYMENT_AUTHORIZATION,
)
ACCEPTABLE_TITLES: dict[str, tuple[str, ...]] = {"A": LIST_A, "B": LIST_B, "C": LIST_C}

I9List = Literal["A", "B", "C"]


@dataclass(frozen=True)
class I9Document:
    list: I9List
    title: str
    number: str
    expires: date | None = None  # None: the document has no expiry date
    # A receipt for a lost, stolen or damaged document: the real one is due within 90 days.
    receipt: bool = False


def long_date(day: date) -> str:
    """'March 3, 2024'."""
    return f"{day:%B} {day.day}, {day.year}"


def _document_name(doc: I9Document) -> str:
    title = " ".join((doc.title or "").split())
    return f"List {doc.list} document “{title}”" if title else f"A List {doc.list} document"


def check_i9_documents(docs: Iterable[I9Document], on: date) -> list[str]:
    """Problems with the documents recorded in I-9 Section 2, reviewed on ``on``."""
    docs = list(docs)
    either = "one document from List A, or one from List B and one from List C"
    if not docs:
        return [
            f"No I-9 documents are recorded: the employee shows {either} "
            "(the employee chooses which)."
        ]
    problems: list[str] = []
    for doc in docs:
        if doc.list not in ACCEPTABLE_TITLES:
            problems.append(
                f"{doc.title or 'A document'} is marked List {doc.list!r}: "
                "the I-9 lists are A, B and C."
            )
    counts = Counter(doc.list for doc in docs)
    a, b, c = counts["A"], counts["B"], counts["C"]
    if a and (b or c):
        problems.append(
            "Both a List A document and List B/C documents are recorded, but only one List A "
            "document, or one from List B plus one from List C, is needed: ask the employee "
            "which they are presenting and remove the others."
        )
    elif a > 1:
        problems.append(
            f"{a} List A documents are recorded; only one is needed (the employee chooses which)."
        )
    elif not a:
        if b and not c:
            problems.append(
                "A List B document proves identity only: one document from List C (permission "
                "to work) is also needed, the employee chooses which."
            )
        elif c and not b:
            problems.append(
                "A List C document proves permission to work only: one document from List B "
                "(identity) is also needed, the employee chooses which."
            )
        elif not b and not c:
            problems.append(
                f"No document from List A, B or C is recorded: the employee shows {either}."
            )
        for letter, count in (("B", b), ("C", c)):
            if count > 1:
                problems.append(
                    f"{count} List {letter} documents are recorded; only one is needed."
                )
    for doc in docs:
        name = _document_name(doc)
        if not (doc.title or "").strip():
            problems.append(f"A List {doc.list} document has no title: say which document it is.")
        for letter, titles in ACCEPTABLE_TITLES.items():
            if (
                doc.title in titles
                and doc.list != letter
                and doc.title not in ACCEPTABLE_TITLES.get(doc.list, ())
            ):
                problems.append(f"“{doc.title}” is a List {letter} document, not List {doc.list}.")
                break
        if not (doc.number or "").strip():
            problems.append(f"{name} has no document number.")
        if doc.expires is not None and doc.expires < on:
            problems.append(
                f"{name} expired on {long_date(doc.expires)}: an expired document cannot be "
                "accepted; the employee may present another acceptable document."
            )
    return problems


# ---------------------------------------------------------------------------------------
# SSN, routing and account numbers

_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]")
_MASK_CHARACTERS = re.compile(r"[•*●·]")
BULLET = "•"


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text or "")


def ssn_problem(text: str | None) -> str | None:
    """Why a typed Social Security number cannot be right, or None (also for blank)."""
    text = (text or "").strip()
    if not text:
        return None
    if _MASK_CHARACTERS.search(text):
        return (
            "This is the hidden (masked) number: type the full Social Security number, "
            "e.g. 123-45-6789."
        )
    bare = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"[0-9]*", bare):
        return "A Social Security number has only digits, e.g. 123-45-6789."
    if len(bare) != 9:
        return f"A Social Security number has 9 digits; this has {len(bare)}."
    area, group, serial = bare[:3], bare[3:5], bare[5:]
    if area == "000":
        return "No Social Security number begins with 000: check the first three digits."
    if area == "666":
        return "No Social Security number begins with 666: check the first three digits."
    if area[0] == "9":
        return (
            "No Social Security number begins with 9 "
            "(numbers beginning with 9 are ITINs, not SSNs)."
        )
    if group == "00":
        return "The middle two digits of a Social Security number are never 00."
    if serial == "0000":
        return "The last four digits of a Social Security number are never 0000."
    if bare in KNOWN_INVALID_SSNS:
        return (
            "This Social Security number was printed in an advertisement and is not anyone's:"
            " type your own."
        )
    return None


# Numbers the SSA voided after they were printed on sample cards (the "wallet" number of 1938)
# and in an advertisement (1940s): millions were used as people's own.
KNOWN_INVALID_SSNS = frozenset({"078051120", "219099999"})


def normalise_ssn(text: str | None) -> str:
    """'123-45-6789' (or '' for blank); ValueError with the problem otherwise."""
    if problem := ssn_problem(text):
        raise ValueError(problem)
    digits = _digits(text or "")
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if digits else ""


def mask_ssn(ssn: str | None) -> str:
    """'•••-••-6789': the last 4 digits of a 9-digit number, nothing of anything else."""
    if not (ssn or "").strip():
        return ""
    digits = _digits(ssn or "")
    last = digits[-4:] if len(digits) == 9 else BULLET * 4
    return f"{BULLET * 3}-{BULLET * 2}-{last}"


ROUTING_PREFIXES = {f"{n:02d}" for n in (*range(1, 13), *range(21, 33), *range(61, 73))}


def routing_number_problem(text: str | None) -> str | None:
    """Why a typed ABA routing number cannot be right, or None (also for blank)."""
    text = (text or "").strip()
    if not text:
        return None
    bare = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"[0-9]*", bare):
        return "A routing number has only digits: the 9 digits at the bottom left of a check."
    if len(bare) != 9:
        return f"A routing number has 9 digits; this has {len(bare)}."
    if bare[:2] not in ROUTING_PREFIXES:
        return (
            f"A routing number begins with 01–12, 21–32 or 61–72; this one begins with {bare[:2]}."
        )
    d = [int(ch) for ch in bare]
    if (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10:
        return (
            "This is not a valid routing number (its check digit does not match): check each digit."
        )
    return None


def account_number_problem(text: str | None) -> str | None:
    """Why a typed bank account number cannot be right, or None (also for blank)."""
    text = (text or "").strip()
    if not text:
        return None
    if _MASK_CHARACTERS.search(text):
        return "This is the hidden (masked) number: type the full account number."
    bare = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"[0-9]*", bare):
        return "An account number has only digits."
    if not 4 <= len(bare) <= 17:
        return f"An account number has 4 to 17 digits; this has {len(bare)}."
    return None


def mask_account(number: str | None) -> str:
    """'••••1234': the last 4 characters, shown only when there are more than 4."""
    bare = _SEPARATORS.sub("", (number or "").strip())
    if not bare:
        return ""
    return BULLET * 4 + (bare[-4:] if len(bare) > 4 else "")


def ein_problem(text: str | None) -> str | None:
    """Why a typed federal employer identification number cannot be right, or None."""
    text = (text or "").strip()
    if not text:
        return None
    if _MASK_CHARACTERS.search(text):
        return "This is the hidden (masked) number: type the full EIN, e.g. 12-3456789."
    bare = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"[0-9]{9}", bare):
        return "An EIN has 9 digits, e.g. 12-3456789."
    if bare[:2] in (
        "00",
        "07",
        "08",
        "09",
        "17",
        "18",
        "19",
        "28",
        "29",
        "49",
        "69",
        "70",
        "78",
        "79",
        "89",
        "96",
        "97",
    ):
        return f"No EIN begins with {bare[:2]}: check the first two digits."
    return None


def normalise_ein(text: str) -> str:
    bare = _SEPARATORS.sub("", text.strip())
    return f"{bare[:2]}-{bare[2:]}"


def mask_ein(ein: str | None) -> str:
    """'••-•••6789'."""
    bare = _digits(ein or "")
    return f"{BULLET * 2}-{BULLET * 3}{bare[-4:]}" if len(bare) == 9 else ""


def document_number_problem(text: str | None) -> str | None:
    """Why a typed identity-document number (A-Number, I-94, passport) cannot be right."""
    text = (text or "").strip()
    if not text:
        return None
    if _MASK_CHARACTERS.search(text):
        return "This is the hidden (masked) number: type the full number."
    bare = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"[A-Za-z0-9]{4,20}", bare):
        return "A document number has 4 to 20 letters and digits."
    return None


def mask_document_number(number: str | None) -> str:
    """'•••••6789': the last four characters of a document number, never more."""
    bare = _SEPARATORS.sub("", (number or "").strip())
    if not bare:
        return ""
    return BULLET * 5 + (bare[-4:] if len(bare) > 4 else "")


# ---------------------------------------------------------------------------------------
# The I-9's attestation asks for what the form asks

I9_CITIZEN = "citizen of the United States"
I9_NATIONAL = "noncitizen national of the United States"
I9_PERMANENT_RESIDENT = "lawful permanent resident"
I9_AUTHORIZED = "noncitizen authorized to work"


def work_until_date(text: str | None) -> date | None | Literal["N/A"]:
    """The I-9's 'authorized to work until': a date, 'N/A', or None when blank/unreadable."""
    text = (text or "").strip()
    if text.upper().replace(" ", "") in ("N/A", "NA"):
        return "N/A"
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def i9_section1_problems(answers: Mapping[str, str]) -> list[str]:
    """What Section 1 still needs for the status attested (USCIS Form I-9, Section 1): a
    permanent resident gives the A-Number or USCIS number; a noncitizen authorized to work
    gives the expiry date (or N/A) and one of the A-Number/USCIS number, the I-94 admission
    number, or a foreign passport number with its issuing country."""
    status = (answers.get("status") or "").strip()
    has = {
        k: bool((answers.get(k) or "").strip())
        for k in ("uscis_number", "i94_number", "passport_number", "passport_country", "work_until")
    }
    if status == I9_PERMANENT_RESIDENT and not has["uscis_number"]:
        return ["A lawful permanent resident gives their A-Number or USCIS number."]
    if status != I9_AUTHORIZED:
        return []
    problems = []
    if has["work_until"]:
        if work_until_date(answers.get("work_until")) is None:
            problems.append("Write the date your work authorization ends as YYYY-MM-DD, or N/A.")
    else:
        problems.append("Give the date your work authorization ends, or N/A if it does not.")
    if not (has["uscis_number"] or has["i94_number"] or has["passport_number"]):
        problems.append(
            "Give one of: your A-Number or USCIS number, your Form I-94 admission "
            "number, or your foreign passport number and its country."
        )
    elif (
        has["passport_number"]
        and not has["passport_country"]
        and not (has["uscis_number"] or has["i94_number"])
    ):
        problems.append("Give the country that issued your passport.")
    return problems


# ---------------------------------------------------------------------------------------
# The same person on every form: address, SSN, date of birth, citizenship

_ADDRESS_FIELDS = ("street", "city", "state", "postal_code")


def _address_key(answers: Mapping[str, str]) -> str:
    parts = [(answers.get(k) or "") for k in _ADDRESS_FIELDS]
    words = " ".join(" ".join(parts).casefold().replace(".", " ").replace(",", " ").split())
    for long, short in (
        ("street", "st"),
        ("avenue", "ave"),
        ("boulevard", "blvd"),
        ("road", "rd"),
        ("drive", "dr"),
        ("apartment", "apt"),
        ("suite", "ste"),
        ("california", "ca"),
        ("new york", "ny"),
    ):
        words = re.sub(rf"\b{long}\b", short, words)
    return words


def _address(answers: Mapping[str, str]) -> str:
    return ", ".join(
        p.strip() for p in (answers.get(k) or "" for k in _ADDRESS_FIELDS) if p.strip()
    )


def _citizen(answers: Mapping[str, str], kind: str) -> bool | None:
    if kind == "start_form":
        value = (answers.get("citizen") or "").strip().lower()
        return {"yes": True, "no": False}.get(value)
    status = (answers.get("status") or "").strip()
    return (status == I9_CITIZEN) if status else None


def _fingerprint(value: str, secret: bytes) -> str:
    """A keyed hash of a private value: tells two values apart on a page and gives neither
    away (without the key, no table of dates of birth maps it back)."""
    return hmac.new(secret, value.strip().encode(), hashlib.sha256).hexdigest()[:6]


def cross_form_differences(
    answers: Mapping[str, Mapping[str, str]], titles: Mapping[str, str], secret: bytes = b""
) -> list[str]:
    """Where the forms of one packet disagree about the same person, comparing only the fields
    each form has: the address, the SSN (the I-9's only when given), the date of birth (start
    form and I-9) and citizenship (start form and I-9 attestation). ``answers`` maps a form
    kind to its answers (private ones opened); sentences never show a full number."""
    problems: list[str] = []

    def compare(forms: Mapping[str, Mapping[str, str]], label: str, key, show) -> None:
        """``key(answers)`` gives the compared value (None: not given); ``show`` the value as
        it may be shown (masked, or nothing for a date of birth)."""
        seen = [(kind, key(given), show(given)) for kind, given in forms.items()]
        seen = [entry for entry in seen if entry[1] is not None]
        for kind, value, shown in seen[1:]:
            first_kind, first_value, first_shown = seen[0]
            if value != first_value:
                both = f" ({shown})" if shown else "", f" ({first_shown})" if first_shown else ""
                problems.append(
                    f"The {label} on the {titles[kind]}{both[0]} is not the one on "
                    f"the {titles[first_kind]}{both[1]}."
                )

    def given(name: str, normal):
        return lambda a: normal(a[name].strip()) if (a.get(name) or "").strip() else None

    with_address = {k: a for k, a in answers.items() if any(f in a for f in _ADDRESS_FIELDS)}
    compare(
        with_address,
        "address",
        lambda a: (
            _address_key(a) if any((a.get(f) or "").strip() for f in _ADDRESS_FIELDS) else None
        ),
        _address,
    )
    compare(
        answers, "Social Security number", given("ssn", _digits), lambda a: mask_ssn(a.get("ssn"))
    )
    # The date itself is private: a short fingerprint of it, so that a difference overridden
    # once blocks again when a date changes.
    compare(
        {k: a for k, a in answers.items() if k in ("start_form", "i9_section1")},
        "date of birth",
        given("date_of_birth", str),
        lambda a: f"ref {_fingerprint(a.get('date_of_birth', ''), secret)}",
    )
    start = (
        _citizen(answers.get("start_form", {}), "start_form") if "start_form" in answers else None
    )
    i9 = _citizen(answers.get("i9_section1", {}), "i9") if "i9_section1" in answers else None
    if start is not None and i9 is not None and start != i9:
        problems.append(
            f"The {titles['start_form']} says {'a' if start else 'not a'} U.S. citizen; the "
            f"{titles['i9_section1']} attests “{answers['i9_section1'].get('status')}”."
        )
    return problems


# ---------------------------------------------------------------------------------------
# The same name on every form

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
    }
)


def _tidy(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name or "").split())


def name_key(name: str) -> str:
    """The form of a name that is compared: trimmed, spaces collapsed, case-folded."""
    return _tidy(name).translate(_TYPOGRAPHIC).casefold()


def join_words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def names_match(names: Sequence[tuple[str, str]] | Mapping[str, str]) -> list[str]:
    """Which forms spell the name differently: input (form title, name) pairs."""
    pairs = list(names.items()) if isinstance(names, Mapping) else list(names)
    entries = [(form, _tidy(name), name_key(name)) for form, name in pairs if _tidy(name)]
    if not entries:
        return []
    counts = Counter(key for _, _, key in entries)
    first: dict[str, int] = {}
    for i, (_, _, key) in enumerate(entries):
        first.setdefault(key, i)
    reference = max(counts, key=lambda key: (counts[key], -first[key]))
    ref_forms = [form for form, _, key in entries if key == reference]
    ref_name = next(name for _, name, key in entries if key == reference)
    problems = []
    for key in dict.fromkeys(key for _, _, key in entries):
        if key == reference:
            continue
        forms = [form for form, _, k in entries if k == key]
        written = next(name for _, name, k in entries if k == key)
        problems.append(
            f"The name on the {join_words(forms)} is “{written}”; "
            f"on the {join_words(ref_forms)} it is “{ref_name}”."
        )
    return problems


# ---------------------------------------------------------------------------------------
# The deal memo against the deal the crew list holds

UNITS = ("hour", "day", "week")
KIT_UNITS = ("day", "week")


def _decimal(value: object, field_name: str) -> Decimal | None:
    if isinstance(value, str) and not value.strip():
        return None
    if value is None:
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{field_name}: {value} is not an amount.")
        return value
    if isinstance(value, float | bool):
        raise TypeError(
            f"{field_name} must be a Decimal, not {type(value).__name__}: money is never a float."
        )
    if isinstance(value, int | str):
        try:
            number = Decimal(str(value).strip().replace(",", "").lstrip("$"))
        except InvalidOperation:
            raise ValueError(f"{field_name}: {value!r} is not a number.") from None
        return _decimal(number, field_name)
    raise TypeError(f"{field_name} must be a Decimal, not {type(value).__name__}.")


@dataclass(frozen=True)
class Deal:
    rate: Decimal | None
    unit: str  # "hour" | "day" | "week"
    guaranteed_hours: Decimal | None = None  # e.g. 12 for "$300/12"
    union: str = ""  # "" = non-union
    local: str = ""
    kit_rental: Decimal | None = None
    kit_rental_unit: str = "week"  # "day" | "week"
    per_diem: Decimal | None = None  # per day

    def __post_init__(self):
        for name in ("rate", "guaranteed_hours", "kit_rental", "per_diem"):
            object.__setattr__(self, name, _decimal(getattr(self, name), name))
        for name in ("union", "local"):
            object.__setattr__(self, name, " ".join((getattr(self, name) or "").split()))
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {self.unit!r}.")
        if self.kit_rental_unit not in KIT_UNITS:
            raise ValueError(f"kit_rental_unit must be day or week, not {self.kit_rental_unit!r}.")


def money(amount: Decimal) -> str:
    """'$1,234.50'; more decimals only when the amount has them ('$21.4286')."""
    cents = amount.quantize(Decimal("0.01"))
    text = f"{abs(cents):,.2f}" if cents == amount else f"{abs(amount):,f}"
    return f"-${text}" if amount < 0 else f"${text}"


def _hours(hours: Decimal) -> str:
    text = f"{hours.normalize():f}"
    return f"{text} hour" if hours == 1 else f"{text} hours"


def _union(deal: Deal) -> str:
    union, local = " ".join(deal.union.split()), " ".join(deal.local.split())
    if local and not re.match(r"(?i)local\b", local):
        local = f"Local {local.lstrip('#').strip()}"
    return " ".join(part for part in (union, local) if part) or "non-union"


def _union_key(deal: Deal) -> tuple[str, str]:
    local_digits = _digits(deal.local).lstrip("0")
    local = local_digits or " ".join(deal.local.split()).casefold()
    return re.sub(r"[\s.\-]", "", deal.union).casefold(), local


def _difference(label: str, noun: str, on_form: str | None, approved: str | None) -> str:
    if on_form is None:
        return f"The deal memo has no {noun}; the crew list says {approved}."
    if approved is None:
        return f"{label} on the deal memo is {on_form}; the crew list has none."
    return f"{label} on the deal memo is {on_form}; the crew list says {approved}."


def _rate(deal: Deal) -> str | None:
    return None if deal.rate is None else f"{money(deal.rate)}/{deal.unit}"


def _guarantee(deal: Deal) -> str | None:
    return None if deal.guaranteed_hours is None else _hours(deal.guaranteed_hours)


def _kit(deal: Deal) -> str | None:
    return f"{money(deal.kit_rental)}/{deal.kit_rental_unit}" if deal.kit_rental else None


def _per_diem(deal: Deal) -> str | None:
    return f"{money(deal.per_diem)}/day" if deal.per_diem else None


def deal_matches(approved: Deal, on_form: Deal) -> list[str]:
    """Every difference between the deal memo and the deal the crew list holds, in words."""
    problems = []
    if approved.rate is None:
        problems.append(
            "The crew list has no rate for this deal: "
            "a deal memo needs a rate (never blank or “scale”)."
        )
    elif (on_form.rate, on_form.unit) != (approved.rate, approved.unit):
        problems.append(_difference("Rate", "rate", _rate(on_form), _rate(approved)))
    if on_form.guaranteed_hours != approved.guaranteed_hours:
        problems.append(
            _difference("Guarantee", "guarantee", _guarantee(on_form), _guarantee(approved))
        )
    if _union_key(on_form) != _union_key(approved):
        problems.append(
            f"The deal memo says {_union(on_form)}; the crew list says {_union(approved)}."
        )
    kit_form = (on_form.kit_rental, on_form.kit_rental_unit) if on_form.kit_rental else None
    kit_approved = (approved.kit_rental, approved.kit_rental_unit) if approved.kit_rental else None
    if kit_form != kit_approved:
        problems.append(_difference("Kit rental", "kit rental", _kit(on_form), _kit(approved)))
    if (on_form.per_diem or None) != (approved.per_diem or None):
        problems.append(
            _difference("Per diem", "per diem", _per_diem(on_form), _per_diem(approved))
        )
    return problems


def kit_inventory_needed(kit_rental: Decimal | None, inventory_attached: bool) -> str | None:
    """A kit/box rental is paid only against an inventory of what is rented."""
    kit_rental = _decimal(kit_rental, "kit_rental")
    if kit_rental is None or kit_rental <= 0 or inventory_attached:
        return None
    return (
        f"Kit rental of {money(kit_rental)} is paid but no kit inventory is attached: attach "
        "the box rental inventory (a list of the items rented) before approval."
    )


# ---------------------------------------------------------------------------------------
# Completeness


def _blank(value: object) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | dict):
        return not value
    return False


def readable(key: str) -> str:
    """'date_of_birth' -> 'Date of birth'."""
    return key.replace("_", " ").strip().capitalize()


def missing_fields(
    form: Mapping[str, object], required: Iterable[str], labels: Mapping[str, str] | None = None
) -> list[str]:
    """'Date of birth is missing.' for each required field without a value, in order."""
    labels = labels or {}
    return [
        f"{labels.get(key) or readable(key)} is missing."
        for key in required
        if _blank(form.get(key))
    ]


def missing_signatures(signatures: Mapping[str, datetime | None]) -> list[str]:
    """'Signature missing: Employee (I-9 Section 1).' for each signer without a time."""
    return [f"Signature missing: {who}." for who, signed in signatures.items() if signed is None]
