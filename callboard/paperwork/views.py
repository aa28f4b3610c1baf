"""Start paperwork's pages: the office's board, a packet's page and its steps (one URL and one
view each), the settings, and the person's phone pages through the packet's signed link. They
only translate: forms.py parses what is posted, services.py writes, queries.py reads."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.controls import ControlError, warnings_with_overrides
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.params import id_param
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.documents.storage import stored_file_response
from callboard.documents.uploads import MAX_UPLOAD_BYTES, UploadError
from callboard.people.models import Person

from . import packets, queries, rules, services
from .answers import shown_answer
from .catalogue import FORMS, REQUIRED_KINDS, Hire, adapted, packet_for
from .forms import (
    BankChangeAnswerForm,
    ChangeAnswerForm,
    ChangeRequestForm,
    I9Section2Form,
    I9SupplementBForm,
    OverrideForm,
    PacketStartForm,
    PhoneFormStep,
    SettingsForm,
    SignatureForm,
    posted_answers,
    prefixed,
    problem,
)
from .models import BankChange, Packet, PacketForm, PacketUpload, settings_for


def _client(request: HttpRequest) -> tuple[str | None, str]:
    return request.META.get("REMOTE_ADDR"), request.META.get("HTTP_USER_AGENT", "")[:300]


@production_view(Cap.PAPERWORK_MANAGE)
def paperwork_board(request: HttpRequest) -> HttpResponse:
    """Every person and their packet: where each form stands, what is overdue."""
    today = request.production.today()
    rows = queries.board_rows(request.production, today)
    return render(
        request, "paperwork/board.html", {"nav": "paperwork", "rows": rows, "today": today}
    )


def _packet_page(request: HttpRequest, packet: Packet) -> HttpResponse:
    return redirect("paperwork:packet", production=request.production.slug, packet_pk=packet.pk)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_start(request: HttpRequest) -> HttpResponse:
    form = PacketStartForm(request.POST)
    if not form.is_valid():
        raise Http404("No such person.")
    person = get_scoped_or_404(Person, request, pk=form.cleaned_data["person"])
    hire = Hire(
        union=bool(person.union),
        work_state=form.cleaned_data["state"],
        kit_rental=form.cleaned_data["kit"],
        loanout=form.cleaned_data["loanout"],
    )
    try:
        packet = services.packet_create(
            actor=request.user,
            production=request.production,
            person=person,
            kinds=queries.packet_kinds(request.production, packet_for(hire)),
            start_date=person.start_date,
        )
        services.packet_send(actor=request.user, packet=packet)
    except services.PacketError as exc:
        messages.error(request, str(exc))
        return redirect("paperwork:board", production=request.production.slug)
    messages.success(request, f"Start packet sent to {person.display_name}.")
    return _packet_page(request, packet)


SECTION2_NUMBERS = {"doc1_number": "Document 1 number", "doc2_number": "Document 2 number"}


def _form_rows(request: HttpRequest, packet_forms: list[PacketForm]) -> list[tuple]:
    """(form, spec, answers, versions, signatures) for each form on the packet page; private
    numbers sealed, but for the one form payroll asked to reveal (?reveal=<pk>, audited)."""
    can_private = request.membership.can(Cap.PAPERWORK_PAYROLL)
    reveal = id_param(request.GET.get("reveal")) if can_private else None
    rows = []
    for form in packet_forms:
        spec = form.spec
        opened = (
            services.private_answers_read(actor=request.user, form=form)
            if reveal == form.pk
            else {}
        )
        answers = []
        for field in spec.fields:
            if field.private:
                value = opened.get(field.name) or (
                    "•••• sealed" if field.name in form.sealed else ""
                )
            else:
                value = shown_answer(field, form.values.get(field.name, ""))
            answers.append((field.label, value))
        # Identity-document numbers the office recorded (I-9 Section 2, Supplement B): shown
        # masked in the answers above, in full only here, opened by payroll.
        answers += [
            (SECTION2_NUMBERS.get(key, key.replace("_", " ").capitalize()), value)
            for key, value in opened.items()
            if spec.field(key) is None
        ]
        versions = [
            (v, [(f.label, v.values.get(f.name, "")) for f in spec.fields if not f.private])
            for v in form.versions.all()
        ]
        signed = [
            (sig, queries.signed_at(sig, request.production)) for sig in form.signatures.values()
        ]
        rows.append((form, spec, answers, versions, signed))
    return rows


@production_view(Cap.PAPERWORK_MANAGE)
def packet_detail(request: HttpRequest, packet_pk: int) -> HttpResponse:
    packet = get_scoped_or_404(Packet.objects.select_related("person"), request, pk=packet_pk)
    packet_forms = list(packet.forms.prefetch_related("versions", "uploads"))
    deal = next((f for f in packet_forms if f.kind.startswith("deal_memo")), None)
    return render(
        request,
        "paperwork/packet.html",
        {
            "nav": "paperwork",
            "packet": packet,
            "forms": _form_rows(request, packet_forms),
            "can_private": request.membership.can(Cap.PAPERWORK_PAYROLL),
            "warnings": warnings_with_overrides(packet, queries.packet_findings(packet)),
            "can_override": request.membership.can(Cap.PAPERWORK_OVERRIDE),
            "i9": queries.packet_i9_status(packet, packet_forms),
            "my_role": queries.packet_approval_step(request.membership, packet),
            "deal": deal,
            "deal_fields": [(f, deal.values.get(f.name, "")) for f in deal.spec.fields if f.office]
            if deal
            else [],
            "can_set_terms": request.membership.can(Cap.PEOPLE_RATES),
            "payday": settings_for(request.production).payday,
            "overtime_rate": next(
                (
                    f.values.get("overtime_rate", "")
                    for f in packet_forms
                    if f.kind.endswith("wage_notice")
                ),
                "",
            ),
            "bank_changes": BankChange.objects.filter(form__packet=packet),
            "supplement_reasons": services.SUPPLEMENT_B_REASONS,
            "i9_titles": rules.ACCEPTABLE_TITLES,
            "section2": next(
                (f for f in packet_forms if f.kind == "i9_section2" and not f.submitted_at), None
            ),
            "section2_done": any(f.kind == "i9_section2" and f.submitted_at for f in packet_forms),
        },
    )


# --------------------------------------------------------------------------- the office's steps
# One URL and one view per step on the packet page; each says how it went in the page's message.


def _step(request: HttpRequest, packet_pk: int, take: Callable[[Packet], str]) -> HttpResponse:
    """Take one step on the packet (``take`` returns what to tell the office) and go back to
    its page, with the reason in words when the step is refused."""
    packet = get_scoped_or_404(Packet, request, pk=packet_pk)
    try:
        messages.success(request, take(packet))
    except (services.PacketError, ControlError) as exc:
        messages.error(request, str(exc))
    return _packet_page(request, packet)


def _valid(form: forms.Form) -> dict:
    if not form.is_valid():
        raise services.PacketError(problem(form))
    return form.cleaned_data


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_approve(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        step = queries.packet_approval_step(request.membership, packet)
        if step is None:
            raise services.PacketError("Your role signs no step of this packet's approval.")
        services.packet_approve(actor=request.user, role=step, packet=packet)
        return "Approved."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_send_back(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        comments = prefixed(request.POST, "comment_", 1000)
        services.packet_send_back(actor=request.user, packet=packet, comments=comments)
        return "Sent back for correction with your comments."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_i9_section2(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        data = _valid(I9Section2Form(request.POST))
        services.i9_section2_record(
            actor=request.user,
            packet=packet,
            first_day=data["first_day"],
            reviewer=data["reviewer"],
            documents=data["documents"],
        )
        return "I-9 Section 2 recorded."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_i9_supplement_b(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        data = _valid(I9SupplementBForm(request.POST))
        services.i9_supplement_b_record(
            actor=request.user,
            packet=packet,
            reason=data["reason"],
            on=data["on"],
            reviewer=data["reviewer"],
            documents=data["documents"],
            work_until=data["work_until"],
        )
        return "I-9 Supplement B recorded."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_resend(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        services.packet_send(actor=request.user, packet=packet)
        return "A new link is on its way; the old one no longer works."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_terms(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        if not request.membership.can(Cap.PEOPLE_RATES):
            raise services.PacketError("Only those who may see rates set the deal's terms.")
        terms = prefixed(request.POST, "term_", 1000)
        changed = services.packet_terms_set(actor=request.user, packet=packet, terms=terms)
        return f"Terms saved on: {', '.join(changed)}." if changed else "No term changed."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_change_answer(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        data = ChangeAnswerForm(request.POST)
        form = (
            packet.forms.filter(pk=data.cleaned_data["form"]).first() if data.is_valid() else None
        )
        if form is None:
            raise Http404("No such form in this packet.")
        services.packet_change_request_answer(
            actor=request.user, form=form, reply=data.cleaned_data["reply"]
        )
        return "Your answer is in the packet's history."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_override(request: HttpRequest, packet_pk: int) -> HttpResponse:
    def take(packet: Packet) -> str:
        data = _valid(OverrideForm(request.POST))
        services.packet_warning_override(
            actor=request.user,
            membership=request.membership,
            packet=packet,
            warning=data["warning"],
            reason=data["reason"],
        )
        return "Overridden; your reason is shown to the next approvers."

    return _step(request, packet_pk, take)


@production_view(Cap.PAPERWORK_MANAGE)
def packet_pdf(request: HttpRequest, packet_pk: int) -> FileResponse:
    packet = get_scoped_or_404(Packet, request, pk=packet_pk)
    if not packet.sealed_pdf:
        raise Http404("Not sealed yet.")
    return stored_file_response(
        packet.sealed_pdf,
        as_attachment=True,
        filename=f"start-packet-{packet.person.last_name or packet.pk}.pdf",
        content_type="application/pdf",
    )


# --------------------------------------------------------------------------- the person's phone


def _link_invalid(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "core/link_invalid.html", {"reason": reason}, status=410)


def _packet_for(request: HttpRequest, token: str) -> tuple[Packet | None, HttpResponse | None]:
    """The packet a link opens, or the page that says why it does not."""
    try:
        grant = link_grant_resolve(token, purpose=services.LINK_PURPOSE)
    except LinkInvalid as exc:
        return None, _link_invalid(request, str(exc))
    packet = (
        Packet.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("person", "production")
        .first()
    )
    if packet is None:
        return None, _link_invalid(
            request, "This link has been replaced by a newer one. Ask the production office for it."
        )
    return packet, None


def packet_by_link(request: HttpRequest, token: str) -> HttpResponse:
    packet, refusal = _packet_for(request, token)
    if refusal is not None:
        return refusal
    services.packet_opened(packet=packet, ip=_client(request)[0], user_agent=_client(request)[1])
    forms = [(f, f.spec) for f in packet.forms.all() if not f.spec.office_only]
    return render(
        request, "paperwork/phone_packet.html", {"packet": packet, "forms": forms, "token": token}
    )


def _form_upload(request: HttpRequest, form: PacketForm, who: str) -> None:
    upload = request.FILES.get("document")
    if upload is None:
        raise services.PacketError("Choose a photo or PDF first.")
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadError(f"The file is {upload.size // 1024 // 1024} MB; up to 60 MB is taken.")
    services.packet_upload_add(
        form=form, name=upload.name, data=upload.read(), who=who, ip=_client(request)[0]
    )


def _form_change_request(request: HttpRequest, form: PacketForm, who: str) -> None:
    ip, agent = _client(request)
    data = ChangeRequestForm(request.POST)
    text = data.cleaned_data["change_request"] if data.is_valid() else ""
    services.packet_change_request(form=form, who=who, ip=ip, user_agent=agent, text=text)


def _form_save(
    request: HttpRequest, form: PacketForm, who: str, answers: dict, *, submit: bool
) -> dict:
    """Keep the answers; sign and submit too when asked and every answer is fine. Returns
    {field: problem} for the answers not kept."""
    ip, agent = _client(request)
    problems = services.packet_form_save(
        form=form, answers=answers, who=who, ip=ip, user_agent=agent
    )
    if not problems and submit:
        signed = SignatureForm(request.POST)
        signed.is_valid()  # every field is optional text: always valid
        services.packet_form_submit(
            form=form, who=who, ip=ip, user_agent=agent, signature=signed.signature()
        )
    return problems


def packet_form_by_link(request: HttpRequest, token: str, form_pk: int) -> HttpResponse:
    """One form on the person's phone. The page posts back here: an identity document
    (action=upload), a request to change the office's terms (action=request_change), or the
    answers, saved (save) or signed and submitted (submit)."""
    packet, refusal = _packet_for(request, token)
    if refusal is not None:
        return refusal
    form = PacketForm.objects.filter(packet=packet, pk=form_pk).first()
    if form is None or form.spec.office_only:
        raise Http404("No such form in this packet.")
    spec, who = form.spec, packet.person.display_name
    problems: dict[str, str] = {}
    error = ""
    typed = dict(form.values)
    action = PhoneFormStep(request.POST).step() if request.method == "POST" else None
    try:
        if action == "upload":
            _form_upload(request, form, who)
            return redirect("packet_form_by_link", token=token, form_pk=form.pk)
        if action == "request_change":
            _form_change_request(request, form, who)
            return redirect(f"{request.path}?asked=1")
        if action in ("save", "submit"):
            answers = posted_answers(spec, request.POST)
            typed.update(answers)
            try:
                problems = _form_save(request, form, who, answers, submit=action == "submit")
            finally:
                form.refresh_from_db()
            if not problems:
                return redirect("packet_by_link", token=token)
    except (services.PacketError, UploadError) as exc:
        error = str(exc)
    fields = [
        (
            f,
            ""
            if f.private
            else (
                shown_answer(f, form.values.get(f.name, "")) if f.office else typed.get(f.name, "")
            ),
            problems.get(f.name, ""),
            f.private and f.name in form.sealed,
        )
        for f in spec.fields
    ]
    return render(
        request,
        "paperwork/phone_form.html",
        {
            "packet": packet,
            "form": form,
            "spec": spec,
            "fields": fields,
            "error": error,
            "uploads": form.uploads.all(),
            "problems": problems,
            "token": token,
            "asked": request.GET.get("asked") == "1",
            "has_terms": any(f.office for f in spec.fields),
            "locked": form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED),
        },
        status=400 if (problems or error) else 200,
    )


def bank_change_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The person confirms (or denies) a change to their direct deposit, from the link sent to
    the address the crew list knew before the change."""
    try:
        grant = link_grant_resolve(token, purpose=services.BANK_LINK_PURPOSE)
    except LinkInvalid as exc:
        return _link_invalid(request, str(exc))
    change = (
        BankChange.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("form__packet__person", "form__packet__production")
        .first()
    )
    if change is None:
        return _link_invalid(request, "This link is no longer in use.")
    error = ""
    if request.method == "POST":
        answer = BankChangeAnswerForm(request.POST)
        try:
            if not answer.is_valid():
                raise services.PacketError(problem(answer))
            services.bank_change_answer(
                change=change,
                confirmed=answer.cleaned_data["answer"] == "confirm",
                ip=_client(request)[0],
                user_agent=_client(request)[1],
            )
            change.refresh_from_db()
        except services.PacketError as exc:
            error = str(exc)
    return render(
        request,
        "paperwork/phone_bank_change.html",
        {"change": change, "packet": change.form.packet, "error": error},
        status=400 if error else 200,
    )


@production_view(Cap.PAPERWORK_PAYROLL)
def packets_export(request: HttpRequest) -> HttpResponse:
    """Approved packets for payroll: a ZIP of the signed PDFs with a CSV index."""
    archive = queries.approved_packets_zip(request.production)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{request.production.slug}-approved-packets.zip"'
    )
    return response


@production_view(Cap.PAPERWORK_MANAGE)
def packet_upload(request: HttpRequest, packet_pk: int, upload_pk: int) -> FileResponse:
    """An identity document, for the office's I-9 review; every look is in the audit log."""
    packet = get_scoped_or_404(Packet, request, pk=packet_pk)
    upload = PacketUpload.objects.filter(form__packet=packet, pk=upload_pk).first()
    if upload is None:
        raise Http404("No such document.")
    services.upload_viewed(actor=request.user, upload=upload)
    return stored_file_response(
        upload.file, content_type=upload.content_type, filename=upload.original_name
    )


@production_view(Cap.PAPERWORK_MANAGE)
def paperwork_settings(request: HttpRequest) -> HttpResponse:
    """Adapt the standard forms: which this production uses, their terms, extra questions,
    and the approval chain."""
    stored = settings_for(request.production)
    error = ""
    if request.method == "POST":
        posted = SettingsForm(request.POST)
        try:
            if not posted.is_valid():
                raise services.PacketError(problem(posted))
            services.paperwork_settings_save(
                actor=request.user,
                production=request.production,
                forms=posted.adaptations(FORMS, REQUIRED_KINDS),
                chain=posted.cleaned_data["chain"],
                payday=posted.cleaned_data["payday"],
                uses_everify=posted.cleaned_data["uses_everify"],
            )
        except services.PacketError as exc:
            error = str(exc)
        else:
            messages.success(request, "Paperwork settings saved; new packets use them.")
            return redirect("paperwork:settings", production=request.production.slug)
    rows = []
    for kind, spec in FORMS.items():
        adaptation = stored.forms.get(kind, {})
        shown = adapted(spec, adaptation)
        extra = "\n".join(
            f"{e['label']}{' *' if e.get('required') else ''}"
            for e in adaptation.get("extra") or []
        )
        rows.append((kind, shown, adaptation.get("enabled", True), kind in REQUIRED_KINDS, extra))
    return render(
        request,
        "paperwork/settings.html",
        {
            "nav": "paperwork",
            "rows": rows,
            "error": error,
            "chain": ", ".join(stored.chain or services.DEFAULT_CHAIN),
            "payday": stored.payday,
            "uses_everify": stored.uses_everify,
        },
        status=400 if error else 200,
    )


@production_view(Cap.PAPERWORK_MANAGE)
def packet_form_pdf(request: HttpRequest, packet_pk: int, form_pk: int) -> HttpResponse:
    """One completed form as its own PDF (private numbers masked; the sealed packet is the
    signed record)."""
    packet = get_scoped_or_404(
        Packet.objects.select_related("person", "production"), request, pk=packet_pk
    )
    document = queries.packet_document(packet, only_form=form_pk)
    if not document["forms"]:
        raise Http404("No such form in this packet.")
    response = HttpResponse(packets.packet_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="form-{form_pk}.pdf"'
    return response
