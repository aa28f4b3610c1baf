from functools import cache

from . import queries


def own_things(request):
    """Whether the member is on the production's cast or crew list, for the "My things" entry;
    asked only when a page shows the entry, once per request."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}

    @cache
    def has_own_things() -> bool:
        return queries.member_person(membership) is not None

    return {"has_own_things": has_own_things}
