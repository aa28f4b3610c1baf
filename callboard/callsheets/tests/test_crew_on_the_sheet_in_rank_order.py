"""Issue 15, item 3: crew on the call sheet in department order, then by the rank of their
position (the crew list's one ordering), not by surname."""

from callboard.callsheets.queries import sheet_document, sheet_view
from callboard.callsheets.services import callsheet_create
from callboard.people.models import Department, Person
from callboard.people.queries import PeopleFilter, people_filtered
from callboard.people.testing import make_person


def test_crew_are_listed_by_department_then_rank_as_on_the_crew_list(shooting):
    production = shooting.production
    departments = {d.name: d for d in Department.objects.filter(production=production)}
    # Surnames in the reverse of rank, so an alphabetical sheet would read upside down.
    for last, position, department in [
        ("Adams", "DIT", "Camera"),
        ("Baker", "Loader", "Camera"),
        ("Clark", "2nd AC", "Camera"),
        ("Davis", "1st AC", "Camera"),
        ("Evans", "Camera Operator", "Camera"),
        ("Foster", "Director of Photography", "Camera"),
        ("Abbot", "Production Coordinator", "Production"),
        ("Bloom", "UPM", "Production"),
        ("Crane", "Line Producer", "Production"),
        ("Drake", "Producer", "Production"),
    ]:
        make_person(
            production,
            first_name="X",
            last_name=last,
            position=position,
            department=departments[department],
        )
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    document = sheet_document(sheet_view(sheet))
    by_department = {
        d["department"]: [p["position"] for p in d["people"]] for d in document["crew"]
    }
    assert by_department["Camera"] == [
        "Director of Photography",
        "Camera Operator",
        "1st AC",
        "2nd AC",
        "Loader",
        "DIT",
    ]
    assert by_department["Production"][:4] == [
        "Producer",
        "Line Producer",
        "UPM",
        "Production Coordinator",
    ]
    order = [d["department"] for d in document["crew"]]
    assert order.index("Production") < order.index("Camera")

    on_sheet = [row.person.pk for _, rows in sheet_view(sheet).crew for row in rows]
    crew_list = people_filtered(
        production=production, today=sheet.date, filters=PeopleFilter(kind=Person.Kind.CREW)
    )
    assert on_sheet == [p.pk for p in crew_list]  # one ordering, the crew list's
