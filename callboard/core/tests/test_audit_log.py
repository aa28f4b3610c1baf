from callboard.people.testing import make_person


def test_person_changes_show_in_the_audit_log_with_who_and_what(
    coordinator_client, production, coordinator
):
    person = make_person(production, first_name="Ana", last_name="Ruiz")
    url = f"/p/{production.slug}/people/{person.pk}/edit/"
    form = coordinator_client.get(url).context["form"]
    data = {name: (value if value is not None else "") for name, value in form.initial.items()}
    data.update({"position": "Key Grip", "department": person.department_id, "kind": "crew"})
    data = {k: v for k, v in data.items() if k in form.fields and v is not False}
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    coordinator_client.post(f"/p/{production.slug}/people/{person.pk}/delete/")
    page = coordinator_client.get(f"/p/{production.slug}/audit/").content.decode()
    assert "Changed person <strong>Ana Ruiz</strong>" in page
    assert "Key Grip" in page
    assert "Removed person <strong>Ana Ruiz</strong>" in page
    assert str(coordinator) in page


def test_crew_cannot_read_the_audit_log(member_client, production):
    assert member_client("crew").get(f"/p/{production.slug}/audit/").status_code == 403
