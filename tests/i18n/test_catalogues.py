"""The Russian and Urdu catalogues are complete, correct and compiled.

Fails when a msgstr is missing or fuzzy, when placeholders differ from the msgid, when the .mo
does not hold what the .po says (the check compares content: git does not keep file times, so
"older than" is checked as "out of date"), and when the code has a string the catalogues lack.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

import rabta

PACKAGE_DIR = Path(rabta.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["ru", "ur"]
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ur": "nplurals=2; plural=(n != 1);",
}
PERCENT_PLACEHOLDER = re.compile(
    r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|%[#0 +-]*\d*(?:\.\d+)?[sdifr]"
)
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")
COUNTERS = ("%(counter)", "%(count)")


def catalogue(language: str) -> polib.POFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages`"
    return polib.pofile(str(path))


def placeholders(text: str, entry: polib.POEntry) -> list[str]:
    found = []
    if "python-format" in entry.flags:
        found += PERCENT_PLACEHOLDER.findall(text)
    if "python-brace-format" in entry.flags:
        found += BRACE_PLACEHOLDER.findall(text)
    return sorted(found)


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(language):
    po = catalogue(language)
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[language]
    missing = []
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags and not entry.obsolete]
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            count = 3 if language == "ru" else 2
            if len(forms) != count or not all(forms.get(i) for i in range(count)):
                missing.append(entry.msgid)
        elif not entry.msgstr:
            missing.append(entry.msgid)
    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_source(language):
    wrong = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            # A plural form may leave out the count (Russian uses its "one" form for 21, 31…)
            # but never adds, renames or drops any other placeholder.
            expected = set(placeholders(entry.msgid, entry)) | set(
                placeholders(entry.msgid_plural, entry)
            )
            required = {p for p in expected if not p.startswith(COUNTERS)}
            for form in entry.msgstr_plural.values():
                got = set(placeholders(form, entry))
                if not (got <= expected and required <= got):
                    wrong.append((entry.msgid, form))
        elif placeholders(entry.msgstr, entry) != placeholders(entry.msgid, entry):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_source(language):
    po = catalogue(language)
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    mo = polib.mofile(str(mo_path))

    def translations(entries) -> dict:
        result = {}
        for entry in entries:
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
                continue
            value = (
                tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            )
            result[key(entry)] = value
        return result

    assert translations(mo) == translations(po), f"{mo_path} is out of date: run `make messages`"


def test_catalogues_hold_every_string_in_the_code(tmp_path, settings, monkeypatch):
    """Run makemessages on a copy of the code and compare its msgids with the catalogues."""
    copy = tmp_path / "rabta"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("locale", "static", "__pycache__"),
    )
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["ru"], keep_pot=True, no_obsolete=True, verbosity=0)
    fresh = {
        key(entry) for entry in polib.pofile(str(copy / "locale" / "django.pot")) if entry.msgid
    }
    for language in LANGUAGES:
        known = {key(entry) for entry in catalogue(language) if not entry.obsolete}
        assert sorted(fresh - known, key=str) == [], (
            f"{language}: run `make messages` and translate"
        )
