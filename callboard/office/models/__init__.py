"""The office's models, one module per part; Django finds them through this package."""

from .supplies import IssuedItem, StockCount, Supply, SupplyOrderLine, SupplyRequest

__all__ = ["IssuedItem", "StockCount", "Supply", "SupplyOrderLine", "SupplyRequest"]
