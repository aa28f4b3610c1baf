"""A card from the call sheets to payroll: prepared, corrected, signed, approved by the
department head, reviewed with its flags, batched; locked cards change only as versions."""

import re
from datetime import date, time
from decimal import Decimal

import pypdfium2
import pytest

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.core.testing import add_member, make_user
from callboard.paperwork.models import Packet
from callboard.payroll import services
from callboard.payroll.models import DealTerms, PayrollBatch, TimeCard
from callboard.payroll.services import TimeCardError
from callboard.people.models import Department, Person

from .helpers import WEEK, day_post, person_with_deal, publish_sheet

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)


@pytest.fixture
def crew(production):
    return person_with_deal(production, first_name="Ann", last_name="Lee", email="ann@example.test")


def test_a_card_starts_from_the_call_sheets_and_the_deal(production, crew):
    DealTerms.objects.create(
        production=production,
        person=crew,
        rules="ca-nonunion",
        guaranteed_hours=12,
        kit_rental=Decimal("150"),
        account="2100",
    )
    publish_sheet(production, MONDAY, {crew: "07:00"}, est_wrap=time(19, 0), lunch=time(13, 0))
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    assert card.days == [
        {
            "date": "2026-03-02",
            "call": "07:00",
            "wrap": "19:00",
            "meals": [{"start": "13:00", "end": "13:30", "grace": False}],
            "ndb": None,
            "note": "",
        }
    ]
    assert (card.rules, card.rate, card.per, card.account) == (
        "ca-nonunion",
        Decimal("300"),
        "day",
        "2100",
    )
    # 11.5 worked on a $300/12 day, plus $150 a week of kit (not wages).
    assert card.wages == Decimal("300.00") and card.kit_total == Decimal("150.00")
    assert card.gross == Decimal("450.00")
    assert services.timecard_prepare(actor=None, person=crew, week_start=WEEK).pk == card.pk


def test_no_card_without_a_rate_or_off_a_sunday(production):
    person = person_with_deal(production, rate=None)
    with pytest.raises(TimeCardError, match="no rate"):
        services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    with pytest.raises(TimeCardError, match="Sunday"):
        services.timecard_prepare(
            actor=None, person=person_with_deal(production), week_start=MONDAY
        )


def test_sending_the_week_mails_each_person_their_link(
    coordinator_client, production, crew, django_capture_on_commit_callbacks
):
    no_email = person_with_deal(production, email="")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/p/{production.slug}/timecards/send/", {"week": "2026-03-04"}
        )
    assert response.status_code == 302
    mail = OutboundEmail.objects.get(to="ann@example.test")
    assert re.search(r"/l/timecard/\S+/", mail.body)
    assert TimeCard.objects.filter(person=no_email).exists()  # made, but nobody to mail it to
    page = coordinator_client.get(response["Location"])
    assert b"no e-mail address" in page.content


def test_office_save_with_a_bad_time_keeps_the_card_as_it_was(coordinator_client, production, crew):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    url = f"/p/{production.slug}/timecards/{card.pk}/"
    post = {
        "rules": "ca-nonunion",
        "rate": "300",
        "per": "day",
        "guaranteed_hours": "12",
        "days_per_week": "5",
        "kit_rental_per": "week",
    }
    good = coordinator_client.post(url, post | day_post(1, "07:00", "21:00", ("13:00", "13:30")))
    assert good.status_code == 302
    card.refresh_from_db()
    assert card.gross == Decimal("364.29")  # 13.5 worked
    bad = coordinator_client.post(url, post | day_post(1, "07:00", "27:00", ("13:00", "13:30")))
    assert bad.status_code == 400
    assert b"Nothing was saved" in bad.content and b"is not a time of day" in bad.content
    assert b'value="27:00"' in bad.content  # what was typed is shown back
    card.refresh_from_db()
    assert card.days[0]["wrap"] == "21:00" and card.gross == Decimal("364.29")
    negative = coordinator_client.post(url, post | {"rate": "-5"} | day_post(1, "07:00", "19:00"))
    assert negative.status_code == 400
    card.refresh_from_db()
    assert card.rate == Decimal("300")


def _department_head(production, department):
    user = make_user("head@example.test")
    add_member(production, Role.DEPARTMENT_HEAD, user)
    person_with_deal(
        production, email="head@example.test", department=department, is_department_head=True
    )
    return user


def test_department_heads_approve_their_own_department_only(client, production, crew):
    other = Department.objects.filter(production=production).exclude(pk=crew.department_id).first()
    head = _department_head(production, crew.department)
    elsewhere = person_with_deal(production, department=other)
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    foreign = services.timecard_prepare(actor=None, person=elsewhere, week_start=WEEK)
    for c in (card, foreign):
        services.timecard_save(
            actor=None,
            card=c,
            days=[
                {
                    "date": "2026-03-02",
                    "call": "07:00",
                    "wrap": "15:00",
                    "meals": [{"start": "12:00", "end": "12:30"}],
                    "ndb": None,
                    "note": "",
                }
            ],
        )
        services.timecard_submit(card=c, signature="Signed")
    client.force_login(head)
    week = client.get(f"/p/{production.slug}/timecards/?week=2026-03-01")
    assert crew.display_name.encode() in week.content
    assert elsewhere.display_name.encode() not in week.content
    assert b"Gross" not in week.content  # department heads see hours, not pay
    assert client.get(f"/p/{production.slug}/timecards/{foreign.pk}/").status_code == 404
    assert client.post(f"/p/{production.slug}/timecards/{foreign.pk}/approve/").status_code == 404
    client.post(f"/p/{production.slug}/timecards/{card.pk}/approve/")
    card.refresh_from_db()
    assert card.status == TimeCard.Status.APPROVED and card.approved_by == head


def test_crew_without_the_capability_see_no_time_cards(member_client, production):
    client = member_client(Role.CREW)
    assert client.get(f"/p/{production.slug}/timecards/").status_code == 403


def _approved(production, crew, wrap="19:00", lunch=("13:20", "13:50")):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(
        actor=None,
        card=card,
        days=[
            {
                "date": "2026-03-02",
                "call": "07:00",
                "wrap": wrap,
                "meals": [{"start": lunch[0], "end": lunch[1]}],
                "ndb": None,
                "note": "",
            }
        ],
    )
    services.timecard_submit(card=card, signature="Ann Lee")
    return services.timecard_approve(actor=add_member(production, Role.UPM), card=card)


def test_submitting_needs_every_wrap_and_a_signature(production, crew):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(
        actor=None,
        card=card,
        days=[
            {
                "date": "2026-03-02",
                "call": "07:00",
                "wrap": "15:00",
                "meals": [],
                "ndb": None,
                "note": "",
            },
            {
                "date": "2026-03-03",
                "call": "07:00",
                "wrap": "",
                "meals": [],
                "ndb": None,
                "note": "",
            },
        ],
    )
    with pytest.raises(TimeCardError, match="wrap time of every day") as caught:
        services.timecard_submit(card=card, signature="Ann Lee")
    assert caught.value.problems == {"2026-03-03": "no wrap yet"}
    card.days = card.days[:1]
    card.save()
    with pytest.raises(TimeCardError, match="Type your full name"):
        services.timecard_submit(card=card, signature=" ")


def test_batch_locks_cards_and_a_correction_is_a_new_version(coordinator_client, production, crew):
    card = _approved(production, crew, lunch=("12:00", "12:30"))
    services.timecard_review(actor=add_member(production, Role.PAYROLL), card=card)
    Packet.objects.create(production=production, person=crew, status=Packet.Status.APPROVED)
    response = coordinator_client.post(
        f"/p/{production.slug}/timecards/batches/", {"card": [card.pk]}
    )
    batch = PayrollBatch.objects.get(production=production)
    assert response["Location"].endswith(f"/batches/{batch.pk}/")
    card.refresh_from_db()
    assert card.status == TimeCard.Status.BATCHED and card.batch == batch and batch.number == 1
    assert batch.closed_at is not None  # nothing to check: handed to payroll at once
    with pytest.raises(TimeCardError, match="locked"):
        services.timecard_save(actor=None, card=card, days=[])
    correct = f"/p/{production.slug}/timecards/{card.pk}/correct/"
    coordinator_client.post(correct, {"reason": ""})
    assert TimeCard.objects.filter(person=crew).count() == 1
    coordinator_client.post(correct, {"reason": "Wrap was 20:00 per the DPR"})
    old, new = TimeCard.objects.filter(person=crew).order_by("version")
    assert old.replaced_at and old.batch == batch and old.days[0]["wrap"] == "19:00"
    assert (new.version, new.status, new.batch, new.reason) == (
        2,
        "draft",
        None,
        "Wrap was 20:00 per the DPR",
    )
    assert new.days == old.days
    assert AuditEvent.objects.filter(object_type="timecard", object_id=new.pk).exists()
    again = coordinator_client.post(f"/p/{production.slug}/timecards/batches/", {"card": [old.pk]})
    assert PayrollBatch.objects.count() == 1 and again.status_code == 302


def test_send_back_reopens_the_card_with_the_comment(production, crew):
    card = _approved(production, crew)
    card = services.timecard_send_back(actor=None, card=card, comment="Lunch was at 12:30")
    assert (card.status, card.comments, card.approved_by) == ("draft", "Lunch was at 12:30", None)


def test_a_card_prints_line_by_line_and_apoc_sees_no_money(
    coordinator_client, production, crew, member_client
):
    card = _approved(production, crew)
    pdf = coordinator_client.get(f"/p/{production.slug}/timecards/{card.pk}/card.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pypdfium2.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    assert "Meal premium" in text and "364.29" not in text and "321.43" in text
    apoc = member_client(Role.APOC)
    page = apoc.get(f"/p/{production.slug}/timecards/{card.pk}/")
    assert page.status_code == 200 and b"321.43" not in page.content
    assert b"Pay, line by line" not in page.content


def test_nobody_approves_their_own_card(client, production, crew):
    head = _department_head(production, crew.department)
    own = services.timecard_prepare(
        actor=None, person=Person.objects.get(email="head@example.test"), week_start=WEEK
    )
    own = services.timecard_save(
        actor=None,
        card=own,
        days=[
            {
                "date": "2026-03-02",
                "call": "07:00",
                "wrap": "15:00",
                "meals": [],
                "ndb": None,
                "note": "",
            }
        ],
    )
    services.timecard_submit(card=own, signature="Head")
    client.force_login(head)
    page = client.post(f"/p/{production.slug}/timecards/{own.pk}/approve/", follow=True)
    assert b"Nobody approves their own time card" in page.content
    own.refresh_from_db()
    assert own.status == "submitted"


def test_flags_show_no_money_to_those_without_rates(member_client, production, crew):
    card = _approved(production, crew)  # a meal premium, and a rate off the deal
    TimeCard.objects.filter(pk=card.pk).update(rate=Decimal("455.55"))
    apoc = member_client(Role.APOC)
    for url in (
        f"/p/{production.slug}/timecards/{card.pk}/",
        f"/p/{production.slug}/timecards/?week=2026-03-01",
    ):
        page = apoc.get(url).content
        assert b"meal penalty" in page and b"rate is not the deal" in page
        assert b"$" not in page.split(b"<main>")[1]


def test_an_apoc_saving_times_keeps_the_previous_wrap(member_client, production, crew):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    TimeCard.objects.filter(pk=card.pk).update(previous_wrap="2026-03-01T23:00")
    apoc = member_client(Role.APOC)
    apoc.post(
        f"/p/{production.slug}/timecards/{card.pk}/",
        day_post(1, "07:00", "19:00", ("12:00", "12:30")),
    )
    card.refresh_from_db()
    assert card.previous_wrap == "2026-03-01T23:00" and card.days[0]["wrap"] == "19:00"


@pytest.mark.parametrize(
    "field, value",
    [("rate", "1e15"), ("guaranteed_hours", "1000"), ("kit_rental", "1e14"), ("rate", "21.428571")],
)
def test_a_deal_past_what_a_card_holds_is_refused(
    coordinator_client, production, crew, field, value
):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    post = {
        "rules": "ca-nonunion",
        "rate": "300",
        "per": "day",
        "guaranteed_hours": "12",
        "days_per_week": "5",
        "kit_rental_per": "week",
    } | {field: value}
    response = coordinator_client.post(
        f"/p/{production.slug}/timecards/{card.pk}/", post | day_post(1, "07:00", "19:00")
    )
    assert response.status_code == 400
    card.refresh_from_db()
    assert card.rate == Decimal("300") and card.kit_rental is None and card.days == []
    assert coordinator_client.get(f"/p/{production.slug}/timecards/{card.pk}/").status_code == 200


def test_weeks_at_the_edge_of_the_calendar_show_this_week(coordinator_client, production):
    for week in ("0001-01-01", "9999-12-31"):
        assert (
            coordinator_client.get(f"/p/{production.slug}/timecards/?week={week}").status_code
            == 200
        )
        assert (
            coordinator_client.post(
                f"/p/{production.slug}/timecards/send/", {"week": week}
            ).status_code
            == 302
        )


def test_a_note_with_control_characters_is_cleaned(production, crew):
    from callboard.payroll.timecards import days_from_form

    days = days_from_form(WEEK, {"d1_call": "07:00", "d1_note": "rig\x00 day"})
    assert days[0]["note"] == "rig day"


def test_a_refused_deal_shows_what_was_typed(coordinator_client, production, crew):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    post = {
        "rules": "iatse-basic",
        "rate": "-1",
        "per": "hour",
        "guaranteed_hours": "10",
        "days_per_week": "6",
        "kit_rental": "75",
        "kit_rental_per": "day",
        "account": "3400",
    }
    response = coordinator_client.post(f"/p/{production.slug}/timecards/{card.pk}/", post)
    assert response.status_code == 400
    for shown in (
        b'value="iatse-basic" selected',
        b'value="10"',
        b'value="75"',
        b'value="3400"',
        b'value="6"',
    ):
        assert shown in response.content


def test_sending_the_week_again_leaves_links_already_out(
    coordinator_client, production, crew, django_capture_on_commit_callbacks
):
    url = f"/p/{production.slug}/timecards/send/"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"week": "2026-03-01"})
        again = coordinator_client.post(url, {"week": "2026-03-01"}, follow=True)
    assert OutboundEmail.objects.filter(to="ann@example.test").count() == 1
    assert b"already out" in again.content
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            url, {"week": "2026-03-01", "person": crew.pk}
        )  # on purpose: a new link
    assert OutboundEmail.objects.filter(to="ann@example.test").count() == 2
