from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from . import services
from .capabilities import Cap, Role, capability_matrix, grantable_roles
from .forms import AccountSetupForm, InvitationForm, MembershipForm, ProductionForm
from .mail import is_recipient, mask_secret_links
from .models import OBJECT_LABELS, AuditEvent, Membership, OutboundEmail, Production, User
from .params import text_param
from .tenancy import get_scoped_or_404, production_view


@login_required
def home(request) -> HttpResponse:
    productions = (
        Production.objects.for_user(request.user)
        .annotate(
            crew_count=Count(
                "people",
                filter=Q(people__deleted_at__isnull=True, people__kind="crew"),
                distinct=True,
            )
        )
        .order_by("title")
    )
    if len(productions) == 1 and not request.GET.get("all"):
        return redirect("production_home", production=productions[0].slug)
    return render(request, "core/home.html", {"productions": productions})


@login_required
def production_create(request) -> HttpResponse:
    if not request.user.can_create_productions:
        raise PermissionDenied("Only a studio admin can start a new production.")
    form = ProductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            production = services.production_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{production.title} is set up. Add your crew next.")
            return redirect("production_home", production=production.slug)
    return render(request, "core/production_form.html", {"form": form, "creating": True})


@production_view(Cap.PRODUCTION_EDIT)
def production_edit(request) -> HttpResponse:
    form = ProductionForm(request.POST or None, instance=request.production)
    if request.method == "POST" and form.is_valid():
        # Re-read so a rejected save never leaves half-applied values on the request.
        production = Production.objects.get(pk=request.production.pk)
        try:
            services.production_update(
                actor=request.user, production=production, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Production details saved.")
            return redirect("production_home", production=production.slug)
    return render(request, "core/production_form.html", {"form": form})


@production_view(Cap.MEMBERS_MANAGE)
def team(request) -> HttpResponse:
    capabilities = request.membership.capabilities
    form = InvitationForm(request.POST or None, capabilities=capabilities)
    if request.method == "POST" and form.is_valid():
        existing = request.production.memberships.filter(
            user__email__iexact=form.cleaned_data["email"]
        ).first()
        if existing and existing.is_active:
            form.add_error(
                "email",
                f"{existing.user} is already on the team as {existing.get_role_display()}. "
                "Change their role in the list instead.",
            )
        elif existing and not existing.capabilities <= capabilities:
            form.add_error(
                "email",
                f"{existing.user} is already {existing.get_role_display()} here; "
                "only someone with at least that role can change it.",
            )
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(
            actor=request.user, production=request.production, **form.cleaned_data
        )
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("team", production=request.production.slug)
    memberships = list(
        request.production.memberships.select_related("user").order_by(
            "-is_active", "user__name", "user__email"
        )
    )
    invitations = [i for i in request.production.invitations.all() if i.is_open]
    grantable = grantable_roles(capabilities)
    for membership in memberships:
        membership.editable = membership.user_id != request.user.pk and any(
            value == membership.role for value, _ in grantable
        )
    return render(
        request,
        "core/team.html",
        {
            "form": form,
            "memberships": memberships,
            "invitations": invitations,
            "role_choices": grantable,
            "role_labels": [role.label for role in Role],
            "matrix": capability_matrix(),
        },
    )


@production_view(Cap.MEMBERS_MANAGE)
@require_POST
def membership_edit(request, membership_pk: int) -> HttpResponse:
    membership = get_scoped_or_404(Membership, request, pk=membership_pk)
    form = MembershipForm(request.POST, capabilities=request.membership.capabilities)
    if membership.user_id == request.user.pk:
        messages.error(request, "You cannot change your own role; ask another admin.")
    elif not any(
        value == membership.role for value, _ in grantable_roles(request.membership.capabilities)
    ):
        messages.error(
            request, f"Only a studio admin can change a {membership.get_role_display()}'s role."
        )
    elif form.is_valid():
        services.membership_update(actor=request.user, membership=membership, **form.cleaned_data)
        messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
    else:
        messages.error(request, "Choose one of the roles you may grant.")
    return redirect("team", production=request.production.slug)


@production_view(Cap.MEMBERS_MANAGE)
@require_POST
def invitation_revoke(request, invitation_pk: int) -> HttpResponse:
    invitation = get_scoped_or_404(request.production.invitations, request, pk=invitation_pk)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} withdrawn.")
    return redirect("team", production=request.production.slug)


def invitation_accept(request, token: str) -> HttpResponse:
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "core/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email:
            return render(
                request, "core/invitation_wrong_user.html", {"invitation": invitation}, status=403
            )
        if request.method == "POST":
            services.invitation_accept(invitation=invitation, user=request.user)
            return redirect("production_home", production=invitation.production.slug)
        return render(request, "core/invitation_accept.html", {"invitation": invitation})
    if existing is not None:
        messages.info(request, "You already have an account: log in to accept the invitation.")
        return redirect(f"{request.build_absolute_uri('/login/')}?next={request.path}")
    form = AccountSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.create_user(
            invitation.email, form.cleaned_data["password1"], name=form.cleaned_data["name"]
        )
        services.invitation_accept(invitation=invitation, user=user)
        login(request, user, backend="callboard.core.accounts.AccountBackend")
        return redirect("production_home", production=invitation.production.slug)
    return render(request, "core/invitation_accept.html", {"invitation": invitation, "form": form})


@cache_control(max_age=86400, public=True)
def favicon(request) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: point them at the SVG icon."""
    return redirect(static("core/favicon.svg"), permanent=True)


@production_view(Cap.AUDIT_VIEW)
def audit_log(request) -> HttpResponse:
    events = AuditEvent.objects.filter(production=request.production).select_related("actor")
    if object_type := text_param(request.GET.get("type"), 60):
        events = events.filter(object_type=object_type)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    types = [
        (object_type, OBJECT_LABELS.get(object_type, object_type))
        for object_type in AuditEvent.objects.filter(production=request.production)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    ]
    return render(request, "core/audit_log.html", {"page": page, "types": types})


def _outbox_for(user):
    """Staff see every message; anyone else only those addressed to them exactly."""
    emails = OutboundEmail.objects.all()
    if user.is_staff:
        return emails
    # "to" holds addresses joined by ", ": match whole addresses, never a longer one.
    email = user.email
    return emails.filter(
        Q(to__iexact=email)
        | Q(to__istartswith=f"{email}, ")
        | Q(to__iendswith=f", {email}")
        | Q(to__icontains=f", {email}, ")
    )


@login_required
def outbox(request) -> HttpResponse:
    """The local outbox: what Callboard has e-mailed (nothing leaves a laptop install)."""
    page = Paginator(_outbox_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/outbox.html", {"page": page})


@login_required
def outbox_message(request, email_pk: int) -> HttpResponse:
    email = _outbox_for(request.user).filter(pk=email_pk).first()
    if email is None:
        raise Http404
    # Staff read every message, but a secret link only opens for whom it was sent.
    body = email.body if is_recipient(email, request.user.email) else mask_secret_links(email.body)
    return render(request, "core/outbox_message.html", {"email": email, "body": body})
