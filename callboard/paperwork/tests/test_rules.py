"""The rules of start paperwork: no database, no Django."""

import ast
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callboard.paperwork import rules
from callboard.paperwork.rules import (
    BIRTH_CERTIFICATE,
    DRIVERS_LICENSE,
    NATIVE_AMERICAN_TRIBAL_DOCUMENT,
    PERMANENT_RESIDENT_CARD,
    SOCIAL_SECURITY_CARD,
    US_PASSPORT,
    Deal,
    I9Document,
    business_days_after,
    check_i9_documents,
    deal_matches,
    i9_section1_due,
    i9_section2_due,
    is_business_day,
    kit_inventory_needed,
    mask_account,
    mask_ssn,
    missing_fields,
    missing_signatures,
    names_match,
    normalise_ssn,
    routing_number_problem,
    ssn_problem,
    us_federal_holiday_names,
    us_federal_holidays,
)

TODAY = date(2024, 3, 4)  # a Monday


def test_the_rules_do_not_import_django():
    tree = ast.parse(Path(rules.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not [name for name in imported if name and name.split(".")[0] in {"django", "callboard"}]


# --- I-9 deadlines --------------------------------------------------------------------


def test_section_2_is_due_on_the_third_business_day_after_start():
    assert i9_section2_due(date(2024, 3, 4)) == date(2024, 3, 7)  # Monday -> Thursday


def test_a_friday_start_is_due_the_next_wednesday():
    assert i9_section2_due(date(2024, 3, 8)) == date(2024, 3, 13)


def test_a_saturday_start_counts_from_the_next_monday():
    assert i9_section2_due(date(2024, 3, 9)) == date(2024, 3, 13)


def test_a_job_shorter_than_three_days_is_due_on_day_one():
    assert i9_section2_due(date(2024, 3, 4), job_days=2) == date(2024, 3, 4)
    assert i9_section2_due(date(2024, 3, 4), job_days=1) == date(2024, 3, 4)


def test_a_three_day_job_gets_the_usual_three_business_days():
    assert i9_section2_due(date(2024, 3, 4), job_days=3) == date(2024, 3, 7)


def test_a_job_of_no_days_is_a_mistake():
    with pytest.raises(ValueError):
        i9_section2_due(date(2024, 3, 4), job_days=0)


def test_section_1_is_due_on_the_first_day_of_work():
    assert i9_section1_due(date(2024, 3, 9)) == date(2024, 3, 9)


def test_holidays_and_weekends_are_not_business_days():
    # Tuesday before Thanksgiving: Wed 27, (Thu 28 Thanksgiving), Fri 29, (weekend), Mon 2.
    assert i9_section2_due(date(2024, 11, 26)) == date(2024, 12, 2)
    # Christmas week: Tue 24, (Wed 25), Thu 26, Fri 27.
    assert i9_section2_due(date(2024, 12, 23)) == date(2024, 12, 27)
    assert not is_business_day(date(2024, 11, 28))
    assert not is_business_day(date(2024, 3, 9))
    assert is_business_day(date(2024, 3, 8))


def test_a_holiday_observed_on_friday_31_december_carries_into_the_new_year():
    # New Year's Day 2022 fell on a Saturday and was observed on Friday 31 December 2021.
    assert date(2021, 12, 31) in us_federal_holidays(2021)
    assert date(2022, 1, 1) not in us_federal_holidays(2022)
    assert i9_section2_due(date(2021, 12, 29)) == date(2022, 1, 4)


def test_juneteenth_on_a_monday_pushes_the_deadline():
    assert i9_section2_due(date(2023, 6, 16)) == date(2023, 6, 22)


def test_the_production_can_replace_the_holiday_calendar():
    assert i9_section2_due(date(2024, 11, 26), holidays=set()) == date(2024, 11, 29)
    wrap_party = {date(2024, 3, 5)}
    assert business_days_after(date(2024, 3, 4), 3, wrap_party) == date(2024, 3, 8)


def test_zero_business_days_after_is_the_start_and_negative_is_refused():
    assert business_days_after(date(2024, 3, 9), 0) == date(2024, 3, 9)
    with pytest.raises(ValueError):
        business_days_after(date(2024, 3, 9), -1)


def test_federal_holidays_2024():
    assert us_federal_holidays(2024) == {
        date(2024, 1, 1),
        date(2024, 1, 15),
        date(2024, 2, 19),
        date(2024, 5, 27),
        date(2024, 6, 19),
        date(2024, 7, 4),
        date(2024, 9, 2),
        date(2024, 10, 14),
        date(2024, 11, 11),
        date(2024, 11, 28),
        date(2024, 12, 25),
    }


def test_federal_holidays_falling_on_weekends_are_observed_on_the_nearest_weekday():
    assert us_federal_holidays(2021) >= {date(2021, 6, 18), date(2021, 7, 5), date(2021, 12, 24)}
    assert us_federal_holidays(2023) >= {date(2023, 1, 2), date(2023, 11, 10)}
    assert us_federal_holiday_names(2023)[date(2023, 11, 10)] == "Veterans Day"
    assert len(us_federal_holidays(2022)) == 10  # its New Year's Day was observed in 2021


def test_juneteenth_is_a_holiday_only_from_2021():
    assert not any(day.month == 6 for day in us_federal_holidays(2020))


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=30)),
)
def test_section_2_due_date_is_always_a_business_day_on_or_after_start(start, job_days):
    due = i9_section2_due(start, job_days)
    assert due >= start
    if job_days is not None and job_days < 3:
        assert due == start
    else:
        assert is_business_day(due)
        days_between = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
        assert sum(is_business_day(day) for day in days_between) == 3
        assert (due - start).days <= 3 + 4 + 2  # a weekend and at most two holidays


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_every_observed_federal_holiday_is_a_weekday(year_day):
    assert all(day.weekday() < 5 for day in us_federal_holidays(year_day.year))


# --- I-9 documents ----------------------------------------------------------------------


def passport(expires=date(2030, 1, 1), number="X1234567"):
    return I9Document("A", US_PASSPORT, number, expires)


def licence(expires=date(2028, 6, 30)):
    return I9Document("B", DRIVERS_LICENSE, "D1234567", expires)


def ss_card():
    return I9Document("C", SOCIAL_SECURITY_CARD, "123-45-6789", None)


def test_one_list_a_document_is_enough():
    assert check_i9_documents([passport()], TODAY) == []


def test_one_from_list_b_and_one_from_list_c_is_enough():
    assert check_i9_documents([licence(), ss_card()], TODAY) == []


def test_list_b_without_list_c_is_not_enough():
    problems = check_i9_documents([licence()], TODAY)
    assert len(problems) == 1
    assert "List C" in problems[0]
    assert "employee chooses" in problems[0]
    assert "Social Security" not in problems[0]  # the employer may not choose the document


def test_list_c_without_list_b_is_not_enough():
    problems = check_i9_documents([ss_card()], TODAY)
    assert len(problems) == 1 and "List B" in problems[0]


def test_an_expired_passport_is_refused():
    problems = check_i9_documents([passport(expires=date(2024, 3, 3))], TODAY)
    assert problems == [
        "List A document “U.S. Passport” expired on March 3, 2024: an expired document cannot "
        "be accepted; the employee may present another acceptable document."
    ]


def test_a_document_expiring_on_the_review_day_is_still_good():
    assert check_i9_documents([passport(expires=TODAY)], TODAY) == []


def test_a_document_without_an_expiry_date_is_unexpired():
    birth = I9Document("C", BIRTH_CERTIFICATE, "BC-1999-0042", None)
    assert check_i9_documents([licence(), birth], TODAY) == []


def test_list_a_with_list_b_and_c_is_more_than_needed_and_reported():
    problems = check_i9_documents([passport(), licence(), ss_card()], TODAY)
    assert len(problems) == 1 and "ask the employee" in problems[0]


def test_two_list_a_documents_are_reported():
    green_card = I9Document("A", PERMANENT_RESIDENT_CARD, "SRC0123456789", date(2031, 1, 1))
    assert check_i9_documents([passport(), green_card], TODAY) == [
        "2 List A documents are recorded; only one is needed (the employee chooses which)."
    ]


def test_two_list_b_documents_are_reported():
    problems = check_i9_documents([licence(), licence(), ss_card()], TODAY)
    assert problems == ["2 List B documents are recorded; only one is needed."]


def test_a_missing_document_number_is_reported():
    assert check_i9_documents([passport(number="  ")], TODAY) == [
        "List A document “U.S. Passport” has no document number."
    ]


def test_no_documents_at_all_is_reported():
    [problem] = check_i9_documents([], TODAY)
    assert "one document from List A, or one from List B and one from List C" in problem


def test_a_standard_title_under_the_wrong_list_is_reported():
    wrong = I9Document("B", SOCIAL_SECURITY_CARD, "123-45-6789", None)
    problems = check_i9_documents([wrong, ss_card()], TODAY)
    assert "“Social Security card” is a List C document, not List B." in problems


def test_a_tribal_document_can_stand_for_both_list_b_and_list_c():
    docs = [I9Document(x, NATIVE_AMERICAN_TRIBAL_DOCUMENT, "T-77", None) for x in "BC"]
    assert check_i9_documents(docs, TODAY) == []


def test_an_unknown_list_letter_is_reported():
    problems = check_i9_documents([I9Document("D", "Library card", "42", None)], TODAY)
    assert any("the I-9 lists are A, B and C" in p for p in problems)


def test_standard_titles_are_offered_for_every_list():
    assert US_PASSPORT in rules.LIST_A and PERMANENT_RESIDENT_CARD in rules.LIST_A
    assert rules.EMPLOYMENT_AUTHORIZATION_DOCUMENT in rules.LIST_A
    assert DRIVERS_LICENSE in rules.LIST_B and rules.STATE_ID_CARD in rules.LIST_B
    assert SOCIAL_SECURITY_CARD in rules.LIST_C and BIRTH_CERTIFICATE in rules.LIST_C


# --- SSN, routing and account numbers --------------------------------------------------


@pytest.mark.parametrize("typed", ["123-45-6789", "123456789", " 123 45 6789 ", "123–45–6789"])
def test_an_ssn_is_normalised_with_dashes(typed):
    assert ssn_problem(typed) is None
    assert normalise_ssn(typed) == "123-45-6789"


def test_invalid_ssn_area_666_is_refused():
    assert "666" in ssn_problem("666-12-3456")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("000-12-3456", "000"),
        ("900-12-3456", "ITIN"),
        ("999-12-3456", "ITIN"),
        ("123-00-4567", "middle two digits"),
        ("123-45-0000", "last four digits"),
        ("123-45-678", "9 digits; this has 8"),
        ("123-45-67890", "9 digits; this has 10"),
        ("123-AB-6789", "only digits"),
        ("•••-••-6789", "masked"),
    ],
)
def test_a_wrong_ssn_is_refused_with_a_clear_message_that_does_not_repeat_it(typed, words):
    problem = ssn_problem(typed)
    assert words in problem
    without_example = problem.replace("123-45-6789", "")
    assert typed not in without_example
    assert _digits(typed) not in _digits(without_example)
    with pytest.raises(ValueError):
        normalise_ssn(typed)


def test_a_blank_ssn_is_left_to_the_required_field_check():
    assert ssn_problem("") is None and ssn_problem(None) is None
    assert normalise_ssn("  ") == ""
    assert mask_ssn("") == ""


def test_an_ssn_is_masked_to_its_last_four_digits():
    assert mask_ssn("123-45-6789") == "•••-••-6789"
    assert mask_ssn("123456789") == "•••-••-6789"
    assert mask_ssn("12345") == "•••-••-••••"


@pytest.mark.parametrize("number", ["021000021", "011000015", "121000248", "0210 0002 1"])
def test_real_routing_numbers_pass(number):
    assert routing_number_problem(number) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("021000022", "check digit"),
        ("02100002", "9 digits; this has 8"),
        ("000000000", "begins with 01–12"),
        ("800000008", "begins with 01–12"),
        ("02100002X", "only digits"),
    ],
)
def test_a_wrong_routing_number_is_refused(number, words):
    assert words in routing_number_problem(number)


def test_an_account_number_is_masked_to_its_last_four():
    assert mask_account("000123456781234") == "••••1234"
    assert mask_account("1234") == "••••"
    assert mask_account("") == ""


def test_account_numbers_have_4_to_17_digits():
    assert rules.account_number_problem("12345678") is None
    assert "4 to 17" in rules.account_number_problem("123")
    assert "4 to 17" in rules.account_number_problem("1" * 18)


def _digits(text):
    return re.sub(r"[^0-9]", "", text)


@given(st.text())
def test_masking_never_reveals_more_than_four_digits(text):
    assert len(_digits(mask_ssn(text))) <= 4
    assert len(_digits(mask_account(text))) <= 4


valid_ssns = st.tuples(
    st.integers(1, 899).filter(lambda n: n != 666), st.integers(1, 99), st.integers(1, 9999)
).map(lambda t: f"{t[0]:03d}{t[1]:02d}{t[2]:04d}")


@given(valid_ssns, st.sampled_from(["{}{}{}", "{}-{}-{}", "{} {} {}"]))
def test_every_valid_ssn_normalises_and_masks_to_its_last_four(digits, layout):
    typed = layout.format(digits[:3], digits[3:5], digits[5:])
    assert ssn_problem(typed) is None
    assert normalise_ssn(typed) == f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    assert mask_ssn(normalise_ssn(typed)) == f"•••-••-{digits[5:]}"


def _with_check_digit(eight):
    d = [int(c) for c in eight]
    partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    return eight + str(-partial % 10)


@given(
    st.sampled_from(sorted(rules.ROUTING_PREFIXES)),
    st.text("0123456789", min_size=6, max_size=6),
    st.integers(2, 8),
    st.integers(1, 9),
)
def test_the_routing_checksum_catches_any_single_wrong_digit(prefix, rest, position, bump):
    number = _with_check_digit(prefix + rest)
    assert routing_number_problem(number) is None
    wrong = number[:position] + str((int(number[position]) + bump) % 10) + number[position + 1 :]
    assert "check digit" in routing_number_problem(wrong)


# --- The same name on every form --------------------------------------------------------


def test_names_that_differ_only_in_case_and_spaces_match():
    assert (
        names_match(
            [
                ("deal memo", "Maria  de la Cruz"),
                ("I-9", " MARIA DE LA CRUZ"),
                ("W-4", "maria de la cruz"),
            ]
        )
        == []
    )


def test_the_form_that_spells_the_name_differently_is_named():
    problems = names_match(
        [("deal memo", "John Smith"), ("I-9", "John Smith"), ("W-4", "Jon Smith")]
    )
    assert problems == [
        "The name on the W-4 is “Jon Smith”; on the deal memo and I-9 it is “John Smith”."
    ]


def test_a_phone_typed_apostrophe_is_the_same_apostrophe():
    assert names_match([("deal memo", "Siobhan O'Brien"), ("I-9", "Siobhan O’Brien")]) == []


def test_accents_count_as_a_difference():
    assert len(names_match([("deal memo", "José Ruiz"), ("I-9", "Jose Ruiz")])) == 1


def test_blank_names_are_left_to_the_required_field_check():
    assert names_match([("deal memo", "Ana Lee"), ("W-4", "  ")]) == []


def test_on_a_tie_the_first_form_is_the_reference_and_a_mapping_is_accepted():
    assert names_match({"deal memo": "Ana Lee", "I-9": "Anna Lee"}) == [
        "The name on the I-9 is “Anna Lee”; on the deal memo it is “Ana Lee”."
    ]


# --- Deals --------------------------------------------------------------------------------


def approved_deal(**changes):
    terms = dict(
        rate=Decimal("55.00"),
        unit="hour",
        guaranteed_hours=Decimal("12"),
        union="IATSE",
        local="Local 600",
        kit_rental=Decimal("250"),
        per_diem=Decimal("60"),
    )
    return Deal(**(terms | changes))


def test_the_same_deal_matches_even_written_differently():
    on_form = approved_deal(
        rate=Decimal("55"), union="iatse", local="600", kit_rental=Decimal("250.00")
    )
    assert deal_matches(approved_deal(), on_form) == []


def test_a_different_rate_is_reported_in_words():
    assert deal_matches(approved_deal(), approved_deal(rate=Decimal("52.50"))) == [
        "Rate on the deal memo is $52.50/hour; the crew list says $55.00/hour."
    ]


def test_a_different_unit_is_reported_with_the_rate():
    assert deal_matches(approved_deal(), approved_deal(unit="day")) == [
        "Rate on the deal memo is $55.00/day; the crew list says $55.00/hour."
    ]


def test_a_missing_rate_on_the_form_is_reported():
    assert deal_matches(approved_deal(), approved_deal(rate=None)) == [
        "The deal memo has no rate; the crew list says $55.00/hour."
    ]


def test_an_approved_deal_without_a_rate_is_itself_a_problem():
    [problem] = deal_matches(approved_deal(rate=None), approved_deal(rate=None))
    assert "scale" in problem


def test_guarantee_union_kit_and_per_diem_differences_are_each_reported():
    on_form = approved_deal(
        guaranteed_hours=Decimal("10"), union="", local="", kit_rental=None, per_diem=Decimal("75")
    )
    assert deal_matches(approved_deal(), on_form) == [
        "Guarantee on the deal memo is 10 hours; the crew list says 12 hours.",
        "The deal memo says non-union; the crew list says IATSE Local 600.",
        "The deal memo has no kit rental; the crew list says $250.00/week.",
        "Per diem on the deal memo is $75.00/day; the crew list says $60.00/day.",
    ]


def test_terms_on_the_form_that_the_approved_deal_lacks_are_reported():
    approved = approved_deal(guaranteed_hours=None, kit_rental=None, per_diem=None)
    assert deal_matches(approved, approved_deal(kit_rental_unit="day")) == [
        "Guarantee on the deal memo is 12 hours; the crew list has none.",
        "Kit rental on the deal memo is $250.00/day; the crew list has none.",
        "Per diem on the deal memo is $60.00/day; the crew list has none.",
    ]


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        Deal(rate=55.0, unit="hour")
    with pytest.raises(TypeError):
        kit_inventory_needed(250.0, False)
    assert Deal(rate=55, unit="hour").rate == Decimal("55")


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        Deal(rate=Decimal("300"), unit="fortnight")


def test_large_amounts_are_written_with_thousands_separators():
    assert rules.money(Decimal("3500")) == "$3,500.00"
    assert rules.money(Decimal("21.4286")) == "$21.4286"


def test_kit_rental_without_an_inventory_is_reported():
    problem = kit_inventory_needed(Decimal("250"), inventory_attached=False)
    assert problem.startswith("Kit rental of $250.00 is paid but no kit inventory is attached")
    assert kit_inventory_needed(Decimal("250"), inventory_attached=True) is None
    assert kit_inventory_needed(None, inventory_attached=False) is None
    assert kit_inventory_needed(Decimal("0"), inventory_attached=False) is None


# --- Completeness -------------------------------------------------------------------------


def test_missing_fields_are_named_by_their_labels_in_order():
    form = {
        "legal_name": "Ana Lee",
        "address": "  ",
        "date_of_birth": None,
        "dependents": 0,
        "agrees_to_terms": False,
        "documents": [],
    }
    required = [
        "legal_name",
        "address",
        "date_of_birth",
        "dependents",
        "agrees_to_terms",
        "documents",
        "phone",
    ]
    assert missing_fields(form, required, {"address": "Home address"}) == [
        "Home address is missing.",
        "Date of birth is missing.",
        "Agrees to terms is missing.",
        "Documents is missing.",
        "Phone is missing.",
    ]


def test_missing_signatures_are_named():
    signed = datetime(2024, 3, 4, 9, 30)
    assert missing_signatures(
        {
            "Employee (deal memo)": signed,
            "Employee (I-9 Section 1)": None,
            "Employer (I-9 Section 2)": None,
        }
    ) == [
        "Signature missing: Employee (I-9 Section 1).",
        "Signature missing: Employer (I-9 Section 2).",
    ]


def test_amounts_typed_as_text_become_decimals_and_blank_means_none():
    deal = Deal(rate="$1,250.00", unit="week", kit_rental="  ", per_diem="60")
    assert deal.rate == Decimal("1250.00") and deal.kit_rental is None
    assert deal.per_diem == Decimal("60")
    with pytest.raises(ValueError):
        Deal(rate="scale", unit="day")
    with pytest.raises(ValueError):
        Deal(rate=Decimal("NaN"), unit="day")
