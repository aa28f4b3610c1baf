"""The wrap app's models, one module per part (``binder.py``, ``checklist.py``)."""

from .binder import Binder, WrapDocument
from .checklist import ChecklistItem

__all__ = ["Binder", "ChecklistItem", "WrapDocument"]
