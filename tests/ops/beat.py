"""One ``celery beat`` process for the real-parts tests, on the production schedule squeezed into
seconds: the same entries and tasks as CELERY_BEAT_SCHEDULE, each due every second, so several
minutes of beat happen in a few seconds."""

import subprocess
import sys
import time
from pathlib import Path

from celery.beat import Scheduler

from tests.notifications.realparts import ROOT


class EverySecond(Scheduler):
    """CELERY_BEAT_SCHEDULE with each entry's schedule replaced by one second (kept in memory)."""

    def merge_inplace(self, b):
        super().merge_inplace({name: {**entry, "schedule": 1.0} for name, entry in b.items()})


class Beat:
    """``celery -A config beat`` with the ``EverySecond`` scheduler, its log in a file."""

    def __init__(self, *, env: dict, log_path: Path):
        self.env = {k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--scheduler",
                "tests.ops.beat:EverySecond",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while "beat: Starting" not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"celery beat did not start:\n{self.output()}")
            time.sleep(0.2)
        return self

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def sent(self, task: str) -> int:
        """How many times beat sent ``task`` so far: "Sending due task <entry> (<task>)" lines."""
        return self.output().count(f"({task})")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
