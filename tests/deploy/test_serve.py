"""`rabta serve` starts the production server; readiness reports each dependency."""

import json

import pytest

from tests.deploy.conftest import free_port, get

pytestmark = pytest.mark.slow


def test_rabta_serve_becomes_ready_and_logs_json_lines(migrated_sqlite, start_server):
    server = start_server(migrated_sqlite)
    status, body, _headers = server.wait_until_answering()
    report = json.loads(body)
    assert status == 200, report
    assert report["status"] == "ready"
    assert set(report["checks"]) == {"database", "cache", "tasks"}
    assert report["checks"]["database"] == {
        **report["checks"]["database"],
        "ok": True,
        "vendor": "sqlite",
    }
    assert report["checks"]["tasks"]["waiting"] == {
        "default": 0,
        "emails": 0,
        "solves": 0,
        "imports": 0,
    }
    assert get(f"{server.url}/healthz")[:2] == (200, b'{"status": "ok"}')
    status, page, headers = get(f"{server.url}/", {"Accept-Language": "ru"})
    assert status == 200 and "rabta" in page.decode()
    assert get(f"{server.url}/organisations/")[0] == 200
    log = server.stop()
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    home = next(line for line in lines if line["path"] == "/")
    assert home["status"] == 200 and home["method"] == "GET" and home["bytes"] == len(page)
    assert isinstance(home["cpu_ms"], float) and home["cpu_ms"] > 0
    directory = next(line for line in lines if line["path"] == "/organisations/")
    assert directory["queries"] >= 2 and directory["sql_ms"] > 0  # the page and its count


def test_a_dead_redis_makes_the_site_degraded_not_broken(migrated_sqlite, start_server):
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    server = start_server({**migrated_sqlite, "REDIS_URL": dead})
    status, body, _headers = server.wait_until_answering()
    report = json.loads(body)
    assert status == 200 and report["status"] == "degraded"
    assert report["checks"]["cache"]["ok"] is False
    assert "Connection" in report["checks"]["cache"]["error"]
    assert report["checks"]["database"]["ok"] is True
    # every page still answers: the home page (directory counts), sign-in (sessions)
    assert get(f"{server.url}/")[0] == 200
    assert get(f"{server.url}/accounts/login/")[0] == 200


def test_a_database_that_is_down_makes_the_server_not_ready(migrated_sqlite, start_server):
    down = f"postgres://rabta@127.0.0.1:{free_port()}/rabta"
    server = start_server({**migrated_sqlite, "DATABASE_URL": down})
    status, body, _headers = server.wait_until_answering()
    report = json.loads(body)
    assert status == 503 and report["status"] == "not ready"
    assert report["checks"]["database"]["ok"] is False and report["checks"]["tasks"]["ok"] is False
    assert get(f"{server.url}/healthz")[0] == 200  # alive, just not ready
