from decimal import Decimal

from django import template

from callboard.accounting.costreport import shown as _shown

register = template.Library()


@register.filter
def shown(amount) -> str:
    """{{ row.variance|shown }} -> '1,234.56', an overage as '(1,234.56)'."""
    if amount is None or amount == "":
        return ""
    return _shown(Decimal(amount))
