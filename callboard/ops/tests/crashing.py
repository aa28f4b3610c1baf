"""The outbox of a worker the studio's kill test starts: once it holds DIE_AT_MESSAGE messages
it SIGKILLs its whole process group, right after taking the last one (the mail server has it,
the database does not know yet). A power cut: RQ's worker, its work horse and its scheduler
die together, none of them gets to tidy up."""

import os
import signal

from callboard.core.mail import OutboxBackend
from callboard.core.models import OutboundEmail


class PowerCut(OutboxBackend):
    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        die_at = int(os.environ.get("DIE_AT_MESSAGE") or 0)
        if die_at and OutboundEmail.objects.count() >= die_at:
            # The test starts the worker as a session's leader; RQ's work horse has a process
            # group of its own inside that session.
            os.killpg(os.getsid(0), signal.SIGKILL)
            os.killpg(os.getpgrp(), signal.SIGKILL)
        return sent
