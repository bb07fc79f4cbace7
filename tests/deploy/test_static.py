"""Collected static files: hash-named, compressed, cached for a year; Urdu pages load the
Nastaliq subset, English pages only the small UI face; the first Urdu visit stays within budget."""

import json
import re
from pathlib import Path

import pytest

from tests.deploy.conftest import get, rabta

pytestmark = pytest.mark.slow

BUDGET_KB = 250


@pytest.fixture(scope="module")
def collected(migrated_sqlite, tmp_path_factory) -> dict:
    static_root = tmp_path_factory.mktemp("static")
    env = {**migrated_sqlite, "STATIC_ROOT": str(static_root)}
    rabta("collectstatic", "--noinput", env=env, check=True, capture_output=True)
    return env


def test_collectstatic_writes_hashed_compressed_files(collected):
    root = Path(collected["STATIC_ROOT"])
    paths = json.loads((root / "staticfiles.json").read_text())["paths"]
    css = paths["rabta/css/rabta.css"]
    assert re.fullmatch(r"rabta/css/rabta\.[0-9a-f]{12}\.css", css)
    assert (root / f"{css}.br").exists() and (root / f"{css}.gz").exists()
    text = (root / css).read_text()
    assert paths["rabta/fonts/nastaliq-urdu-400.woff2"].split("/")[-1] in text
    assert "arabic-700" not in text  # Urdu bold is synthesised, never downloaded


def test_served_with_a_year_of_cache_and_the_right_fonts_per_language(collected, start_server):
    server = start_server(collected)
    assert server.wait_until_answering()[0] == 200
    status, urdu, _headers = get(f"{server.url}/", {"Accept-Language": "ur"})
    assert status == 200
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|woff2))"', urdu.decode())
    assert any("nastaliq-urdu-400." in a for a in assets)  # preloaded on Urdu pages
    english = get(f"{server.url}/", {"Accept-Language": "en"})[1].decode()
    assert "nastaliq-urdu-400" not in english
    total = len(urdu)
    for asset in set(assets):
        status, body, headers = get(f"{server.url}{asset}", {"Accept-Encoding": "br, gzip"})
        assert status == 200, asset
        assert (
            "immutable" in headers["Cache-Control"]
            and "max-age=315360000" in headers["Cache-Control"]
        )
        total += len(body)
    # The fonts the CSS gives Urdu text: the subset, and the Latin faces for Latin text in it.
    css_url = next(a for a in assets if a.endswith(".css"))
    css = get(f"{server.url}{css_url}")[1].decode()
    for font in re.findall(r'url\("?([^")]+latin-[47]00[^")]*\.woff2)', css):
        url = font if font.startswith("/") else str(Path(css_url).parent / font)
        total += len(get(f"{server.url}{Path(url).resolve()}")[1])
    assert total / 1024 <= BUDGET_KB, f"first Urdu visit: {total / 1024:.0f} KB"
