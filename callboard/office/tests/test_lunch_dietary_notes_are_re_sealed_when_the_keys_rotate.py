"""Rotating the PII keys re-seals the dietary notes: afterwards they open with the new key
alone (the old key dropped), on the person and on the office's order sheet. A note no key
opens stops the rotation and nothing is changed."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from callboard.office.lunch.queries import diet_of
from callboard.office.lunch.services import lunch_order_place
from callboard.office.models import Diet

from .lunchkit import crew, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db


def _order(lunch, place, person, **diet):
    lunch_order_place(lunch=lunch, person=person, lines=[(item(place, "Iced tea").pk, 1)], **diet)


def test_after_rotation_the_notes_read_back_with_the_new_key_only(
    production, coordinator, client, settings
):
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch = open_lunch(production, coordinator, place, people)
    _order(lunch, place, people["ana"], allergies="shellfish", preferences="no pork")
    _order(lunch, place, people["ben"], allergies="peanuts")
    before = {d.person_id: d.allergies_sealed for d in Diet.objects.all()}

    new_key = Fernet.generate_key().decode()
    settings.PII_KEYS = [new_key, *settings.PII_KEYS]
    out = StringIO()
    call_command("rotate_pii_keys", stdout=out)
    assert "office.Diet.allergies_sealed: 2 re-encrypted" in out.getvalue()
    assert "office.Diet.preferences_sealed: 1 re-encrypted" in out.getvalue()
    settings.PII_KEYS = [new_key]  # the old key is gone

    for diet in Diet.objects.all():
        assert diet.allergies_sealed != before[diet.person_id]
        assert Fernet(new_key).decrypt(diet.allergies_sealed.encode())  # under the new key
    assert diet_of(people["ana"]) == ("shellfish", "no pork")
    assert diet_of(people["ben"]) == ("peanuts", "")
    client.force_login(coordinator)
    sheet = client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/").content.decode()
    assert "Allergy: shellfish" in sheet and "Allergy: peanuts" in sheet


def test_a_note_no_key_opens_stops_the_rotation_and_changes_nothing(
    production, coordinator, settings
):
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch = open_lunch(production, coordinator, place, people)
    _order(lunch, place, people["ana"], allergies="shellfish")
    _order(lunch, place, people["ben"], allergies="peanuts")
    lost = Fernet(Fernet.generate_key()).encrypt(b"gluten").decode()  # sealed with a lost key
    Diet.objects.filter(person=people["ben"]).update(allergies_sealed=lost)
    ana_before = Diet.objects.get(person=people["ana"]).allergies_sealed

    settings.PII_KEYS = [Fernet.generate_key().decode(), *settings.PII_KEYS]
    with pytest.raises(CommandError, match=r"office.Diet.allergies_sealed .* nothing was"):
        call_command("rotate_pii_keys", stdout=StringIO())
    assert Diet.objects.get(person=people["ana"]).allergies_sealed == ana_before
