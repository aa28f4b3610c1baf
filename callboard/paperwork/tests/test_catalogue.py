"""Which forms a person gets, and which of their answers are private."""

from callboard.paperwork.catalogue import FORMS, Hire, packet_for


def test_a_union_hire_in_california_gets_the_union_deal_memo_and_the_state_forms():
    kinds = packet_for(Hire(union=True, work_state="ca"))
    assert kinds[0] == "deal_memo_union"
    assert {"ca_de4", "ca_wage_notice", "i9_section1", "i9_section2"} <= set(kinds)
    assert "ny_wage_notice" not in kinds


def test_kit_rental_and_loan_out_add_their_forms():
    kinds = packet_for(Hire(union=False, work_state="NY", kit_rental=True, loanout=True))
    assert kinds[0] == "deal_memo" and {"ny_wage_notice", "box_rental", "loanout"} <= set(kinds)


def test_ssn_date_of_birth_and_bank_numbers_are_private_and_nothing_else_is():
    private = {(kind, f.name) for kind, spec in FORMS.items() for f in spec.fields if f.private}
    assert ("start_form", "ssn") in private and ("direct_deposit", "account_number") in private
    assert ("start_form", "date_of_birth") in private
    assert ("w9", "ein") in private and ("i9_section1", "passport_number") in private
    assert all(
        name
        in {
            "ssn",
            "date_of_birth",
            "routing_number",
            "account_number",
            "ein",
            "uscis_number",
            "i94_number",
            "passport_number",
        }
        for _, name in private
    )


def test_every_packet_form_exists_and_section_2_is_the_offices():
    for kind in packet_for(Hire(union=True, work_state="CA", kit_rental=True, loanout=True)):
        assert kind in FORMS
    assert FORMS["i9_section2"].office_only and FORMS["i9_section1"].needs_uploads
