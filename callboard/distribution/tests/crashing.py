"""The outbox of the worker process the real-kill test starts (worker_settings.py): it SIGKILLs
its own process once it holds DIE_AT_MESSAGE messages, right after taking the last one: the
mail server has it, the database does not know yet."""

import os
import signal

from callboard.core.mail import OutboxBackend
from callboard.core.models import OutboundEmail


class DyingOutbox(OutboxBackend):
    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        die_at = int(os.environ.get("DIE_AT_MESSAGE") or 0)
        if die_at and OutboundEmail.objects.count() >= die_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return sent
