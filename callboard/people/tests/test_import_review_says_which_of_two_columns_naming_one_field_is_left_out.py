"""Two columns of a file that both name one field ("Phone" and "Cell" are both spellings of
Mobile): one is imported and the other is not. The review page names both as the file spells
them, says which is used, and lists every column of the file that will not be imported, rather
than "All N rows are ready" over numbers that are quietly dropped. (From the issue 15 review.)"""

from callboard.people.columns import person_columns
from callboard.people.mapping import columns_left_out, guess_mapping, mapping_notes
from callboard.people.models import Person
from callboard.people.tests.test_import import commit, upload


def _crew_fields():
    class Everyone:  # a member who may import every column
        def can(self, _capability):
            return True

    return person_columns(kind=Person.Kind.CREW, membership=Everyone())


def test_two_columns_that_both_name_one_field_are_reported():
    headers = ["First", "Last", "Dept", "Position", "Phone", "Cell", "Email"]
    fields = _crew_fields()
    mapping = guess_mapping(headers, fields)
    assert columns_left_out(mapping, headers) == ["'Cell' (F)"]  # the mobile numbers
    (note,) = mapping_notes(mapping, fields, headers)
    assert "'Phone' (E)" in note and "'Cell' (F)" in note and "both name Mobile" in note
    assert "'Phone' (E) is imported as Mobile and column 'Cell' (F) is not imported" in note


def test_a_column_whose_field_is_set_to_not_in_the_file_is_reported():
    headers = ["First", "Last", "Cell"]
    fields = _crew_fields()
    mapping = guess_mapping(headers, fields) | {"phone": None}
    assert columns_left_out(mapping, headers) == ["'Cell' (C)"]
    (note,) = mapping_notes(mapping, fields, headers)
    assert "'Cell' (C) names Mobile" in note and "is not imported" in note


def test_a_file_whose_every_column_is_used_has_nothing_to_report():
    headers = ["First", "Last", "Cell", "Home phone"]
    fields = _crew_fields()
    mapping = guess_mapping(headers, fields)
    assert (
        columns_left_out(mapping, headers) == [] and mapping_notes(mapping, fields, headers) == []
    )


def test_the_review_page_names_both_columns_and_every_column_left_out(
    coordinator_client, production
):
    csv = (
        "First,Last,Department,Position,Phone,Cell,E-mail,Shoe size\n"
        "Ana,Ruiz,Camera,1st AC,(323) 555-0100,(323) 555-0111,ana@example.test,8\n"
    )
    review = upload(coordinator_client, production, csv.encode())
    page = review.content.decode().replace("&#x27;", "'")
    assert "Not imported from the file:</strong> 'Cell' (F), 'Shoe size' (H)." in page, page
    assert (
        "Column 'Phone' (E) and column 'Cell' (F) both name Mobile: column 'Phone' (E) is "
        "imported as Mobile and column 'Cell' (F) is not imported." in page
    )
    assert "All 1 rows are ready to import, without the columns listed above." in page
    # The coordinator chooses Cell for Mobile instead: then Phone is the one left out.
    mapping = {
        f"map_{spec.name}": "" if i is None else i for spec, i in review.context["mapping_rows"]
    }
    batch_url = review.redirect_chain[-1][0]
    again = coordinator_client.post(batch_url, mapping | {"map_phone": 5, "action": "map"})
    page = again.content.decode().replace("&#x27;", "'")
    assert "column 'Cell' (F) is imported as Mobile and column 'Phone' (E) is not imported" in page
    commit(coordinator_client, production, again)
    assert Person.objects.get(email="ana@example.test").phone == "(323) 555-0111"
