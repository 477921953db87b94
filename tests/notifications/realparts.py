"""Real parts for the notification integration tests and the benchmark: an SMTP server
(aiosmtpd) that can refuse or stall, a Redis broker, and a Celery worker process."""

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SinkHandler:
    """Keeps every message and the client connection it came on; can answer 451 to the next N
    messages, or stall before replying."""

    def __init__(self):
        self.messages = []
        self.peers = []  # (address, port) of the SMTP connection of each message
        self.refuse_next = 0
        self.stall_seconds = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                return "451 4.3.0 Try again later"
            self.messages.append(envelope)
            self.peers.append(session.peer)
        if self.stall_seconds:
            await asyncio.sleep(self.stall_seconds)
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def connections(self) -> int:
        """How many SMTP connections delivered the kept messages."""
        with self.lock:
            return len(set(self.peers))


class SmtpSink:
    def __init__(self):
        self.handler = SinkHandler()
        self.port = free_port()
        # A fixed greeting name: no name lookup per connection.
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, server_hostname="localhost"
        )

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        return self.handler.messages

    def wait_for(self, count: int, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.handler.count() >= count:
                return True
            time.sleep(0.05)
        return self.handler.count() >= count


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def database_url_for(settings_dict: dict) -> str:
    """A DATABASE_URL naming the database the test process really uses."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Worker:
    """``celery -A config worker`` in its own process, with its log in a file."""

    def __init__(
        self,
        *,
        broker_url: str,
        database_url: str,
        smtp_port: int,
        log_path: Path,
        concurrency=1,
        extra_env=None,
        name="test",
    ):
        self.log_path = log_path
        self.name = name  # node names must differ when several workers run side by side
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CELERY_BROKER_URL": broker_url,
            "DATABASE_URL": database_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "NOTIFICATION_RETRY_BASE_SECONDS": "1",
            "CELERY_VISIBILITY_TIMEOUT": "30",
            **(extra_env or {}),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.concurrency = concurrency
        self.process = None

    def __enter__(self):
        self.start()
        self.wait_until_ready()
        return self

    def start(self) -> None:
        """Start the process without waiting for it (``wait_until_ready`` does)."""
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                f"--concurrency={self.concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname={self.name}-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited:\n{self.output()}")
            if " ready." in self.output():
                return
            time.sleep(0.2)
        raise RuntimeError(f"Celery worker not ready after {timeout}s:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
