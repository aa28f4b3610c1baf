"""The RQ worker `manage.py worker` runs with TASK_BACKEND=rq: RQ's own, looking after its
scheduler more often.

A worker killed outright (SIGKILL, a power cut) leaves its scheduler's lock in Redis for a
minute; a worker started meanwhile finds the lock taken and runs without a scheduler until its
next maintenance round tries again: ten minutes by RQ's default, during which deferred tasks (a
send's look-again run) wait. Every 30 seconds here, so a restarted worker takes the scheduler
over about a minute and a half after the crash at most.
"""

from rq.worker import Worker as RQWorker

MAINTENANCE_SECONDS = 30


class Worker(RQWorker):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)
