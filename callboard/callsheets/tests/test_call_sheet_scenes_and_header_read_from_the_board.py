"""Issue 15, item 5: the scenes table prints D or N as resolved for the strip with the script's
word beside it, the location its set is at, and the header names the director and producers
from the crew list; every time prints one way ("7:30 AM")."""

from datetime import time

from callboard.callsheets.printing import call_sheet_pdf
from callboard.callsheets.queries import issued, sheet_document, sheet_view
from callboard.callsheets.services import callsheet_create, callsheet_update
from callboard.people.testing import make_person
from callboard.schedule.models import Category, Element, Strip, Ucid

from .test_call_sheet_printing import pdf_pages


def _element(strip, ucid):
    return strip.elements.get(category__ucid=ucid)


def _continuous(strip):
    """The strip's time word becomes CONTINUOUS."""
    day_night = _element(strip, Ucid.DAY_NIGHT)
    continuous = Element.objects.create(
        production=strip.production, category=day_night.category, name="CONTINUOUS"
    )
    strip.elements.remove(day_night)
    strip.elements.add(continuous)


def test_the_detail_page_shows_the_scenes_as_the_sheet_prints_them(shooting, coordinator_client):
    # Scene 2 (EXT. BRIDGE - NIGHT) made CONTINUOUS: it takes the day of scene 1, INT. KITCHEN.
    _continuous(Strip.objects.get(production=shooting.production, scene_number="2"))
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    page = coordinator_client.get(f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/")
    html = page.content.decode()
    assert '<strong>D</strong> <span class="small muted">CONTINUOUS</span>' in html


def test_a_continuous_scene_prints_the_night_of_the_scene_before_with_its_own_word(shooting):
    # Scene 3 (day 2, the advance schedule of day 1) follows scene 2, EXT. BRIDGE - NIGHT.
    production = shooting.production
    _continuous(Strip.objects.get(production=production, scene_number="3"))
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    document = sheet_document(sheet_view(sheet))
    today = {s["scene"]: s for s in document["scenes"]}
    assert (today["1"]["dn"], today["1"]["dn_word"]) == ("D", "")
    assert (today["2"]["dn"], today["2"]["dn_word"]) == ("N", "")
    advance = document["advance"][0]["scenes"][0]
    assert (advance["scene"], advance["dn"], advance["dn_word"]) == ("3", "N", "CONTINUOUS")
    text = " ".join(pdf_pages(call_sheet_pdf(document)))
    assert "N CONTINUOUS" in text


def test_the_location_column_shows_the_location_the_set_is_at(shooting):
    production = shooting.production
    kitchen = _element(Strip.objects.get(production=production, scene_number="1"), Ucid.SET)
    locations, _ = Category.objects.get_or_create(
        production=production, ucid=Ucid.LOCATION, defaults={"name": "Location"}
    )
    house = Element.objects.create(
        production=production, category=locations, name="Bailey house, 320 Sycamore"
    )
    kitchen.linked.add(house)
    for strip in Strip.objects.filter(production=production):  # no location on the strips
        strip.elements.remove(*strip.elements.filter(category__ucid=Ucid.LOCATION))
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    sheet = callsheet_update(actor=None, sheet=sheet, location_name="Stage 5")
    document = sheet_document(sheet_view(sheet))
    where = {s["scene"]: s["location"] for s in document["scenes"]}
    assert where["1"] == "Bailey house, 320 Sycamore"  # the set's location
    assert where["2"] == "Stage 5"  # a set without one: today's location on the sheet
    assert document["advance"][0]["scenes"][0]["location"] == ""  # tomorrow's is not guessed
    assert "Bailey house, 320 Sycamore" in pdf_pages(call_sheet_pdf(document))[0]


def test_the_header_names_the_director_and_producers_from_the_crew_list(shooting):
    production = shooting.production
    make_person(production, first_name="Frank", last_name="Capra", position="Director")
    make_person(production, first_name="Ruth", last_name="Adler", position="Producer")
    make_person(production, first_name="Ben", last_name="Ross", position="Executive Producer")
    make_person(production, first_name="Lee", last_name="Park", position="Line Producer")
    make_person(production, first_name="Ann", last_name="Bloom", position="Assistant to Producer")
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    document = sheet_document(sheet_view(sheet))
    assert document["credits"] == [
        {"role": "Director", "names": "Frank Capra"},
        {
            "role": "Producers",
            "names": "Ben Ross (Executive Producer), Ruth Adler, Lee Park (Line Producer)",
        },
    ]
    front = pdf_pages(call_sheet_pdf(document))[0]
    assert "DIRECTOR Frank Capra" in front
    assert "PRODUCERS Ben Ross (Executive Producer), Ruth Adler, Lee Park (Line" in front
    assert "Ann Bloom" not in front.split("CALL SHEET")[0]  # not a producer


def test_every_time_on_the_sheet_prints_one_way(shooting, coordinator_client):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    sheet = callsheet_update(
        actor=None, sheet=sheet, crew_call=time(7, 30), lunch=time(12, 0), est_wrap=time(19, 5)
    )
    document = issued(sheet).document
    assert document["times"]["crew_call"] == "7:30 AM"
    assert document["times"]["lunch"] == "12:00 PM"
    assert document["times"]["est_wrap"] == "7:05 PM"
    front = pdf_pages(call_sheet_pdf(document))[0]
    assert "12:00 PM" in front and "07:30" not in front
    page = coordinator_client.get(f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/")
    assert page.status_code == 200
