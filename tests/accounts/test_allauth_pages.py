"""Every page allauth mounts under /accounts/ answers in rabta's layout, never with an error;
the allauth msgids rabta translates still exist in allauth (else Urdu readers see English)."""

from __future__ import annotations

import ast
from pathlib import Path

import allauth
import polib
import pytest
from allauth.account import urls as allauth_urls
from django.urls import URLPattern, reverse

import rabta
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WITHOUT_ARGUMENTS = sorted(
    pattern.name
    for pattern in allauth_urls.urlpatterns
    if isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups
)


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("language", ["en", "ur"])
def test_every_allauth_page_answers_in_rabta_s_layout(client, signed_in, language):
    client.cookies["rabta_language"] = language
    if signed_in:
        client.force_login(UserFactory(language=language))
    for name in WITHOUT_ARGUMENTS:
        response = client.get(reverse(name), follow=True)
        assert response.status_code in (200, 404), name
        if response.status_code == 200:
            html = response.content.decode()
            assert f'<html lang="{language}"' in html, name
            assert 'class="site-header"' in html, name


def test_the_listed_allauth_strings_still_exist_in_allauth():
    source = Path(rabta.__file__).parent / "accounts" / "allauth_strings.py"
    listed = {
        node.args[0].value
        for node in ast.walk(ast.parse(source.read_text()))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext_noop"
    }
    catalogue = Path(allauth.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    known = {entry.msgid for entry in polib.pofile(str(catalogue))}
    assert listed - known == set()
