"""Build src/rabta/vocabulary/data/hs_headings.csv from the HS nomenclature (datasets/harmonized-system).

Input: scripts/vocabulary/harmonized-system.csv, a copy of data/harmonized-system.csv of
https://github.com/datasets/harmonized-system (HS 2022 as published by UN Comtrade; ODC PDDL 1.0).
Output: one row per 4-digit heading: its English text, and its 6-digit subheadings' texts
(without the heading's words repeated in front of them, without bare "Other"), joined by " | ".

    python scripts/vocabulary/build_hs_headings.py
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "harmonized-system.csv"
TARGET = HERE.parents[1] / "src" / "rabta" / "vocabulary" / "data" / "hs_headings.csv"


def _detail(heading_text: str, texts: list[str]) -> str:
    fragments: dict[str, None] = {}
    for text in texts:
        for part in text.split(";"):
            part = part.strip(" .,")
            if part and part.lower() not in {"other", heading_text.lower()} and len(part) > 2:
                fragments.setdefault(part, None)
    return " | ".join(fragments)


def build() -> list[dict[str, str]]:
    with SOURCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    headings = {row["hscode"]: row["description"].strip() for row in rows if row["level"] == "4"}
    subheadings: dict[str, list[str]] = {code: [] for code in headings}
    for row in rows:
        if row["level"] == "6" and row["parent"] in subheadings:
            subheadings[row["parent"]].append(row["description"].strip())
    return [
        {"heading": code, "en": text, "detail": _detail(text, subheadings[code])}
        for code, text in sorted(headings.items())
    ]


def main() -> None:
    rows = build()
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["heading", "en", "detail"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} headings written to {TARGET}")


if __name__ == "__main__":
    main()
