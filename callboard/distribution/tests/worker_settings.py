"""Settings of the worker process the real-kill test starts and kills: the app's own, with the
tests' composer, the dying outbox and a one-second lease."""

from callboard.settings import *  # noqa: F403
from callboard.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "callboard.distribution.tests.notes.NotesConfig"]
EMAIL_BACKEND = "callboard.distribution.tests.crashing.DyingOutbox"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DISPATCH_LEASE_SECONDS = 1
