"""Issue 15, item 12: the who-has-it page filters by status and department, groups by department,
counts each status at the top (each count a link to its filter), and resends to one person or
to the filtered set through the one guarded path: a copy that is sent, on its way or in doubt
goes again only when the coordinator names that one person."""

from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.callsheets.services import callsheet_create
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.core.testing import add_member, make_production
from callboard.distribution.models import Delivery, DistributionSettings
from callboard.distribution.services import dispatch_create
from callboard.people.models import Department, Person
from callboard.people.testing import make_person

from .ready import publish_despite


def _publish(sheet):
    """Published whatever the checks find (a reason for each): this is about sending."""
    return publish_despite(sheet)


@pytest.fixture
def crew(shooting):
    production = shooting.production
    camera = Department.objects.get_or_create(production=production, name="Camera")[0]
    grip = Department.objects.get_or_create(production=production, name="Grip & Electric")[0]
    Department.objects.filter(pk=camera.pk).update(order=1000)
    Department.objects.filter(pk=grip.pk).update(order=1001)
    people = {
        name: make_person(
            production, first_name=name, last_name="Test", department=dept, position=position
        )
        for name, dept, position in [
            ("Ava", camera, "1st AC"),
            ("Ben", camera, "2nd AC"),
            ("Cal", camera, "DIT"),
            ("Dee", grip, "Key Grip"),
            ("Eve", grip, "Best Boy Grip"),
        ]
    }
    return people, camera, grip


@pytest.fixture
def sent(shooting, crew, django_capture_on_commit_callbacks):
    """Sent to everyone; then Ava confirmed, Ben's and Dee's copies failed, Eve's is in doubt."""
    people, camera, grip = crew
    sheet = _publish(callsheet_create(actor=None, scenario=shooting, day_number=1))
    recipients = list(Person.objects.filter(production=shooting.production))
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_create(
            actor=None,
            production=shooting.production,
            kind="callsheet",
            object_id=sheet.pk,
            key="k",
            subject="Call sheet #1",
            people=recipients,
            valid_for=timedelta(days=3),
        )
    mine = Delivery.objects.filter(dispatch__object_id=sheet.pk)
    now = timezone.now()
    mine.filter(person=people["Ava"]).update(opened_at=now, confirmed_at=now)
    mine.filter(person__in=[people["Ben"], people["Dee"]]).update(
        sent_at=None, error="550 mailbox unavailable"
    )
    mine.filter(person=people["Eve"]).update(sent_at=None, claim="dead-run", in_doubt_at=now)
    return sheet


def _url(sheet, path="sent/"):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{path}"


def _copies(person) -> int:
    return OutboundEmail.objects.filter(to=person.email).count()


def test_counts_per_status_are_shown_and_each_links_to_its_filter(coordinator_client, sent):
    page = coordinator_client.get(_url(sent)).content.decode()
    # 3 cast + 4 "Crew" grips + Nomail + the five above = 13; Nomail cannot be reached.
    assert "13 recipients" in page
    for count, key, label in [
        (1, "confirmed", "confirmed"),
        (2, "failed", "failed"),
        (1, "in-doubt", "in doubt"),
        (1, "no-contact", "no contact"),
        (8, "sent", "sent"),
        (12, "unconfirmed", "unconfirmed"),
    ]:
        assert f'href="?status={key}"' in page, key
        assert f">{count} {label}</a>" in page, (key, page[page.index("status-counts") :][:900])


def test_the_page_filters_by_status_and_department_and_groups_by_department(
    coordinator_client, sent, crew
):
    people, camera, grip = crew
    page = coordinator_client.get(_url(sent), {"department": camera.pk}).content.decode()
    assert "Ava Test" in page and "Ben Test" in page and "Cal Test" in page
    assert "Dee Test" not in page and "Donna" not in page
    # Counts follow the department, and their links keep it.
    assert f'href="?status=failed&amp;department={camera.pk}"' in page
    assert ">1 failed</a>" in page and "3 recipients" in page

    page = coordinator_client.get(
        _url(sent), {"department": camera.pk, "status": "unconfirmed"}
    ).content.decode()
    assert "Ben Test" in page and "Cal Test" in page and "Ava Test" not in page

    page = coordinator_client.get(_url(sent), {"status": "failed"}).content.decode()
    assert "Ben Test" in page and "Dee Test" in page and "Cal Test" not in page
    # Grouped under their departments, in the crew list's order.
    assert page.index(">Camera <") < page.index("Ben Test") < page.index(">Grip &amp; Electric <")
    assert page.index(">Grip &amp; Electric <") < page.index("Dee Test")

    everyone = coordinator_client.get(_url(sent)).content.decode()
    assert everyone.index(">Cast <") < everyone.index(">Camera <")  # cast first, as on the sheet
    assert "Donna" in everyone[everyone.index(">Cast <") : everyone.index(">Camera <")]

    page = coordinator_client.get(_url(sent), {"status": "no-contact"}).content.decode()
    assert "Nomail" in page and "Ben Test" not in page
    page = coordinator_client.get(_url(sent), {"status": "in-doubt"}).content.decode()
    assert "Eve Test" in page and "Ben Test" not in page


def test_an_unknown_filter_is_named_and_everyone_is_shown(coordinator_client, sent):
    response = coordinator_client.get(_url(sent), {"status": "lost", "department": "999999"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no status called “lost”" in page and "that department" in page
    assert "Ben Test" in page and "Donna" in page


def test_the_export_holds_the_filtered_set(coordinator_client, sent, crew):
    people, camera, grip = crew
    csv = coordinator_client.get(
        _url(sent), {"format": "csv", "status": "unconfirmed", "department": camera.pk}
    ).content.decode()
    assert "Ben Test" in csv and "Cal Test" in csv and "Ava Test" not in csv


def test_resend_to_the_filtered_set_sends_only_copies_that_did_not_go_out(
    coordinator_client, sent, crew, django_capture_on_commit_callbacks
):
    people, camera, grip = crew
    page = coordinator_client.get(
        _url(sent), {"department": camera.pk, "status": "unconfirmed"}
    ).content.decode()
    assert "Resend to these (1 did not go out)" in page
    page = coordinator_client.get(_url(sent)).content.decode()
    assert "Resend to unconfirmed (3 did not go out)" in page  # Ben, Dee, Nomail
    before = {name: _copies(p) for name, p in people.items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _url(sent, "resend/"), {"department": camera.pk, "status": "unconfirmed"}, follow=True
        )
    page = response.content.decode()
    assert "Sending again to 1 of the 2 shown" in page and "1 skipped" in page
    # Back on the page with the same filters.
    assert response.redirect_chain[-1][0].endswith(f"?status=unconfirmed&department={camera.pk}")
    after = {name: _copies(p) for name, p in people.items()}
    assert after["Ben"] == before["Ben"] + 1  # failed, in the filter: again
    assert after["Cal"] == before["Cal"]  # sent: never a second copy from a filtered resend
    assert after["Dee"] == before["Dee"]  # failed, but not in the filter
    assert after["Eve"] == before["Eve"]  # in doubt: the coordinator settles it by name
    assert Delivery.objects.get(person=people["Ben"]).state == "sent"

    # The same resend again: Ben has his copy now, so nobody gets one.
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            _url(sent, "resend/"), {"department": camera.pk, "status": "unconfirmed"}
        )
    assert {name: _copies(p) for name, p in people.items()} == after

    # Filtering on what has a copy resends nothing at all.
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_url(sent, "resend/"), {"status": "sent"}, follow=True)
    assert "Sending again to 0 of the" in response.content.decode()
    assert {name: _copies(p) for name, p in people.items()} == after


def test_a_resend_with_a_filter_that_does_not_exist_sends_nothing(
    coordinator_client, sent, crew, django_capture_on_commit_callbacks
):
    people, camera, grip = crew
    before = OutboundEmail.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_url(sent, "resend/"), {"status": "lost"}, follow=True)
    assert "nothing was sent" in response.content.decode()
    assert OutboundEmail.objects.count() == before


def test_resend_to_one_person_by_name_sends_their_copy_again_even_when_it_went(
    coordinator_client, sent, crew, django_capture_on_commit_callbacks
):
    people, camera, grip = crew
    cal = Delivery.objects.get(person=people["Cal"])
    first_sent = cal.sent_at
    assert cal.state == "sent" and _copies(people["Cal"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _url(sent, f"sent/{cal.pk}/resend/"), {"status": "sent"}, follow=True
        )
    assert "Sending Cal Test the call sheet again" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?status=sent")
    assert _copies(people["Cal"]) == 2
    cal.refresh_from_db()
    assert cal.state == "sent" and cal.sent_at > first_sent and cal.attempts == 2
    event = AuditEvent.objects.filter(changes__has_key="resent to").latest("id")
    assert event.changes["resent to"] == "Cal Test"
    assert event.changes["sent before"] == first_sent.isoformat()
    assert Delivery.objects.get(person=people["Ben"]).state == "failed"  # only Cal


def test_resend_to_one_person_is_refused_while_their_copy_is_on_its_way(
    coordinator_client, sent, crew, django_capture_on_commit_callbacks
):
    people, camera, grip = crew
    cal = Delivery.objects.get(person=people["Cal"])
    Delivery.objects.filter(pk=cal.pk).update(
        sent_at=None, claimed_at=timezone.now(), claim="live-run"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_url(sent, f"sent/{cal.pk}/resend/"), follow=True)
    assert "on its way already: nothing was changed" in response.content.decode()
    assert _copies(people["Cal"]) == 1
    assert Delivery.objects.get(pk=cal.pk).claim == "live-run"


def test_resend_to_one_person_without_an_address_says_so(
    coordinator_client, sent, django_capture_on_commit_callbacks
):
    nomail = Delivery.objects.get(person__first_name="Nomail")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_url(sent, f"sent/{nomail.pk}/resend/"), follow=True)
    assert "has no e-mail, and no phone with texts agreed" in response.content.decode()
    assert Delivery.objects.get(pk=nomail.pk).state == "unreachable"


def test_one_persons_copy_cannot_be_resent_through_another_production(
    coordinator_client, coordinator, sent, crew
):
    people, camera, grip = crew
    cal = Delivery.objects.get(person=people["Cal"])
    other = make_production("Other Show")
    add_member(other, Role.COORDINATOR, user=coordinator)
    url = f"/p/{other.slug}/callsheets/{sent.pk}/sent/{cal.pk}/resend/"
    assert coordinator_client.post(url).status_code == 404
    assert _copies(people["Cal"]) == 1


def test_crew_cannot_see_the_page_or_resend(member_client, sent, crew):
    people, camera, grip = crew
    client = member_client(Role.CREW)
    cal = Delivery.objects.get(person=people["Cal"])
    assert client.get(_url(sent)).status_code in (403, 404)
    assert client.post(_url(sent, f"sent/{cal.pk}/resend/")).status_code in (403, 404)
    assert client.post(_url(sent, "confirmations/"), {"confirmations": "each"}).status_code in (
        403,
        404,
    )
    assert _copies(people["Cal"]) == 1


def test_the_confirmations_setting_is_shown_and_changed_on_the_page(coordinator_client, sent):
    page = coordinator_client.get(_url(sent)).content.decode()
    assert '<option value="digest" selected>One digest every 15 minutes</option>' in page
    response = coordinator_client.post(
        _url(sent, "confirmations/"), {"confirmations": "each"}, follow=True
    )
    assert "one e-mail per confirmation, for every send" in response.content.decode()
    settings = DistributionSettings.objects.get(production=sent.production)
    assert settings.confirmations == "each"
    assert '<option value="each" selected>' in response.content.decode()
    response = coordinator_client.post(
        _url(sent, "confirmations/"), {"confirmations": "hourly"}, follow=True
    )
    assert "Choose a digest every 15 minutes or one e-mail per confirmation" in (
        response.content.decode()
    )
    assert DistributionSettings.objects.get(production=sent.production).confirmations == "each"


def test_the_send_page_says_how_confirmations_reach_the_coordinator(coordinator_client, sent):
    page = coordinator_client.get(_url(sent, "send/")).content.decode()
    assert "One digest every 15 minutes (for this production" in page
    DistributionSettings.objects.create(production=sent.production, confirmations="each")
    page = coordinator_client.get(_url(sent, "send/")).content.decode()
    assert "One e-mail per confirmation (for this production" in page


def test_someone_with_no_address_then_is_reached_by_a_resend_to_the_no_contact_filter(
    coordinator_client, sent, django_capture_on_commit_callbacks
):
    nomail = Person.objects.get(first_name="Nomail")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _url(sent, "resend/"), {"status": "no-contact"}, follow=True
        )
    assert "Sending again to 0 of the 1 shown" in response.content.decode()
    nomail.email = "nomail@example.test"
    nomail.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _url(sent, "resend/"), {"status": "no-contact"}, follow=True
        )
    assert "Sending again to 1 of the 1 shown" in response.content.decode()
    assert _copies(nomail) == 1
    assert Delivery.objects.get(person=nomail).state == "sent"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(_url(sent, "resend/"))  # everyone unconfirmed: not her again
    assert _copies(nomail) == 1
