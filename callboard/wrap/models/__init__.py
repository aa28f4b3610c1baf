"""The wrap app's models, one module per part (``binder.py``, ``checklist.py``)."""

from .checklist import ChecklistItem

__all__ = ["ChecklistItem"]
