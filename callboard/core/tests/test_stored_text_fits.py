"""Every text that is stored is bounded by the same limit in the form and the model, so the
longest value a form takes saves on PostgreSQL as on SQLite (which does not check lengths); and
labels made from the longest names (100 + 100 characters) still fit the audit log."""

import importlib

import pytest
from django import forms

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, Invitation, Membership
from callboard.core.services import warning_override
from callboard.core.testing import add_member
from callboard.people.models import Person, Vendor, VendorContact
from callboard.people.testing import make_person

FORM_MODULES = [
    "callboard.callsheets.forms",
    "callboard.core.forms",
    "callboard.people.forms",
    "callboard.schedule.forms",
    "callboard.scripts.forms",
]
# Plain forms whose fields are stored in a model field of the same name.
STORED_IN = {
    "InvitationForm": Invitation,
    "VendorContactForm": VendorContact,
    "DepartmentForm": "people.Department",
    "ScenarioForm": "schedule.Scenario",
    "ElementForm": "schedule.Element",
    "CalendarForm": "schedule.Calendar",
    "AccountSetupForm": "core.User",
}


def _forms():
    from django.apps import apps

    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form in vars(module).items():
            if (
                isinstance(form, type)
                and issubclass(form, forms.BaseForm)
                and (form.__module__ == module_name)
            ):
                model = getattr(getattr(form, "Meta", None), "model", None) or STORED_IN.get(name)
                if isinstance(model, str):
                    model = apps.get_model(model)
                if model is not None:
                    yield name, form, model


def test_no_form_takes_more_than_its_model_field_holds():
    too_long = []
    for name, form, model in _forms():
        for field_name, field in form.base_fields.items():
            try:
                stored = model._meta.get_field(field_name)
            except Exception:  # noqa: S112 — a form-only field (a password, a choice)
                continue
            limit = getattr(stored, "max_length", None)
            if (
                limit
                and isinstance(field, forms.CharField)
                and (field.max_length is None or field.max_length > limit)
            ):
                too_long.append(f"{name}.{field_name}: form {field.max_length}, model {limit}")
    assert too_long == []


LONG = "Ö" * 100  # multibyte, at the limit
# The longest address an EmailField holds: 254 characters, labels of at most 63.
EMAIL = f"{'a' * 64}@{'b' * 61}.{'c' * 61}.{'d' * 60}.test"


@pytest.mark.django_db
def test_the_longest_values_save_through_the_forms(client, production):
    coordinator = add_member(production, Role.COORDINATOR)
    client.force_login(coordinator)
    url = f"/p/{production.slug}/people/new/"
    response = client.post(
        url,
        {
            "kind": "crew",
            "first_name": LONG,
            "last_name": LONG,
            "preferred_name": LONG,
            "position": "P" * 100,
            "email": EMAIL,
            "status": "prepping",
            "department": production.departments.first().pk,
            "emergency_name": "E" * 200,
            "city": "C" * 100,
        },
    )
    assert response.status_code == 302, getattr(
        response.context.get("form"), "errors", response.context
    )
    person = Person.objects.get(first_name=LONG)
    assert len(person.email) == 254
    response = client.post(
        f"/p/{production.slug}/people/vendors/new/",
        {
            "name": "V" * 200,
            "website": f"https://{'w' * 61}.{'x' * 61}.{'y' * 62}.test/",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "N" * 200,
            "contacts-0-title": "T" * 100,
            "contacts-0-email": EMAIL,
            "contacts-0-phone": "1" * 10,
        },
    )
    assert response.status_code == 302, getattr(
        response.context.get("form"), "errors", response.context
    )
    assert Vendor.objects.get(name="V" * 200).contacts.get().title == "T" * 100


@pytest.mark.django_db
def test_labels_made_from_the_longest_names_fit_the_audit_log(production):
    person = make_person(production, first_name=LONG, last_name=LONG)
    user = add_member(production, Role.UPM)
    user.name = "U" * 200
    user.save()
    from callboard.core.audit import audit_record

    audit_record(
        actor=None,
        actor_label=f"{person.full_name} (own details link)",
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=person,
    )
    warning_override(
        actor=user,
        membership=Membership.objects.get(user=user),
        capability="paperwork.override",
        subject=person,
        warning="w",
        reason="A long enough reason",
        allowed=["w"],
    )
    labels = list(
        AuditEvent.objects.filter(object_id=person.pk).values_list("actor_label", flat=True)
    )
    assert len(labels) >= 2 and all(len(label) <= 200 for label in labels)
