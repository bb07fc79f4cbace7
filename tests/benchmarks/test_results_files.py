"""Benchmark figures are saved as JSON and Markdown, and an earlier run is never replaced."""

import json

from benchmarks.results_files import save_results


def test_a_second_run_of_the_day_is_kept_beside_the_first(tmp_path):
    first = save_results("web-2026-12-05", {"req_s": 44.7}, "# first\n", directory=tmp_path)
    second = save_results("web-2026-12-05", {"req_s": 90.7}, "# second\n", directory=tmp_path)

    assert first.name == "web-2026-12-05" and second.name == "web-2026-12-05-2"
    assert json.loads((tmp_path / "web-2026-12-05.json").read_text()) == {"req_s": 44.7}
    assert (tmp_path / "web-2026-12-05.md").read_text() == "# first\n"
    assert json.loads((tmp_path / "web-2026-12-05-2.json").read_text()) == {"req_s": 90.7}


def test_figures_keep_russian_and_urdu_text_readable(tmp_path):
    save_results("recs", {"title": "рис басмати · باسمتی"}, "рис\n", directory=tmp_path)

    assert "рис басмати · باسمتی" in (tmp_path / "recs.json").read_text(encoding="utf-8")
