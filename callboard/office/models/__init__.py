"""The office's models, one module per part; Django finds them through this package."""

from .runs import PADay, Run, RunPurchase, RunSettings

__all__ = ["PADay", "Run", "RunPurchase", "RunSettings"]
