"""The envelope PDF, built in the background with its progress on the envelope's page."""

from django.core.files.base import ContentFile
from django_tasks import task

from callboard.documents.render import RenderError

from .exports import envelope_pdf
from .models import Envelope


@task()
def envelope_pdf_build(*, envelope_id: int) -> None:
    envelope = (
        Envelope.objects.select_related("float__person", "production")
        .filter(pk=envelope_id)
        .first()
    )
    if envelope is None:
        return

    def progress(percent: int) -> None:
        Envelope.objects.filter(pk=envelope_id).update(pdf_status="building", pdf_progress=percent)

    try:
        pdf = envelope_pdf(envelope, progress)
    except (RenderError, OSError):
        Envelope.objects.filter(pk=envelope_id).update(pdf_status="failed")
        raise
    envelope.pdf.save(f"envelope-{envelope.code}.pdf", ContentFile(pdf), save=False)
    Envelope.objects.filter(pk=envelope_id).update(
        pdf=envelope.pdf.name, pdf_status="ready", pdf_progress=100
    )
