"""The production a token opens, and who the token speaks for there."""

from datetime import date, datetime

from ninja import Router, Schema

from ..schemas import ERRORS

router = Router(tags=["Productions"])


class ProductionOut(Schema):
    slug: str
    title: str
    kind: str
    season: int | None
    episode: str
    company: str
    time_zone: str
    prep_start: date | None
    shoot_start: date | None
    shoot_end: date | None
    wrap_end: date | None
    union_status: str
    agreement: str
    updated_at: datetime


class TokenOwnerOut(Schema):
    email: str
    role: str
    scopes: list[str]
    capabilities: list[str]
    expires_at: datetime


class ProductionDetailOut(ProductionOut):
    token: TokenOwnerOut


def _detail(request) -> dict:
    access = request.auth
    return {
        **ProductionOut.from_orm(access.production).dict(),
        "token": {
            "email": access.user.email,
            "role": access.role,
            "scopes": access.token.scopes,
            "capabilities": sorted(access.capabilities),
            "expires_at": access.token.expires_at,
        },
    }


@router.get("", response={200: list[ProductionOut], **ERRORS}, summary="The token's production")
def productions_list(request):
    """A token opens one production: this list holds it (for clients that start here)."""
    return [request.auth.production]


@router.get("/{production}", response={200: ProductionDetailOut, **ERRORS})
def production_detail(request, production: str):
    """The production, with the role, scopes and capabilities this token carries on it."""
    return _detail(request)
