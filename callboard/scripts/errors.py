"""The one error the script readers raise.

Every problem with an uploaded script (empty, not a script, broken or hostile
XML, undecodable bytes) becomes a ScriptError whose message can be shown to the
coordinator as it is: plain words, no traceback, no XML jargon beyond need.
"""


class ScriptError(Exception):
    """The file cannot be read as a screenplay; str(error) says why, in plain words."""
