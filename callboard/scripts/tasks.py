from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from callboard.core.links import link_token

from .models import Distribution, ScriptCopy
from .watermark import Watermarker


@task()
def distribution_make_copies(*, distribution_id: int) -> None:
    """Stamp and send every copy not made yet: safe to run again after a crash."""
    distribution = Distribution.objects.select_related("version__production").get(
        pk=distribution_id
    )
    version = distribution.version
    Distribution.objects.filter(pk=distribution_id).update(status=Distribution.Status.RUNNING)
    try:
        with version.pdf.open("rb") as source:
            stamper = Watermarker(source.read())
        for copy in distribution.copies.filter(made_at__isnull=True).select_related(
            "person", "grant"
        ):
            pdf = stamper.copy(text=copy.watermark, footer=_footer(copy))
            copy.pdf.save(f"copy-{copy.pk}.pdf", ContentFile(pdf), save=False)
            copy.made_at = timezone.now()
            copy.save(update_fields=["pdf", "made_at"])
            _send(copy)
    except Exception as exc:  # the page shows the failure; the copies made so far stay valid
        Distribution.objects.filter(pk=distribution_id).update(
            status=Distribution.Status.FAILED, error=str(exc)[:300]
        )
        raise
    Distribution.objects.filter(pk=distribution_id).update(status=Distribution.Status.DONE)


def _footer(copy: ScriptCopy) -> str:
    # The day it was issued where the production is: an evening send in Los Angeles is not
    # stamped with tomorrow's (UTC) date.
    issued = timezone.localdate(copy.distribution.created_at, copy.person.production.tzinfo)
    return (
        f"Issued to {copy.person.full_name} · {issued:%m/%d/%y} · "
        "Confidential: do not copy or forward"
    )


def _send(copy: ScriptCopy) -> None:
    version = copy.distribution.version
    link = settings.SITE_URL + reverse("script_copy_by_link", args=[link_token(copy.grant)])
    last_day = timezone.localdate(copy.grant.expires_at, version.production.tzinfo)
    body = (
        f"Hello {copy.person.preferred_name or copy.person.first_name},\n\n"
        f"Your personal copy of {version.title or 'the script'} ({version.colour}, "
        f"{version.revision_date:%m/%d/%y}) is ready:\n\n{link}\n\n"
        f"{copy.distribution.message + chr(10) + chr(10) if copy.distribution.message else ''}"
        f"The copy carries your name on every page. The link is yours alone and works until "
        f"{last_day:%b %-d, %Y}.\n\n{version.production.title} production office"
    )
    send_mail(
        f"{version.production.title}: {version.colour} script", body, None, [copy.person.email]
    )
    ScriptCopy.objects.filter(pk=copy.pk).update(sent_at=timezone.now())
