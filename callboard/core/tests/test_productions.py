import pytest

from callboard.core.models import AuditEvent, Membership, Production
from callboard.core.testing import make_user
from callboard.people.models import STANDARD_DEPARTMENTS, Department, DistributionGroup

VALID = {
    "title": "Harbor Lights",
    "kind": "episodic",
    "season": "2",
    "episode": "201",
    "company": "Harbor Pictures",
    "office_address": "1 Lot Rd\nBurbank, CA",
    "office_phone": "(818) 555-0100",
    "office_email": "office@harbor.example",
    "time_zone": "America/New_York",
    "prep_start": "2027-01-04",
    "shoot_start": "2027-02-01",
    "shoot_end": "2027-03-15",
    "wrap_end": "2027-03-31",
    "union_status": "union",
    "agreement": "IATSE Basic Agreement",
}


@pytest.mark.django_db
def test_creating_a_production_makes_you_its_admin_and_seeds_departments(client):
    user = make_user()
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.post("/productions/new/", VALID)
    production = Production.objects.get(title="Harbor Lights")
    assert response["Location"] == f"/p/{production.slug}/"
    assert Membership.objects.get(production=production).role == "studio_admin"
    names = list(Department.objects.filter(production=production).values_list("name", flat=True))
    assert names[:5] == ["Production", "Locations", "Camera", "Grip", "Electric"]
    assert names == STANDARD_DEPARTMENTS
    kinds = set(
        DistributionGroup.objects.filter(production=production).values_list("kind", flat=True)
    )
    assert kinds == {"all_crew", "department_heads", "cast"}
    assert production.display_title == "Harbor Lights — Season 2, Ep. 201"
    assert AuditEvent.objects.filter(
        production=production, action="create", object_type="production"
    ).exists()


def test_dates_out_of_order_are_refused_and_nothing_changes(coordinator_client, production):
    bad = VALID | {"shoot_start": "2027-01-01", "prep_start": "2027-01-20"}
    response = coordinator_client.post(f"/p/{production.slug}/settings/", bad)
    assert response.status_code == 200
    assert "is before prep" in response.content.decode()
    production.refresh_from_db()
    assert production.title == "The Test Show"


def test_editing_a_production_is_audited_with_old_and_new_values(coordinator_client, production):
    coordinator_client.post(f"/p/{production.slug}/settings/", VALID)
    production.refresh_from_db()
    assert production.title == "Harbor Lights"
    event = AuditEvent.objects.filter(production=production, action="update").get()
    assert event.changes["title"] == ["The Test Show", "Harbor Lights"]


def test_crew_cannot_edit_the_production(member_client, production):
    assert member_client("crew").post(f"/p/{production.slug}/settings/", VALID).status_code == 403


def test_home_page_shows_counts_and_what_needs_attention(coordinator_client, production):
    from callboard.people.testing import make_person

    make_person(production, phone="(310) 555-0101")
    make_person(production, phone="")
    make_person(
        production, kind="cast", character="MAGGIE", cast_number=None, phone="(310) 555-0102"
    )
    page = coordinator_client.get(f"/p/{production.slug}/").content.decode()
    assert "Crew by department" in page
    assert "1 without a mobile phone" in page
    assert "1 cast without a cast ID" in page
    assert "Department heads" in page


def test_only_studio_admins_and_staff_may_start_a_production(member_client, production):
    crew = member_client("crew")
    assert crew.get("/productions/new/").status_code == 403
    assert crew.post("/productions/new/", VALID).status_code == 403
    assert not Production.objects.filter(title="Harbor Lights").exists()


def test_home_page_names_the_current_script_version(coordinator_client, production):
    from callboard.scripts.models import ScriptVersion

    ScriptVersion.objects.create(
        production=production,
        colour="Blue",
        revision_date="2027-01-04",
        source_format="fountain",
        source_name="s.fountain",
        source="s.fountain",
        pdf="s.pdf",
        page_count=104,
    )
    page = coordinator_client.get(f"/p/{production.slug}/").content.decode()
    assert "Blue" in page and "104 pages" in page
