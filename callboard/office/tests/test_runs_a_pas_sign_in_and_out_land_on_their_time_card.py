import datetime as dt

import pytest
from django.utils import timezone

from callboard.office.models import PADay
from callboard.office.runs import services
from callboard.payroll.models import TimeCard

from .runs_testing import office_pa

pytestmark = pytest.mark.django_db


def test_signing_in_and_out_writes_call_and_wrap_into_the_time_card(client, production):
    pa, user = office_pa(production)
    client.force_login(user)
    page = client.post(f"/p/{production.slug}/office/runs/mine/sign-in/", follow=True)
    assert "signed in at" in page.content.decode()
    day = PADay.objects.get(person=pa)
    assert day.signed_in_at and not day.signed_out_at
    out = day.signed_in_at + dt.timedelta(hours=8, minutes=30)
    _, note = services.pa_sign_out(actor=user, production=production, person=pa, at=out)
    assert note == ""
    day.refresh_from_db()
    card = TimeCard.objects.get(person=pa)
    entry = next(d for d in card.days if d["date"] == day.date.isoformat())
    local = timezone.localtime(day.signed_in_at, production.tzinfo)
    assert entry["call"] == f"{local:%H:%M}"
    assert entry["wrap"] == f"{timezone.localtime(out, production.tzinfo):%H:%M}"
    assert card.gross > 0


def test_signing_in_twice_is_refused(production, coordinator):
    pa, _ = office_pa(production)
    at = timezone.now()
    services.pa_sign_in(actor=coordinator, production=production, person=pa, at=at)
    with pytest.raises(services.RunError, match="signed in already"):
        services.pa_sign_in(
            actor=coordinator, production=production, person=pa, at=at + dt.timedelta(minutes=5)
        )


def test_a_pa_without_a_rate_still_signs_in_and_is_told_about_the_card(production, coordinator):
    pa, _ = office_pa(production)
    pa.rate = None
    pa.save()
    day, note = services.pa_sign_in(actor=coordinator, production=production, person=pa)
    assert day.signed_in_at and "time card was not updated" in note and "no rate" in note
    assert not TimeCard.objects.exists()


def test_the_coordinator_sets_a_call_and_signs_a_pa_in(coordinator_client, production):
    pa, _ = office_pa(production)
    base = f"/p/{production.slug}/office/runs/"
    today = production.today().isoformat()
    coordinator_client.post(f"{base}pas/{pa.pk}/call/", {"call": "07:00", "date": today})
    coordinator_client.post(f"{base}pas/{pa.pk}/sign-in/")
    day = PADay.objects.get(person=pa)
    assert day.call == dt.time(7, 0) and day.signed_in_at
    assert b"7:00" in coordinator_client.get(f"{base}?date={today}").content


def test_a_day_the_card_cannot_take_is_said_on_the_pas_page_and_not_claimed(client, production):
    pa, user = office_pa(production)
    client.force_login(user)
    base = f"/p/{production.slug}/office/runs/mine/"
    client.post(f"{base}sign-in/")
    day = PADay.objects.get(person=pa)
    # Signed out the minute she signed in (a wrong tap): the card takes no empty day.
    _, note = services.pa_sign_out(
        actor=user, production=production, person=pa, at=day.signed_in_at
    )
    assert "time card was not updated" in note and "wrap equals call" in note
    page = client.get(base).content.decode()
    assert "Your time card does not have these times: tell the office." in page
    assert "Your time card has these times." not in page
