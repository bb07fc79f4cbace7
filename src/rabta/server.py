"""`rabta serve`: the production web server (gunicorn) with rabta's settings.

Every setting comes from the environment (see docs/deployment.md):

    RABTA_BIND       address to listen on (default 127.0.0.1:8000; PORT alone sets 0.0.0.0:PORT)
    RABTA_WORKERS    worker processes (default: 2 × CPU cores + 1)
    RABTA_THREADS    threads per worker (default 1: plain sync workers)
    RABTA_TIMEOUT    seconds before a stuck worker is restarted (default 30)
    RABTA_ACCESS_LOG file for the access log, "-" for stdout (default), "" for none

The access log is one JSON object a line: time, method, path, query, status, bytes, duration
the application's CPU time of the request (``cpu_ms``), its database statements and their time
(``queries``, ``sql_ms``; both measured by ``rabta.core.middleware.RequestCPUTimeMiddleware``),
remote address, user agent.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger


def default_workers(cpus: int | None = None) -> int:
    return 2 * (cpus or os.cpu_count() or 1) + 1


def bind_address(environ=os.environ) -> str:
    if environ.get("RABTA_BIND"):
        return environ["RABTA_BIND"]
    if environ.get("PORT"):
        return f"0.0.0.0:{environ['PORT']}"
    return "127.0.0.1:8000"


class JsonAccessLogger(Logger):
    """gunicorn's logger with the access log as JSON lines."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        record = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or "",
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "ms": round(request_time.total_seconds() * 1000, 2),
            "cpu_ms": environ.get("rabta.cpu_ms"),
            "sql_ms": environ.get("rabta.sql_ms"),
            "queries": environ.get("rabta.queries"),
            "pid": os.getpid(),
            "remote": environ.get("HTTP_X_FORWARDED_FOR") or environ.get("REMOTE_ADDR"),
            "agent": environ.get("HTTP_USER_AGENT", ""),
        }
        try:
            self.access_log.info(json.dumps(record, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - a log line must never break a response
            self.exception("access log")


class RabtaServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from rabta.wsgi import application  # noqa: I001 - Django is set up first

        from rabta.matching import postings
        from rabta.vocabulary import get_vocabulary

        get_vocabulary()  # read the trade vocabulary (about 0.6 s) as the worker starts, not
        postings.prepare()  # during its first visitor's request; the recommendation index too
        return application


def options(environ=os.environ) -> dict:
    threads = int(environ.get("RABTA_THREADS", "1"))
    access_log = environ.get("RABTA_ACCESS_LOG", "-")
    return {
        "bind": bind_address(environ),
        "workers": int(environ.get("RABTA_WORKERS") or default_workers()),
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": int(environ.get("RABTA_TIMEOUT", "30")),
        "graceful_timeout": 20,
        "keepalive": 5,
        "max_requests": 5000,  # recycle workers now and then (memory), jittered
        "max_requests_jitter": 500,
        "accesslog": access_log or None,
        "errorlog": "-",
        "logger_class": "rabta.server.JsonAccessLogger",
        "forwarded_allow_ips": environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "proc_name": "rabta",
    }


def serve(argv: list[str] | None = None) -> int:
    """Run the production server in the foreground until stopped (SIGTERM: graceful)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    RabtaServer(options()).run()
    return 0
