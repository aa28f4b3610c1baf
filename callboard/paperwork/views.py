import hashlib
import io
import zipfile
from datetime import date
from typing import NamedTuple

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_filter
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core import clock
from callboard.core.capabilities import Cap
from callboard.core.controls import ControlError, warnings_with_overrides
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.documents.tabular import write_csv
from callboard.documents.uploads import MAX_UPLOAD_BYTES, UploadError
from callboard.people.models import Person

from . import packets, rules, services
from .catalogue import FORMS, REQUIRED_KINDS, Hire, adapted, packet_for
from .models import BankChange, Packet, PacketForm, PacketUpload, settings_for
from .queries import production_closed


def _client(request) -> tuple[str | None, str]:
    return request.META.get("REMOTE_ADDR"), request.META.get("HTTP_USER_AGENT", "")[:300]


# The badge colour of a form in each state, on the status board.
_BOARD_BADGE = {
    PacketForm.Status.APPROVED: "confirmed",
    PacketForm.Status.SUBMITTED: "confirmed",
    PacketForm.Status.NEEDS_CORRECTION: "bounced",
    PacketForm.Status.IN_PROGRESS: "opened",
}


class BoardRow(NamedTuple):
    person: Person
    packet: Packet | None
    forms: list[tuple[int, str, str]]  # (number, badge state, status label), in packet order
    start: str  # "Mar 1", or "—"
    due: date | None
    due_text: str  # "Mon Mar 4", or ""
    overdue: bool


@production_view(Cap.PAPERWORK_MANAGE)
def paperwork_board(request):
    """Every person and their packet: where each form stands, what is overdue."""
    people = (
        Person.objects.active()
        .filter(production=request.production)
        .select_related("department")
        .order_by("kind", "department__order", "last_name", "first_name")
    )
    packets = {p.person_id: p for p in scoped(Packet, request).order_by("created_at")}
    # Thousands of forms on a big show: only what the board shows, not whole rows.
    forms: dict[int, list[tuple[str, str]]] = {}
    for packet_id, kind, status in PacketForm.objects.filter(
        packet__in=scoped(Packet, request)
    ).values_list("packet_id", "kind", "status"):
        forms.setdefault(packet_id, []).append((kind, status))
    labels = dict(PacketForm.Status.choices)
    today = request.production.today()
    closed = production_closed(request.production)
    rows = []
    for person in people:
        packet = packets.get(person.pk)
        packet_forms = forms.get(packet.pk, []) if packet else []
        due = None
        section2 = next((status for k, status in packet_forms if k == "i9_section2"), None)
        if (
            packet
            and packet.start_date
            and section2 in (PacketForm.Status.NOT_STARTED, PacketForm.Status.IN_PROGRESS)
        ):
            due = rules.i9_section2_due(packet.start_date, packet.job_days, closed=closed)
        badges = [
            (number, _BOARD_BADGE.get(status, ""), labels.get(status, status))
            for number, (_, status) in enumerate(packet_forms, start=1)
        ]
        overdue = bool(due and due < today)
        start = date_filter(person.start_date, "M j") or "—"
        rows.append(
            BoardRow(person, packet, badges, start, due, date_filter(due, "D M j"), overdue)
        )
    return render(
        request, "paperwork/board.html", {"nav": "paperwork", "rows": rows, "today": today}
    )


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_start(request):
    person = get_scoped_or_404(Person, request, pk=id_param(request.POST.get("person")))
    hire = Hire(
        union=bool(person.union),
        work_state=text_param(request.POST.get("state"), 2),
        kit_rental=request.POST.get("kit") == "on",
        loanout=request.POST.get("loanout") == "on",
    )
    try:
        packet = services.packet_create(
            actor=request.user,
            production=request.production,
            person=person,
            kinds=services.packet_kinds(request.production, packet_for(hire)),
            start_date=person.start_date,
        )
        services.packet_send(actor=request.user, packet=packet)
    except services.PacketError as exc:
        messages.error(request, str(exc))
        return redirect("paperwork:board", production=request.production.slug)
    messages.success(request, f"Start packet sent to {person.display_name}.")
    return redirect("paperwork:packet", production=request.production.slug, packet_pk=packet.pk)


SECTION2_NUMBERS = {"doc1_number": "Document 1 number", "doc2_number": "Document 2 number"}


@production_view(Cap.PAPERWORK_MANAGE)
def packet_detail(request, packet_pk: int):
    packet = get_scoped_or_404(Packet.objects.select_related("person"), request, pk=packet_pk)
    can_private = request.membership.can(Cap.PAPERWORK_PAYROLL)
    reveal = id_param(request.GET.get("reveal")) if can_private else None
    packet_forms = list(packet.forms.prefetch_related("versions", "uploads"))
    forms = []
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
                value = services.shown_answer(field, form.values.get(field.name, ""))
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
            (sig, services.signed_at(sig, request.production)) for sig in form.signatures.values()
        ]
        forms.append((form, spec, answers, versions, signed))
    role = services.APPROVER_ROLE.get(request.membership.role)
    if request.membership.role == "studio_admin":
        role = packet.next_approver
    deal = next((f for f in packet_forms if f.kind.startswith("deal_memo")), None)
    return render(
        request,
        "paperwork/packet.html",
        {
            "nav": "paperwork",
            "packet": packet,
            "forms": forms,
            "can_private": can_private,
            "warnings": warnings_with_overrides(packet, services.packet_findings(packet)),
            "can_override": request.membership.can(Cap.PAPERWORK_OVERRIDE),
            "i9": services.packet_i9_status(packet, packet_forms),
            "my_role": role,
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
            "i9_titles": I9_TITLES,
            "section2": next(
                (f for f in packet_forms if f.kind == "i9_section2" and not f.submitted_at), None
            ),
            "section2_done": any(f.kind == "i9_section2" and f.submitted_at for f in packet_forms),
        },
    )


def _date(text: str | None) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise services.PacketError("Give the first day of work as a date.") from exc


def _i9_documents(post, prefix: str = "doc") -> list[rules.I9Document]:
    documents = []
    for n in (1, 2):
        title = text_param(post.get(f"{prefix}{n}_title"), 200)
        if not title:
            continue
        expires = (post.get(f"{prefix}{n}_expires") or "").strip()
        documents.append(
            rules.I9Document(
                list=next((k for k, titles in I9_TITLES.items() if title in titles), "A"),
                title=title,
                number=text_param(post.get(f"{prefix}{n}_number"), 60),
                expires=_date(expires) if expires else None,
                receipt=post.get(f"{prefix}{n}_receipt") == "on",
            )
        )
    return documents


I9_TITLES = {"A": rules.LIST_A, "B": rules.LIST_B, "C": rules.LIST_C}


@production_view(Cap.PAPERWORK_MANAGE)
@require_POST
def packet_act(request, packet_pk: int):
    packet = get_scoped_or_404(Packet, request, pk=packet_pk)
    action = text_param(request.POST.get("action"))
    try:
        if action == "approve":
            role = services.APPROVER_ROLE.get(request.membership.role)
            if request.membership.role == "studio_admin":
                role = packet.next_approver
            if role == "payroll" and not request.membership.can(Cap.PAPERWORK_PAYROLL):
                raise services.PacketError("Only payroll approves as payroll.")
            services.packet_approve(actor=request.user, role=role or "", packet=packet)
            messages.success(request, "Approved.")
        elif action == "send_back":
            comments = {
                key[len("comment_") :]: text_param(value, 1000)
                for key, value in request.POST.items()
                if key.startswith("comment_")
            }
            services.packet_send_back(actor=request.user, packet=packet, comments=comments)
            messages.success(request, "Sent back for correction with your comments.")
        elif action == "i9_section2":
            services.i9_section2_record(
                actor=request.user,
                packet=packet,
                first_day=_date(request.POST.get("first_day")),
                reviewer=text_param(request.POST.get("reviewer"), 200),
                documents=_i9_documents(request.POST),
            )
            messages.success(request, "I-9 Section 2 recorded.")
        elif action == "i9_supplement_b":
            services.i9_supplement_b_record(
                actor=request.user,
                packet=packet,
                reason=text_param(request.POST.get("reason")),
                on=_date(request.POST.get("on")),
                reviewer=text_param(request.POST.get("reviewer"), 200),
                documents=_i9_documents(request.POST, "b"),
                work_until=text_param(request.POST.get("work_until"), 20),
            )
            messages.success(request, "I-9 Supplement B recorded.")
        elif action == "resend":
            services.packet_send(actor=request.user, packet=packet)
            messages.success(request, "A new link is on its way; the old one no longer works.")
        elif action == "terms":
            if not request.membership.can(Cap.PEOPLE_RATES):
                raise services.PacketError("Only those who may see rates set the deal's terms.")
            terms = {
                key[len("term_") :]: text_param(value, 1000)
                for key, value in request.POST.items()
                if key.startswith("term_")
            }
            changed = services.packet_terms_set(actor=request.user, packet=packet, terms=terms)
            messages.success(
                request, f"Terms saved on: {', '.join(changed)}." if changed else "No term changed."
            )
        elif action == "answer_change":
            form = packet.forms.filter(pk=id_param(request.POST.get("form"))).first()
            if form is None:
                raise Http404("No such form in this packet.")
            services.packet_change_request_answer(
                actor=request.user, form=form, reply=text_param(request.POST.get("reply"), 500)
            )
            messages.success(request, "Your answer is in the packet's history.")
        elif action == "override":
            services.packet_warning_override(
                actor=request.user,
                membership=request.membership,
                packet=packet,
                warning=text_param(request.POST.get("warning"), 2000),
                reason=text_param(request.POST.get("reason"), 1000),
            )
            messages.success(request, "Overridden; your reason is shown to the next approvers.")
        else:
            raise services.PacketError("Unknown action.")
    except (services.PacketError, ControlError) as exc:
        messages.error(request, str(exc))
    return redirect("paperwork:packet", production=request.production.slug, packet_pk=packet.pk)


@production_view(Cap.PAPERWORK_MANAGE)
def packet_pdf(request, packet_pk: int):
    packet = get_scoped_or_404(Packet, request, pk=packet_pk)
    if not packet.sealed_pdf:
        raise Http404("Not sealed yet.")
    return FileResponse(
        packet.sealed_pdf.open("rb"),
        as_attachment=True,
        filename=f"start-packet-{packet.person.last_name or packet.pk}.pdf",
    )


# --------------------------------------------------------------------------- the person's phone


def _packet_for(request, token: str):
    try:
        grant = link_grant_resolve(token, purpose=services.LINK_PURPOSE)
    except LinkInvalid as exc:
        return None, render(request, "people/link_invalid.html", {"reason": str(exc)}, status=410)
    packet = (
        Packet.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("person", "production")
        .first()
    )
    if packet is None:
        return None, render(
            request,
            "people/link_invalid.html",
            {
                "reason": (
                    "This link has been replaced by a newer one. Ask the production office for it."
                )
            },
            status=410,
        )
    return packet, None


def packet_by_link(request, token: str):
    packet, refusal = _packet_for(request, token)
    if refusal is not None:
        return refusal
    services.packet_opened(packet=packet, ip=_client(request)[0], user_agent=_client(request)[1])
    forms = [(f, f.spec) for f in packet.forms.all() if not f.spec.office_only]
    return render(
        request, "paperwork/phone_packet.html", {"packet": packet, "forms": forms, "token": token}
    )


def packet_form_by_link(request, token: str, form_pk: int):
    packet, refusal = _packet_for(request, token)
    if refusal is not None:
        return refusal
    form = PacketForm.objects.filter(packet=packet, pk=form_pk).first()
    if form is None or form.spec.office_only:
        raise Http404("No such form in this packet.")
    spec = form.spec
    ip, agent = _client(request)
    problems: dict[str, str] = {}
    error = ""
    typed = dict(form.values)
    if request.method == "POST" and request.POST.get("action") == "upload":
        upload = request.FILES.get("document")
        try:
            if upload is None:
                raise services.PacketError("Choose a photo or PDF first.")
            if upload.size > MAX_UPLOAD_BYTES:
                raise UploadError(
                    f"The file is {upload.size // 1024 // 1024} MB; up to 60 MB is taken."
                )
            services.packet_upload_add(
                form=form,
                name=upload.name,
                data=upload.read(),
                who=packet.person.display_name,
                ip=ip,
            )
            return redirect("packet_form_by_link", token=token, form_pk=form.pk)
        except (services.PacketError, UploadError) as exc:
            error = str(exc)
    elif request.method == "POST" and request.POST.get("action") == "request_change":
        try:
            services.packet_change_request(
                form=form,
                who=packet.person.display_name,
                ip=ip,
                user_agent=agent,
                text=text_param(request.POST.get("change_request"), 1000),
            )
            return redirect(f"{request.path}?asked=1")
        except services.PacketError as exc:
            error = str(exc)
    elif request.method == "POST":
        # Only what the page sends: the office's terms are shown, not posted.
        answers = {f.name: request.POST[f.name] for f in spec.fields if f.name in request.POST}
        # A private answer left blank keeps what was sealed before (it is never shown back).
        answers = {k: v for k, v in answers.items() if v.strip() or not spec.field(k).private}
        typed.update(answers)
        try:
            problems = services.packet_form_save(
                form=form, answers=answers, who=packet.person.display_name, ip=ip, user_agent=agent
            )
            if not problems and request.POST.get("action") == "submit":
                services.packet_form_submit(
                    form=form,
                    who=packet.person.display_name,
                    ip=ip,
                    user_agent=agent,
                    signature={
                        "typed": text_param(request.POST.get("typed_signature"), 120),
                        "svg": request.POST.get("drawn_signature", "")[:20000],
                    },
                )
                return redirect("packet_by_link", token=token)
            if not problems:
                return redirect("packet_by_link", token=token)
        except services.PacketError as exc:
            error = str(exc)
        form.refresh_from_db()
    fields = [
        (
            f,
            ""
            if f.private
            else (
                services.shown_answer(f, form.values.get(f.name, ""))
                if f.office
                else typed.get(f.name, "")
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


def bank_change_by_link(request, token: str):
    """The person confirms (or denies) a change to their direct deposit, from the link sent to
    the address the crew list knew before the change."""
    try:
        grant = link_grant_resolve(token, purpose=services.BANK_LINK_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "people/link_invalid.html", {"reason": str(exc)}, status=410)
    change = (
        BankChange.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("form__packet__person", "form__packet__production")
        .first()
    )
    if change is None:
        return render(
            request,
            "people/link_invalid.html",
            {"reason": "This link is no longer in use."},
            status=410,
        )
    error = ""
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer not in ("confirm", "deny"):
                raise services.PacketError("Choose one of the two buttons.")
            services.bank_change_answer(
                change=change,
                confirmed=answer == "confirm",
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
def packets_export(request):
    """Approved packets for payroll: a ZIP of the signed PDFs with a CSV index."""
    packets = scoped(Packet, request).filter(status=Packet.Status.APPROVED).select_related("person")
    buffer = io.BytesIO()
    index = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for packet in packets:
            if not packet.sealed_pdf:
                continue
            person = packet.person
            with packet.sealed_pdf.open("rb") as source:
                pdf = source.read()
            last = slugify(person.last_name or "person")
            name = f"{last}-{slugify(person.first_name)}-{packet.pk}.pdf"
            archive.writestr(name, pdf)
            index.append(
                [
                    name,
                    person.display_name,
                    person.position,
                    person.department.name if person.department else "",
                    packet.start_date or "",
                    clock.sortable(packet.sealed_at, request.production.tzinfo),
                    hashlib.sha256(pdf).hexdigest(),
                ]
            )
        archive.writestr(
            "index.csv",
            write_csv(
                ["file", "name", "position", "department", "start date", "approved", "sha256"],
                index,
            ),
        )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{request.production.slug}-approved-packets.zip"'
    )
    return response


@production_view(Cap.PAPERWORK_MANAGE)
def packet_upload(request, packet_pk: int, upload_pk: int):
    """An identity document, for the office's I-9 review; every look is in the audit log."""
    packet = get_scoped_or_404(Packet, request, pk=packet_pk)
    upload = PacketUpload.objects.filter(form__packet=packet, pk=upload_pk).first()
    if upload is None:
        raise Http404("No such document.")
    services.upload_viewed(actor=request.user, upload=upload)
    return FileResponse(
        upload.file.open("rb"), content_type=upload.content_type, filename=upload.original_name
    )


@production_view(Cap.PAPERWORK_MANAGE)
def paperwork_settings(request):
    """Adapt the standard forms: which this production uses, their terms, extra questions,
    and the approval chain."""
    stored = settings_for(request.production)
    error = ""
    if request.method == "POST":
        forms = {}
        for kind, spec in FORMS.items():
            extra = []
            for line in request.POST.get(f"extra_{kind}", "").splitlines()[:20]:
                label = line.strip()
                if label:
                    extra.append(
                        {"label": label.rstrip("*").strip()[:120], "required": label.endswith("*")}
                    )
            body = request.POST.get(f"body_{kind}", "").strip()[:5000]
            forms[kind] = {
                "enabled": kind in REQUIRED_KINDS or request.POST.get(f"enabled_{kind}") == "on",
                "body": body if body != spec.body else None,
                "extra": extra,
            }
        chain = [s.strip().lower() for s in request.POST.get("chain", "").split(",") if s.strip()]
        try:
            services.paperwork_settings_save(
                actor=request.user,
                production=request.production,
                forms=forms,
                chain=chain,
                payday=text_param(request.POST.get("payday"), 120),
                uses_everify=request.POST.get("uses_everify") == "on",
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
def packet_form_pdf(request, packet_pk: int, form_pk: int):
    """One completed form as its own PDF (private numbers masked; the sealed packet is the
    signed record)."""
    packet = get_scoped_or_404(
        Packet.objects.select_related("person", "production"), request, pk=packet_pk
    )
    document = services.packet_document(packet, only_form=form_pk)
    if not document["forms"]:
        raise Http404("No such form in this packet.")
    response = HttpResponse(packets.packet_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="form-{form_pk}.pdf"'
    return response
