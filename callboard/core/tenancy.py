"""The one place where a request is tied to a production.

Every tenant view is wrapped in ``production_view(cap)``: it finds the
production by slug among the user's own memberships (anything else is a 404,
so other productions' existence is not revealed), checks the capability, and
hands the view ``request.production`` and ``request.membership``. Object
lookups go through ``scoped`` / ``get_scoped_or_404`` so no view can reach
another production's rows by id.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from .capabilities import Cap
from .models import Membership


def production_view(capability: Cap, *alternatives: Cap):
    """A production's page for members whose role has ``capability`` (or one of the
    ``alternatives``: a scout is read with travel's or with locations' capability)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, production: str, *args, **kwargs):
            membership = (
                Membership.objects.select_related("production")
                .filter(
                    user=request.user,
                    is_active=True,
                    production__slug=production,
                    production__deleted_at__isnull=True,
                )
                .first()
            )
            if membership is None:
                raise Http404("No such production.")
            if not any(membership.can(c) for c in (capability, *alternatives)):
                raise PermissionDenied(
                    f"Your role ({membership.get_role_display()}) does not allow this."
                )
            request.production = membership.production
            request.membership = membership
            # Times on a production's pages read in the production's own time zone.
            with timezone.override(membership.production.tzinfo):
                return view(request, *args, **kwargs)

        return wrapper

    return decorator


def scoped(model, request):
    """The model's rows that belong to the request's production."""
    manager = model._default_manager
    return manager.filter(production=request.production)


def get_scoped_or_404(source, request, **lookup):
    """One row of the request's production, from a model or a queryset; 404 otherwise."""
    rows = (
        scoped(source, request)
        if isinstance(source, type)
        else source.filter(production=request.production)
    )
    obj = rows.filter(**lookup).first()
    if obj is None:
        raise Http404("Not found on this production.")
    return obj
