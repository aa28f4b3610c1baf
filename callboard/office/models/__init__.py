"""The office's models, one module per part; Django finds them through this package."""

from .gate import Gate, GateCheck, Pass

__all__ = ["Gate", "GateCheck", "Pass"]
