"""The wrap app's models, one module per part (``binder.py``, ``checklist.py``)."""

from .binder import Binder, WrapDocument

__all__ = ["Binder", "WrapDocument"]
