"""The wrap app's models, one module per part (``binder.py``, ``checklist.py``)."""
