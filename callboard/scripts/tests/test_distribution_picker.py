"""Choosing who gets a watermarked copy: a list of checkboxes that says what each person does,
with a filter box and "select all shown" where JavaScript runs (and still usable without)."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.people.models import Department, Person
from callboard.people.testing import make_person
from callboard.scripts.models import Distribution, ScriptVersion

CYBER_BOB = Path(__file__).parent / "data" / "public-domain" / "Cyber_Bob_ep00001.fountain"


def _version(client, production) -> ScriptVersion:
    client.post(
        f"/p/{production.slug}/scripts/",
        {
            "file": SimpleUploadedFile("bob.fountain", CYBER_BOB.read_bytes()),
            "colour": "White",
            "revision_date": "2027-01-04",
        },
    )
    return ScriptVersion.objects.get(production=production)


def _crew(production):
    electric = Department.objects.get(production=production, name="Electric")
    camera = Department.objects.get(production=production, name="Camera")
    return {
        "ana": make_person(
            production, first_name="Ana", last_name="Ruiz", position="Gaffer", department=electric
        ),
        "bo": make_person(
            production,
            first_name="Bo",
            last_name="Lee",
            position="Best Boy Electric",
            department=electric,
        ),
        "cy": make_person(
            production, first_name="Cy", last_name="Moss", position="1st AC", department=camera
        ),
        "di": make_person(
            production,
            kind=Person.Kind.CAST,
            first_name="Di",
            last_name="Vale",
            character="MAGGIE",
            department=None,
        ),
        "ed": make_person(production, first_name="Ed", last_name="Nash", email=""),
    }


def test_the_picker_lists_everyone_with_an_address_by_name_and_what_they_do(
    coordinator_client, production
):
    _crew(production)
    version = _version(coordinator_client, production)
    page = coordinator_client.get(f"/p/{production.slug}/scripts/{version.pk}/send/")
    html = page.content.decode()
    labels = [
        re.sub(r"\s+", " ", label).strip()
        for label in re.findall(
            r'<label for="id_people_\d+">\s*<input[^>]*>(.*?)</label>', html, re.S
        )
    ]
    assert labels == [
        "Bo Lee — Best Boy Electric · Electric",
        "Cy Moss — 1st AC · Camera",
        "Ana Ruiz — Gaffer · Electric",
        "Di Vale — MAGGIE (cast)",
    ]  # Ed Nash has no e-mail address
    # The filter and its buttons appear only where the script runs; no inline handlers (CSP).
    tools = re.search(r'<p class="picker-tools"[^>]*>', html).group(0)
    assert "data-needs-js" in tools and "hidden" in tools
    assert 'data-filter="people-picker"' in html and 'data-select-shown="people-picker"' in html
    assert not re.search(r"\son[a-z]+=", html)


def test_ticking_people_without_javascript_sends_them_each_a_copy(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    crew = _crew(production)
    version = _version(coordinator_client, production)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/p/{production.slug}/scripts/{version.pk}/send/",
            {"people": [crew["ana"].pk, crew["di"].pk], "valid_days": 7},
        )
    assert response.status_code == 302
    copies = Distribution.objects.get().copies.all()
    assert {copy.person.first_name for copy in copies} == {"Ana", "Di"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_narrows_the_list_and_select_all_shown_ticks_only_those(browser_page, live_server):
    production = make_production("Picker Show")
    add_member(production, Role.COORDINATOR, make_user("picker@example.test"))
    _crew(production)
    for n in range(30):
        make_person(production, first_name=f"Extra{n:02d}", last_name="Crew")
    page = browser_page
    log_in(page, live_server, "picker@example.test", production)
    page.click("nav >> text=Script")
    page.set_input_files("#id_file", str(CYBER_BOB))
    page.click("button:has-text('Import')")
    page.wait_for_selector("text=3 scenes")
    version = ScriptVersion.objects.get(production=production)
    page.goto(f"{live_server.url}/p/{production.slug}/scripts/{version.pk}/send/")
    search = page.locator("input[data-filter=people-picker]")
    assert search.is_visible()
    assert page.locator("[data-filter-count=people-picker]").inner_text() == "34 listed"

    search.fill("electric")
    assert page.locator("[data-filter-count=people-picker]").inner_text() == "2 of 34 shown"
    shown = page.locator("#people-picker [data-filter-item]:visible")
    assert sorted(text.strip() for text in shown.all_inner_texts()) == [
        "Ana Ruiz — Gaffer · Electric",
        "Bo Lee — Best Boy Electric · Electric",
    ]
    search.press("Enter")  # narrows; does not send the form
    page.click("button:has-text('Select all shown')")
    search.fill("maggie")
    page.click("button:has-text('Select all shown')")
    search.fill("zzz")
    assert page.is_visible("text=Nobody matches.")
    search.fill("")
    assert page.locator("#people-picker [data-filter-item]:visible").count() == 34
    ticked = page.locator("#people-picker input:checked")
    assert ticked.count() == 3
    assert page.locator("[data-filter-count=people-picker]").inner_text() == "34 listed · 3 chosen"
    page.click("button:has-text('Make the copies and send')")
    page.wait_for_url(re.compile(r".*/sent/\d+/$"))
    copies = Distribution.objects.get().copies.all()
    assert {copy.person.first_name for copy in copies} == {"Ana", "Bo", "Di"}
