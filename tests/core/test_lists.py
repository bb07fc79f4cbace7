"""Every list typed as text accepts the Urdu comma «،» and semicolon «؛» as well as , and ;
(the Urdu help texts show «،» in their examples)."""

from __future__ import annotations

from rabta.core.lists import split_list
from rabta.marketplace.validation import _string_list
from rabta.organisations.services import parse_hs_codes
from rabta.reports.importers import _split


def test_split_list_accepts_latin_and_urdu_separators():
    assert split_list("9018، 9019؛ 3004,  6203 ;") == ["9018", "9019", "3004", "6203"]
    assert split_list("PK، RU RU", spaces=True) == ["PK", "RU", "RU"]
    assert split_list(" ، ") == []


def test_hs_codes_typed_with_the_urdu_comma_are_read():
    assert parse_hs_codes("9018، 9019") == (["9018", "9019"], [])


def test_opportunity_lists_and_import_cells_take_the_urdu_comma():
    errors: dict = {}
    assert _string_list("PK، RU؛ CN", "countries", errors) == ["PK", "RU", "CN"]
    assert errors == {}
    assert _split("ur، ru") == ["ur", "ru"]
