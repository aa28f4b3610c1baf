"""The wrap binder: every document of the show, from each app's records, as one PDF with a
cover, contents and bookmarks, and a ZIP of the same documents in numbered folders."""
