"""Harmonized System chapters (2-digit) with their names in English, Russian and Urdu.

The full chapter list with translated names is completed in organisations work; the
validator only needs to know which chapters exist: 01–97 without 77 (reserved).
"""

from __future__ import annotations

HS_CHAPTER_NUMBERS = frozenset(f"{n:02d}" for n in range(1, 98) if n != 77)


def is_known_chapter(chapter: str) -> bool:
    return chapter in HS_CHAPTER_NUMBERS
