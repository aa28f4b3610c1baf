from django import template

register = template.Library()


@register.filter
def can(membership, capability: str) -> bool:
    """{% if request.membership|can:"people.edit" %}: capability checks in templates."""
    return membership is not None and capability in membership.capabilities


@register.filter
def eighths(value) -> str:
    """{{ scene.eighths|eighths }} -> '2 6/8'."""
    from callboard.scripts.eighths import format_eighths

    return format_eighths(value or 0)
