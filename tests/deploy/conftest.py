import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """GET ``url``: (status, body, headers), error statuses included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def rabta(*args: str, env: dict, **kwargs):
    return subprocess.run([sys.executable, "-m", "rabta.cli", *args], env=env, **kwargs)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> dict:
    """An environment with a migrated SQLite database of its own (for servers started here)."""
    directory = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{directory}/rabta.sqlite3",
        "RABTA_DATA_DIR": str(directory),
        "REDIS_URL": "",
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_SETTINGS_MODULE": "rabta.settings",
    }
    rabta("migrate", "--noinput", env=env, check=True, capture_output=True)
    return env


class Server:
    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**env, "RABTA_BIND": f"127.0.0.1:{self.port}", "RABTA_WORKERS": "1"}
        with log.open("w") as output:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [sys.executable, "-m", "rabta.cli", "serve"],
                env=env, stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait_until_answering(self, deadline_seconds: float = 120) -> tuple[int, bytes, dict]:
        """Poll /readyz until the server answers at all (a deadline so a broken server fails the
        test instead of hanging it; nothing here is a speed requirement)."""
        give_up = time.monotonic() + deadline_seconds
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                raise AssertionError(f"rabta serve exited:\n{self.log.read_text()}")
            try:
                return get(f"{self.url}/readyz")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        raise AssertionError(f"rabta serve never answered:\n{self.log.read_text()}")

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=60)
        return self.log.read_text()


@pytest.fixture
def start_server(tmp_path):
    servers = []

    def start(env: dict) -> Server:
        server = Server(env, tmp_path / f"server-{len(servers)}.log")
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server.process.poll() is None:
            server.stop()
