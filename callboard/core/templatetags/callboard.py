from django import template

register = template.Library()


@register.filter
def can(membership, capability: str) -> bool:
    """{% if request.membership|can:"people.edit" %}: capability checks in templates."""
    return membership is not None and capability in membership.capabilities
