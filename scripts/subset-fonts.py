"""Build the web subsets of Noto Nastaliq Urdu that rabta's pages load (fontTools; run after a
font update or when the Urdu catalogue gains a letter: `.venv/bin/python scripts/subset-fonts.py`).

- rabta/fonts/nastaliq-urdu-400.woff2: the Urdu alphabet, its digits and punctuation, and every
  Arabic-script character of the Urdu catalogue (all OpenType features kept: Nastaliq's joining
  and stacking need them). Urdu pages load this one face; bold is synthesised.
- rabta/fonts/nastaliq-ui-400.woff2: only the letters of the brand mark (رابطہ) and of the
  language menu's "اردو", the Urdu that English and Russian pages show.

Source: the vendored regular face (src/rabta/static/vendor/noto-nastaliq-urdu, SIL OFL 1.1); the
subsets are modified versions under the same licence (rabta/fonts/OFL.txt).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import polib
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "src" / "rabta" / "static"
SOURCE = STATIC / "vendor" / "noto-nastaliq-urdu" / "noto-nastaliq-urdu-arabic-400-normal.woff2"
OUT = STATIC / "rabta" / "fonts"
CATALOGUE = ROOT / "src" / "rabta" / "locale" / "ur" / "LC_MESSAGES" / "django.po"

# The Urdu alphabet (with the hamza forms and common diacritics), Urdu and Arabic-Indic digits,
# Arabic-script punctuation, the tatweel and the joiners and direction marks.
URDU = (
    "آاأبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوؤہۂۃھءیئےۓ"
    "ًٌٍَُِّْٰٔ"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
    "،؛؟۔٪٫٬ـ"
    "\u200c\u200d\u200e\u200f"
)
UI = "رابطہ" + "اردو" + "\u200c\u200d"


def catalogue_characters() -> str:
    po = polib.pofile(str(CATALOGUE))
    text = "".join(e.msgstr + "".join(e.msgstr_plural.values()) for e in po)
    return "".join(sorted({c for c in text if 0x0600 <= ord(c) <= 0x06FF}))


def build(characters: str, target: Path) -> int:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(SOURCE)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in characters})
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    return target.stat().st_size


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(SOURCE.parent / "OFL.txt", OUT / "OFL.txt")
    for name, characters in (
        ("nastaliq-urdu-400.woff2", URDU + catalogue_characters()),
        ("nastaliq-ui-400.woff2", UI),
    ):
        size = build(characters, OUT / name)
        print(f"{name}: {len(set(characters))} characters, {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
