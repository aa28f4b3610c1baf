"""One person on every form: address, SSN, date of birth and citizenship compared across the
forms that have them; the I-9 asks for what the attestation needs; voided SSNs refused."""

import pytest

from callboard.paperwork import rules
from callboard.paperwork.catalogue import Hire, packet_for

TITLES = {
    "start_form": "Crew start form",
    "w4": "W-4",
    "ca_de4": "DE 4",
    "direct_deposit": "Direct deposit",
    "i9_section1": "I-9 Section 1",
}
ADDRESS = {"street": "1 Main Street", "city": "Burbank", "state": "CA", "postal_code": "91502"}


def test_the_same_answers_written_differently_agree():
    answers = {
        "start_form": {
            **ADDRESS,
            "ssn": "123-45-6789",
            "date_of_birth": "1990-04-12",
            "citizen": "yes",
        },
        "i9_section1": {
            **ADDRESS,
            "street": "1 main st.",
            "date_of_birth": "1990-04-12",
            "status": rules.I9_CITIZEN,
            "ssn": "",
        },
        "w4": {"ssn": "123456789"},
    }
    assert rules.cross_form_differences(answers, TITLES) == []


@pytest.mark.parametrize(
    ("form", "answer", "expected"),
    [
        ("w4", {"ssn": "123-45-6780"}, "Social Security number on the W-4 (•••-••-6780)"),
        ("ca_de4", {"ssn": "223-45-6789"}, "on the DE 4"),
        ("direct_deposit", {"ssn": "123-45-6788"}, "on the Direct deposit"),
        ("i9_section1", {"ssn": "123-45-6788"}, "on the I-9 Section 1"),
        ("i9_section1", {"date_of_birth": "1990-04-21"}, "date of birth on the I-9 Section 1"),
        ("i9_section1", {"city": "Glendale"}, "address on the I-9 Section 1"),
        ("i9_section1", {"status": rules.I9_AUTHORIZED}, "says a U.S. citizen"),
    ],
)
def test_a_difference_between_two_forms_names_both(form, answer, expected):
    start = {**ADDRESS, "ssn": "123-45-6789", "date_of_birth": "1990-04-12", "citizen": "yes"}
    other = {**(ADDRESS if form == "i9_section1" else {}), **answer}
    found = rules.cross_form_differences({"start_form": start, form: other}, TITLES)
    assert len(found) == 1 and expected in found[0] and "Crew start form" in found[0]
    assert "123-45-6789" not in found[0] and "1990" not in found[0]


def test_an_i9_without_an_ssn_is_not_a_difference():
    answers = {"start_form": {"ssn": "123-45-6789"}, "i9_section1": {"ssn": ""}}
    assert rules.cross_form_differences(answers, TITLES) == []


@pytest.mark.parametrize(
    "ssn",
    [
        "078-05-1120",
        "219-09-9999",
        "000-12-3456",
        "666-12-3456",
        "912-34-5678",
        "123-00-4567",
        "123-45-0000",
    ],
)
def test_numbers_the_ssa_never_issues_or_voided_are_refused(ssn):
    assert rules.ssn_problem(ssn)


def test_the_i9_asks_for_what_the_attestation_needs():
    assert rules.i9_section1_problems({"status": rules.I9_CITIZEN}) == []
    assert "A-Number" in rules.i9_section1_problems({"status": rules.I9_PERMANENT_RESIDENT})[0]
    assert (
        rules.i9_section1_problems(
            {"status": rules.I9_PERMANENT_RESIDENT, "uscis_number": "A123456789"}
        )
        == []
    )
    authorized = {"status": rules.I9_AUTHORIZED}
    assert len(rules.i9_section1_problems(authorized)) == 2
    assert (
        rules.i9_section1_problems({**authorized, "work_until": "N/A", "i94_number": "12345678901"})
        == []
    )
    assert rules.i9_section1_problems(
        {**authorized, "work_until": "2027-01-31", "passport_number": "X1234567"}
    ) == ["Give the country that issued your passport."]
    assert (
        "YYYY-MM-DD"
        in rules.i9_section1_problems(
            {**authorized, "work_until": "soon", "uscis_number": "123456789"}
        )[0]
    )


def test_a_loanout_files_a_w9_instead_of_a_w4():
    kinds = packet_for(Hire(union=False, loanout=True))
    assert "w9" in kinds and "w4" not in kinds and "loanout" in kinds
    assert "w4" in packet_for(Hire(union=False))
    assert rules.ein_problem("12-3456789") is None and rules.ein_problem("00-1234567")
    assert rules.mask_ein("12-3456789") == "••-•••6789"
