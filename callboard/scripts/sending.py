"""What each recipient of a script gets: their own copy, watermarked with their name on every
page as their delivery is sent (the script is read once per send), and the personal link that
opens it (the copy's own signed link, so opening it is logged and tracks the delivery). The copy
is not attached: the link is what the office can withdraw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from .models import Distribution, ScriptCopy

if TYPE_CHECKING:
    from .watermark import Watermarker

KIND = "script_copy"


def composer(dispatch):
    distribution = Distribution.objects.select_related("version__production").get(
        pk=dispatch.object_id
    )
    version = distribution.version
    production = version.production
    copies = {c.person_id: c for c in distribution.copies.select_related("person", "grant")}
    stamper = None  # the script, read once, when a copy is first to be made

    def compose(delivery) -> Message:
        nonlocal stamper
        copy = copies[delivery.person_id]
        if not copy.made_at:  # made on an earlier attempt: the same copy, not a second one
            if stamper is None:
                from .watermark import Watermarker  # pypdf: loaded by a send, not at start-up

                with version.pdf.open("rb") as source:
                    stamper = Watermarker(source.read())
            _copy_make(copy, stamper, production)
        link = settings.SITE_URL + reverse("script_copy_by_link", args=[link_token(copy.grant)])
        last_day = timezone.localdate(copy.grant.expires_at, production.tzinfo)
        message = f"{distribution.message}\n\n" if distribution.message else ""
        body = (
            f"Hello {copy.person.preferred_name or copy.person.first_name},\n\n"
            f"Your personal copy of {version.title or 'the script'} ({version.colour}, "
            f"{version.revision_date:%m/%d/%y}) is ready:\n\n{link}\n\n{message}"
            f"The copy carries your name on every page. The link is yours alone and works until "
            f"{last_day:%b %-d, %Y}.\n\n{production.title} production office"
        )
        text = f"{production.title}: your copy of the {version.colour} script: {link}"
        return Message(dispatch.subject, body, text)

    return compose


def _copy_make(copy: ScriptCopy, stamper: Watermarker, production) -> None:
    pdf = stamper.copy(text=copy.watermark, footer=_footer(copy, production))
    copy.pdf.save(f"copy-{copy.pk}.pdf", ContentFile(pdf), save=False)
    copy.made_at = timezone.now()
    copy.save(update_fields=["pdf", "made_at"])


def _footer(copy: ScriptCopy, production) -> str:
    # The day it was issued where the production is: an evening send in Los Angeles is not
    # stamped with tomorrow's (UTC) date.
    issued = timezone.localdate(copy.distribution.created_at, production.tzinfo)
    return (
        f"Issued to {copy.person.full_name} · {issued:%m/%d/%y} · "
        "Confidential: do not copy or forward"
    )
