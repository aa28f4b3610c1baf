import pypdfium2
import pytest

from .runs_testing import chart, office_pa
from .test_runs_miles_and_purchases_reach_accounting import _delivered

pytestmark = pytest.mark.django_db


def test_the_run_log_is_a_pdf_with_the_days_runs_and_pas(coordinator_client, production, tmp_path):
    chart(production)
    pa, _ = office_pa(production, first_name="Rosa")
    _delivered(production, pa, "12.5", 1)
    response = coordinator_client.get(
        f"/p/{production.slug}/office/runs/log.pdf?date={production.today().isoformat()}"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = pdf[0].get_textpage().get_text_range()
    assert "Run log" in text and "Drives" in text and "Rosa" in text and "12.5" in text
    pdf[0].render(scale=1.5).to_pil().save(tmp_path / "run-log.png")


def test_a_bad_date_still_prints_today(coordinator_client, production):
    response = coordinator_client.get(f"/p/{production.slug}/office/runs/log.pdf?date=%00nope")
    assert response.status_code == 200
