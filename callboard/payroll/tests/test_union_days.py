"""Union days from approved cards and hand-entered pay stubs, against each local's threshold."""

from datetime import date

import pypdfium2
import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.payroll import queries, services
from callboard.payroll.models import PayStub
from callboard.payroll.services import TimeCardError

from .helpers import WEEK, person_with_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_person(production):
    person = person_with_deal(production, first_name="Cy", position="Production Coordinator")
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card = services.timecard_save(
        actor=None,
        card=card,
        days=[
            {
                "date": f"2026-03-0{n}",
                "call": "08:00",
                "wrap": "13:00",
                "meals": [],
                "ndb": None,
                "note": "",
            }
            for n in (2, 3, 4)
        ],
    )
    services.timecard_submit(card=card, signature="Cy")
    services.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    return person


def test_days_count_from_approved_cards_and_stubs(production, coordinator_person):
    services.pay_stub_add(
        actor=None,
        person=coordinator_person,
        employer="Other Show LLC",
        job="Production Coordinator",
        union=False,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 5, 30),
        days=80,
    )
    [row] = queries.union_day_rows(production)
    assert (row.job, row.union_days, row.nonunion_days) == ("Production Coordinator", 0, 83)
    assert row.threshold["union_days"] == 30 and row.standing == "close"  # 83 of 100
    services.pay_stub_add(
        actor=None,
        person=coordinator_person,
        employer="Union Show",
        job="Production Coordinator",
        union=True,
        start_date=date(2025, 6, 2),
        end_date=date(2025, 7, 30),
        days=30,
    )
    [row] = queries.union_day_rows(production)
    assert row.union_days == 30 and row.standing == "eligible"


def test_unapproved_cards_do_not_count(production):
    person = person_with_deal(production, position="Production Coordinator")
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    services.timecard_save(
        actor=None,
        card=card,
        days=[
            {
                "date": "2026-03-02",
                "call": "08:00",
                "wrap": "13:00",
                "meals": [],
                "ndb": None,
                "note": "",
            }
        ],
    )
    assert queries.union_day_rows(production) == []


def test_thresholds_are_the_productions_own(coordinator_client, production, coordinator_person):
    url = f"/p/{production.slug}/timecards/union-days/"
    coordinator_client.post(
        url + "thresholds/", {"thresholds": "Production Coordinator | IATSE | 161 | 30 | 3"}
    )
    [row] = queries.union_day_rows(production)
    assert row.standing == "eligible"  # the card's 3 non-union days are enough here
    assert row.threshold["local"] == "161"
    bad = coordinator_client.post(
        url + "thresholds/", {"thresholds": "Coordinator | x | 1 | ten | 5"}, follow=True
    )
    assert b"whole numbers" in bad.content
    assert queries.thresholds(production)[0]["local"] == "161"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"employer": "", "job": "PC"}, "employer and the job"),
        ({"end_date": "2025-01-01"}, "before its first"),
        ({"days": "40"}, "from 1 to 5"),
        ({"start_date": "soon"}, "first day as a date"),
    ],
)
def test_a_bad_pay_stub_is_refused_with_a_message(
    coordinator_client, production, coordinator_person, fields, message
):
    post = {
        "person": coordinator_person.pk,
        "employer": "X",
        "job": "PC",
        "start_date": "2025-01-06",
        "end_date": "2025-01-10",
        "days": "5",
    } | fields
    response = coordinator_client.post(
        f"/p/{production.slug}/timecards/union-days/stubs/", post, follow=True
    )
    assert message.encode() in response.content
    assert not PayStub.objects.exists()


def test_a_persons_days_print_with_their_sources(
    coordinator_client, production, coordinator_person
):
    services.pay_stub_add(
        actor=None,
        person=coordinator_person,
        employer="Other Show LLC",
        job="Production Coordinator",
        union=True,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 1, 10),
        days=5,
        note="stub #1042",
    )
    response = coordinator_client.get(
        f"/p/{production.slug}/timecards/union-days/{coordinator_person.pk}.pdf"
    )
    pdf = pypdfium2.PdfDocument(response.content)
    text = pdf[0].get_textpage().get_text_range()
    assert "Other Show LLC" in text and "stub #1042" in text and "Time card, week of Mar 1" in text


def test_a_removed_stub_no_longer_counts(coordinator_client, production, coordinator_person):
    stub = services.pay_stub_add(
        actor=None,
        person=coordinator_person,
        employer="X",
        job="Production Coordinator",
        union=True,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 1, 10),
        days=5,
    )
    coordinator_client.post(
        f"/p/{production.slug}/timecards/union-days/stubs/remove/", {"stub": stub.pk}
    )
    [row] = queries.union_day_rows(production)
    assert row.union_days == 0
    with pytest.raises(TimeCardError):
        services.pay_stub_add(
            actor=None,
            person=coordinator_person,
            employer="X",
            job="Y",
            union=True,
            start_date=date(2025, 1, 6),
            end_date=date(2025, 1, 6),
            days=2,
        )


def test_the_report_exports_as_csv(coordinator_client, production, coordinator_person):
    text = coordinator_client.get(f"/p/{production.slug}/timecards/union-days.csv").content.decode(
        "utf-8-sig"
    )
    assert "Production Coordinator,0,3,30,100," in text
