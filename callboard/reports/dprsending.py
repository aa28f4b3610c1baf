"""What each recipient of an approved DPR gets: a few lines on the day and the PDF (rendered
once per send, from the frozen snapshot)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from . import dprpdf
from .models import ProductionReport
from .queries import report_document

KIND = "dpr"


def composer(dispatch):
    report = ProductionReport.objects.select_related("production").get(pk=dispatch.object_id)
    document = report_document(report)
    pdf = dprpdf.dpr_pdf(document)
    name = dprpdf.file_name(
        show=report.production.slug,
        day=report.day_number,
        unit=report.unit,
        version=report.version,
        approved=document["report"]["status"] not in ("draft", "submitted"),
    )
    times, progress = document["times"], document["progress"]
    correction = (
        f"CORRECTED (version {report.version}): {report.reason}\n"
        + "".join(f"  - {c}\n" for c in report.changes)
        + "\n"
        if report.version > 1
        else ""
    )
    pages = progress["pages"]["shown"]
    body = (
        f"{correction}{report.production.title} — Daily Production Report, "
        f"{document['report']['day_of']}, {document['report']['date_text']} "
        f"({document['report']['unit_label']}).\n\n"
        f"Crew call {times['crew_call']['shown'] or '—'}, first shot "
        f"{times['first_shot']['shown'] or '—'}, camera wrap "
        f"{times['camera_wrap']['shown'] or '—'}.\n"
        f"Pages today {pages['today']}, to date {pages['to_date']} of {pages['script_total']}"
        f" ({progress['schedule_text']}).\n\nThe report is attached"
    )
    text = (
        f"{report.production.title}: DPR day {report.day_number} approved"
        f"{' (corrected)' if report.version > 1 else ''}; sent by e-mail."
    )

    def compose(delivery) -> Message:
        link = settings.SITE_URL + reverse("report_by_link", args=[link_token(delivery.grant)])
        return Message(
            dispatch.subject,
            f"{body}; open it here to say you have it (one tap):\n{link}\n",
            f"{text} {link}",
            [(name, pdf, "application/pdf")],
        )

    return compose
