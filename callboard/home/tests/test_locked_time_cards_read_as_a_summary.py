"""An approved card (or one further on) is read-only: "My things" shows its days, hours and
pay as a summary, never the signing page."""

from datetime import timedelta

import pytest

from callboard.core.models import LinkGrant

from .conftest import worked_card

pytestmark = pytest.mark.django_db


def test_an_approved_card_reads_as_a_summary(ann_client, ann, production, this_week):
    card = worked_card(ann, this_week - timedelta(days=7), approved=True)
    page = ann_client.get(f"/p/{production.slug}/me/timecards/{card.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Approved by department" in html and "20.0 h" in html
    assert "07:00" in html and "17:30" in html and "12:00–12:30" in html
    assert "Read-only" in html and '<form method="post">' not in html
    assert 'id="gross"' in html  # her pay, as the link page shows it
    assert not LinkGrant.objects.filter(purpose="timecard").exists()
