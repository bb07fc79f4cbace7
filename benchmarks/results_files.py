"""Where the benchmarks keep their figures: ``benchmarks/results/<stem>.json`` and ``.md``."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> str:
    """The machine the figures were taken on, as every results file states it."""
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def save_results(stem: str, report: dict, text: str, directory: Path = RESULTS) -> Path:
    """Writes ``<stem>.json`` (the figures) and ``<stem>.md`` (``text``) and returns the path
    without suffix. An earlier run's files of the same name are kept, never replaced: the new
    ones are named ``<stem>-2``, ``<stem>-3``…"""
    directory.mkdir(parents=True, exist_ok=True)
    taken, n = stem, 1
    while (directory / f"{stem}.json").exists() or (directory / f"{stem}.md").exists():
        n += 1
        stem = f"{taken}-{n}"
    (directory / f"{stem}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    (directory / f"{stem}.md").write_text(text, encoding="utf-8")
    return directory / stem
