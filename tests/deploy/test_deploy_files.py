"""deploy/: the nginx site passes `nginx -t`, the systemd units pass `systemd-analyze verify`,
and every task queue has its worker in the units and in compose.yaml."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _self_signed(directory: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=rabta.example.org", "-keyout", str(directory / "privkey.pem"),
         "-out", str(directory / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


def test_the_nginx_site_passes_nginx_t(tmp_path):
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None or shutil.which("openssl") is None:
        pytest.skip("nginx is not installed (scripts/ensure-system-packages.sh installs it)")
    _self_signed(tmp_path)
    site = (DEPLOY / "nginx" / "rabta.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/rabta.example.org/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "rabta.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  include {tmp_path}/rabta.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_the_private_files_location_matches_the_settings():
    site = (DEPLOY / "nginx" / "rabta.conf").read_text()
    prefix = getattr(settings, "RABTA_PRIVATE_FILES_ACCEL_PREFIX", "/internal-private/")
    block = re.search(rf"location {re.escape(prefix)} \{{(.*?)\}}", site, re.S)
    assert block and "internal;" in block.group(1)


@pytest.mark.parametrize(
    "unit",
    ["rabta-web.service", "rabta-worker@.service", "rabta-daily.service", "rabta-watchdog.service"],
)
def test_the_systemd_units_verify(tmp_path, unit):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    venv_bin = str(Path(sys.executable).parent)
    for path in (DEPLOY / "systemd").iterdir():
        text = path.read_text().replace("/opt/rabta/venv/bin", venv_bin)
        text = text.replace("User=rabta", "User=root").replace("Group=rabta", "Group=root")
        (tmp_path / path.name).write_text(text)
    target = tmp_path / (unit.replace("@.", "@emails.") if "@" in unit else unit)
    if target.name != unit:
        target.write_text((tmp_path / unit).read_text())
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(target)], capture_output=True, text=True
    )
    problems = [line for line in result.stderr.splitlines() if str(tmp_path) in line]
    assert result.returncode == 0 and not problems, result.stderr


def test_every_task_queue_has_its_worker():
    compose = (DEPLOY / "compose.yaml").read_text()
    for queue in settings.RABTA_TASK_QUEUES:
        assert re.search(
            rf'worker-{queue}:\n.*\n    command: \[ "rabta", "db_worker", "--queue-name", "{queue}"',
            compose,
        )
    assert "--queue-name %i" in (DEPLOY / "systemd" / "rabta-worker@.service").read_text()


def test_compose_runs_web_workers_postgresql_and_redis_from_one_image():
    """No container engine here: the recipe's structure is checked instead (every rabta role on
    the one image, after the migration, reaching the same database and Redis)."""
    import yaml

    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    workers = {f"worker-{queue}" for queue in settings.RABTA_TASK_QUEUES}
    assert {"db", "redis", "migrate", "web"} | workers <= set(services)
    assert services["db"]["image"].endswith("postgres:15") and "healthcheck" in services["db"]
    assert "allkeys-lru" in services["redis"]["command"]
    assert services["web"]["command"] == ["rabta", "serve"]
    for name in {"web"} | workers:
        service = services[name]
        assert service["image"] == services["migrate"]["image"] == "rabta:latest"
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["environment"]["DATABASE_URL"].endswith("@db:5432/rabta")
        assert service["environment"]["REDIS_URL"].startswith("redis://redis:6379/")
    containerfile = (DEPLOY / "Containerfile").read_text()
    assert "RABTA_BIND=0.0.0.0:8000" in containerfile  # reachable from outside the container
    assert 'CMD ["rabta", "serve"]' in containerfile and "/healthz" in containerfile
