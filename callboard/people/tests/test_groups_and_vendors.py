from callboard.people.models import Department, DistributionGroup, Vendor
from callboard.people.testing import make_person


def test_standing_groups_follow_the_lists(production):
    camera = Department.objects.get(production=production, name="Camera")
    head = make_person(production, department=camera, is_department_head=True)
    crew = make_person(production, department=camera)
    wrapped = make_person(production, department=camera, status="wrapped")
    cast = make_person(production, kind="cast", character="MAGGIE", cast_number=1)
    groups = {g.kind: g for g in DistributionGroup.objects.filter(production=production)}
    assert set(groups["all_crew"].recipients()) == {head, crew}
    assert set(groups["department_heads"].recipients()) == {head}
    assert set(groups["cast"].recipients()) == {cast}
    assert wrapped not in groups["all_crew"].recipients()


def test_coordinator_makes_a_department_group_and_a_hand_picked_group(
    coordinator_client, production
):
    camera = Department.objects.get(production=production, name="Camera")
    in_camera = make_person(production, department=camera)
    picked = make_person(production)
    url = f"/p/{production.slug}/people/groups/new/"
    coordinator_client.post(
        url, {"name": "Camera dept", "kind": "department", "department": camera.pk}
    )
    coordinator_client.post(url, {"name": "Office", "kind": "custom", "members": [picked.pk]})
    assert list(DistributionGroup.objects.get(name="Camera dept").recipients()) == [in_camera]
    assert list(DistributionGroup.objects.get(name="Office").recipients()) == [picked]


def test_a_hand_picked_group_needs_people_and_a_unique_name(coordinator_client, production):
    url = f"/p/{production.slug}/people/groups/new/"
    page = coordinator_client.post(url, {"name": "All crew", "kind": "custom"}).content.decode()
    assert "already a group with this name" in page and "Pick at least one person" in page


def test_coordinator_adds_a_vendor_with_contacts_and_categories(coordinator_client, production):
    category = production.vendor_categories.get(name="Camera rental")
    response = coordinator_client.post(
        f"/p/{production.slug}/people/vendors/new/",
        {
            "name": "Lensworks Rental",
            "categories": [category.pk],
            "phone": "(818) 555-0190",
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Jim Holt",
            "contacts-0-title": "Rental agent",
            "contacts-0-email": "jim@lensworks.example",
            "contacts-1-name": "",
        },
    )
    vendor = Vendor.objects.get()
    assert response.status_code == 302
    assert [c.name for c in vendor.contacts.all()] == ["Jim Holt"]
    assert vendor.contacts.get().is_primary
    assert list(vendor.categories.all()) == [category]
    page = coordinator_client.get(f"/p/{production.slug}/people/vendors/?q=jim").content.decode()
    assert "Lensworks Rental" in page


def test_department_with_people_cannot_be_removed(coordinator_client, production):
    camera = Department.objects.get(production=production, name="Camera")
    make_person(production, department=camera)
    response = coordinator_client.post(
        f"/p/{production.slug}/people/departments/{camera.pk}/delete/", follow=True
    )
    assert "still has 1 people" in response.content.decode()
    assert Department.objects.filter(pk=camera.pk).exists()


def test_departments_can_be_added_renamed_and_reordered(coordinator_client, production):
    base = f"/p/{production.slug}/people/departments/"
    coordinator_client.post(base, {"name": "Video Village"})
    video = Department.objects.get(production=production, name="Video Village")
    coordinator_client.post(f"{base}{video.pk}/rename/", {"name": "Video Assist"})
    coordinator_client.post(f"{base}{video.pk}/move/", {"direction": "up"})
    names = list(Department.objects.filter(production=production).values_list("name", flat=True))
    assert names[-2] == "Video Assist"


def test_a_new_vendor_category_can_be_added_from_the_vendor_form(coordinator_client, production):
    coordinator_client.post(
        f"/p/{production.slug}/people/vendors/new/",
        {
            "name": "Drone Ops",
            "new_category": "Aerial & drones",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    vendor = Vendor.objects.get(name="Drone Ops")
    assert [c.name for c in vendor.categories.all()] == ["Aerial & drones"]
    assert production.vendor_categories.filter(name="Aerial & drones").exists()


def test_a_department_used_by_a_group_cannot_be_removed(coordinator_client, production):
    base = f"/p/{production.slug}/people/departments/"
    coordinator_client.post(base, {"name": "Drones"})
    drones = Department.objects.get(production=production, name="Drones")
    coordinator_client.post(
        f"/p/{production.slug}/people/groups/new/",
        {"name": "Drone team", "kind": "department", "department": drones.pk},
    )
    page = coordinator_client.post(f"{base}{drones.pk}/delete/", follow=True).content.decode()
    assert "used by the distribution group “Drone team”" in page
    assert DistributionGroup.objects.filter(name="Drone team").exists()


def test_editing_a_group_keeps_removed_members_for_when_they_are_restored(
    coordinator_client, production
):
    a, b = make_person(production), make_person(production)
    url = f"/p/{production.slug}/people/groups/new/"
    coordinator_client.post(url, {"name": "Office", "kind": "custom", "members": [a.pk, b.pk]})
    group = DistributionGroup.objects.get(name="Office")
    coordinator_client.post(f"/p/{production.slug}/people/{a.pk}/delete/")
    coordinator_client.post(
        f"/p/{production.slug}/people/groups/{group.pk}/edit/",
        {"name": "Office", "kind": "custom", "members": [b.pk]},
    )
    coordinator_client.post(f"/p/{production.slug}/people/{a.pk}/restore/")
    assert set(group.recipients()) == {a, b}


def test_editing_a_vendor_contact_keeps_it_and_audits_the_change(coordinator_client, production):
    from callboard.core.models import AuditEvent

    url = f"/p/{production.slug}/people/vendors/new/"
    coordinator_client.post(
        url,
        {
            "name": "Lensworks",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Jim Holt",
            "contacts-0-phone": "(818) 555-0100",
        },
    )
    vendor = Vendor.objects.get()
    contact = vendor.contacts.get()
    coordinator_client.post(
        f"/p/{production.slug}/people/vendors/{vendor.pk}/edit/",
        {
            "name": "Lensworks",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": contact.pk,
            "contacts-0-name": "Jim Holt",
            "contacts-0-phone": "(818) 555-0199",
        },
    )
    assert vendor.contacts.get().pk == contact.pk
    assert vendor.contacts.get().phone == "(818) 555-0199"
    change = AuditEvent.objects.filter(object_type="vendor", action="update").get()
    assert change.changes["contacts"] == [
        ["Jim Holt · (818) 555-0100"],
        ["Jim Holt · (818) 555-0199"],
    ]


def test_crew_cannot_list_who_lacks_an_emergency_contact(member_client, production):
    make_person(production, first_name="Nobody", last_name="Tocall", emergency_phone="")
    make_person(production, first_name="Some", last_name="Body", emergency_phone="(310) 555-0100")
    crew = member_client("crew")
    response = crew.get(f"/p/{production.slug}/people/", {"missing": "emergency"})
    assert len(response.context["people"]) == 2  # the filter is ignored, not applied
    assert "emergency contact" not in crew.get(f"/p/{production.slug}/").content.decode()
