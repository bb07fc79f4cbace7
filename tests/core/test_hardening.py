"""Issue 15.6: a careless operator's site must not run on the public key, and pages obey a CSP.

The settings are read once, when a process starts, so what depends on the environment is
tried in a fresh process (``python -m rabta.cli …``) with the environment an operator would set.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rabta.accounts.models import User

REPO_DIR = Path(__file__).resolve().parents[2]
DEPLOYMENT_DOC = REPO_DIR / "docs" / "deployment.md"


SYSTEMD_ENV = REPO_DIR / "deploy" / "systemd" / "rabta.env"


def documented_production_settings(source: str = "docs") -> dict[str, str]:
    """The KEY=value lines operators are told to use: docs/deployment.md's block or deploy/'s."""
    if source == "docs":
        text = DEPLOYMENT_DOC.read_text(encoding="utf-8")
        marker = text.index("<!-- production-settings")
        block = re.search(r"```sh\n(.*?)```", text[marker:], re.S).group(1)
    else:
        block = SYSTEMD_ENV.read_text(encoding="utf-8")
    lines = (line.strip() for line in block.splitlines())
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def run_rabta(*args: str, env: dict[str, str], tmp_path: Path, code: str | None = None):
    """Start rabta in a new process with exactly ``env`` (plus what Python needs to run)."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    full = {**base, "RABTA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "rabta.settings"}
    full.update(env)
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "rabta.cli", *args]
    return subprocess.run(
        command, env=full, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def test_the_site_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_rabta("check", env={}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr  # it says how to make one


def test_the_site_refuses_the_public_development_key_in_production(tmp_path):
    result = run_rabta(
        "check",
        env={"SECRET_KEY": "rabta-insecure-development-key-change-me"},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_developer_with_debug_on_needs_no_secret_key(tmp_path):
    result = run_rabta("check", env={"DEBUG": "1"}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("source", ["docs", "deploy/systemd/rabta.env"])
def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path, source):
    env = documented_production_settings(source)
    assert env["SITE_URL"].startswith("https://") and "DEBUG" not in env
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # what the docs tell the operator to put there
    env["RABTA_DATA_DIR"] = str(tmp_path)
    result = run_rabta("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


HTTPS_PROBE = """
import django
django.setup()
from django.test import Client
client = Client()
plain = client.get("/no-such-page/", HTTP_HOST="rabta.example.org")
print("plain", plain.status_code, plain.get("Location"))
secure = client.get("/no-such-page/", HTTP_HOST="rabta.example.org", secure=True)
print("hsts", secure.get("Strict-Transport-Security"))
print("csrf-cookie-secure", bool(secure.cookies["csrftoken"]["secure"]))
switch = client.post(
    "/accounts/language/", {"language": "ru", "next": "/"}, HTTP_HOST="rabta.example.org",
    secure=True,
)
language_cookie = switch.cookies["rabta_language"]
print("language-cookie", language_cookie.value, bool(language_cookie["secure"]),
      language_cookie["samesite"])
probe = client.get("/healthz", HTTP_HOST="rabta.example.org")
print("healthz", probe.status_code)
"""


def test_a_visitor_on_plain_http_is_sent_to_https_and_told_to_stay(tmp_path):
    env = documented_production_settings()
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        RABTA_DATA_DIR=str(tmp_path),
    )
    result = run_rabta(env=env, tmp_path=tmp_path, code=HTTPS_PROBE)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["plain"] == "301 https://rabta.example.org/no-such-page/"
    assert "max-age=31536000" in lines["hsts"] and "includeSubDomains" in lines["hsts"]
    assert lines["csrf-cookie-secure"] == "True"
    # the language choice is only sent over HTTPS, and not on other sites' forms
    assert lines["language-cookie"] == "ru True Lax"
    assert lines["healthz"] == "200"  # a local health probe over plain HTTP is not redirected


# --- the Content-Security-Policy ---------------------------------------------------------------


def csp_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.django_db
def test_every_page_carries_a_policy_that_forbids_inline_and_foreign_scripts(client):
    for path in ("/", "/accounts/login/", "/api/v1/docs", "/no-such-page/"):
        policy = csp_of(client.get(path))
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert not any("unsafe" in value for values in policy.values() for value in values)


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: inline scripts and styles."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in attributes:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
        if any(
            (value or "").strip().lower().startswith("javascript:") for value in attributes.values()
        ):
            self.found.append(f"<{tag}> javascript: URL")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and not attributes.get("src"):
            # JSON data blocks are not executed and so are allowed.
            self._in_script = attributes.get("type") != "application/json"

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}…")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


@pytest.mark.django_db
def test_no_page_contains_inline_script_or_style(client):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(validation="approved")
    user = User.objects.create_user(username="visitor", password="pw-visitor-1")
    pages = [
        "/",
        "/accounts/login/",
        "/organisations/",
        "/events/",
        "/marketplace/",
        "/api/v1/docs",
    ]
    pages.append(f"/organisations/{organisation.slug}/")
    client.force_login(user)
    pages += ["/accounts/profile/"]
    for language in ("en", "ru", "ur"):
        client.cookies["rabta_language"] = language
        for path in pages:
            response = client.get(path, follow=True)
            assert response.status_code == 200, path
            parser = InlineCode()
            parser.feed(response.content.decode())
            assert parser.found == [], (language, path, parser.found)


# --- the demo on a real site ---------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_the_demo_on_a_site_with_debug_off_is_refused_and_writes_nothing(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
