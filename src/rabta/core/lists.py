"""Lists typed as text ("9018, 9019"): commas and semicolons separate items, in Latin script
and in Arabic script (the Urdu comma «،» and semicolon «؛», which an Urdu keyboard types and
the Urdu examples show)."""

from __future__ import annotations

import re

SEPARATORS = ",;\u060c\u061b"  # , ; ، ؛
_ITEMS = re.compile(rf"[{SEPARATORS}]+")
_ITEMS_OR_SPACES = re.compile(rf"[{SEPARATORS}\s]+")


def split_list(text: str, *, spaces: bool = False) -> list[str]:
    """The non-empty, stripped items of ``text``; ``spaces``: white space separates too."""
    pattern = _ITEMS_OR_SPACES if spaces else _ITEMS
    return [part.strip() for part in pattern.split(text) if part.strip()]
