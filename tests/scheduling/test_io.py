"""JSON and XLSX round trips; every bad input named by sheet, row and field."""

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from openpyxl import Workbook, load_workbook

from rabta.scheduling import solve
from rabta.scheduling.io import (
    InputError,
    example_problem,
    problem_from_json,
    problem_to_json,
    problem_to_xlsx,
    read_problem,
    read_schedule,
    schedule_to_xlsx,
    write_problem_json,
    write_schedule_json,
)
from rabta.scheduling.validate import check_problem
from tests.scheduling.problems import problems


def test_json_round_trip(tmp_path):
    p = example_problem()
    path = tmp_path / "p.json"
    write_problem_json(p, path)
    assert read_problem(path) == p


def test_xlsx_round_trip(tmp_path):
    p = example_problem()
    path = tmp_path / "p.xlsx"
    problem_to_xlsx(p, path)
    assert replace(read_problem(path), name=p.name) == p


def test_shipped_examples_read(tmp_path):
    from pathlib import Path

    docs = Path(__file__).parents[2] / "docs" / "examples"
    assert read_problem(docs / "delegation-day.json") == example_problem()
    assert (
        replace(read_problem(docs / "schedule-template.xlsx"), name="delegation-day")
        == example_problem()
    )


def test_schedule_json_round_trip_and_output_workbook(tmp_path):
    p = example_problem()
    res = solve(p, solver="greedy")
    write_schedule_json(res.schedule, res.report, tmp_path / "s.json")
    assert read_schedule(tmp_path / "s.json") == res.schedule
    schedule_to_xlsx(p, res.schedule, res.report, tmp_path / "s.xlsx")
    wb = load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames == ["report", "agendas", "tables", "interpreters", "unscheduled"]
    agendas = list(wb["agendas"].iter_rows(values_only=True))
    assert len(agendas) == 1 + 2 * len(res.schedule.meetings)
    report = dict(wb["report"].iter_rows(values_only=True))
    assert report["Idle gaps"] == str(res.report.idle_gaps)


def workbook(tmp_path, sheets: dict[str, list[list]]):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path = tmp_path / "in.xlsx"
    wb.save(path)
    return path


GOOD = {
    "participants": [
        ["id", "name", "languages", "available", "stand", "max_meetings"],
        ["p1", "A", "ar, en", "", "", ""],
        ["p2", "B", "de", "s1..s2", "", 2],
    ],
    "requests": [
        ["id", "a", "b", "weight", "required", "sessions"],
        ["r1", "p1", "p2", 3, "yes", ""],
    ],
    "slots": [
        ["id", "session", "start", "end"],
        ["s1", "am", "2026-05-12 09:00", "2026-05-12 09:20"],
        ["s2", "am", "2026-05-12 09:20", "2026-05-12 09:40"],
    ],
    "tables": [["id", "available"], ["T1", ""]],
    "interpreters": [["id", "name", "languages", "available"], ["i1", "", "ar, de", ""]],
}


def problems_of(tmp_path, sheets) -> list[str]:
    with pytest.raises(InputError) as exc:
        read_problem(workbook(tmp_path, sheets))
    return [str(p) for p in exc.value.problems]


def test_good_workbook_reads(tmp_path):
    p = read_problem(workbook(tmp_path, GOOD))
    assert p.requests[0].required and p.requests[0].weight == 3
    assert p.participants[1].available == frozenset({"s1", "s2"})
    assert p.participants[0].languages == frozenset({"ar", "en"})


def test_missing_and_empty_sheets(tmp_path):
    sheets = dict(GOOD)
    del sheets["tables"]
    sheets["slots"] = []
    out = problems_of(tmp_path, sheets)
    assert "tables: sheet is missing" in out
    assert "slots: sheet is empty (no header row)" in out


def test_wrong_and_missing_columns(tmp_path):
    sheets = dict(GOOD)
    sheets["requests"] = [["id", "a", "wieght"], ["r1", "p1", 3]]
    out = problems_of(tmp_path, sheets)
    assert any(o.startswith("requests, row 1, wieght: unknown column") for o in out)
    assert "requests, row 1, b: required column is missing" in out


def test_bad_numbers_unknown_people_and_overlapping_slots_all_reported(tmp_path):
    sheets = dict(GOOD)
    sheets["requests"] = [
        ["id", "a", "b", "weight"],
        ["r1", "p1", "p2", "three"],
        ["r2", "p1", "p9", 1],
        ["r3", "p2", "p1", -2],
    ]
    sheets["slots"] = [
        ["id", "session", "start", "end"],
        ["s1", "am", "2026-05-12 09:00", "2026-05-12 09:20"],
        ["s2", "am", "2026-05-12 09:10", "2026-05-12 09:30"],
    ]
    out = problems_of(tmp_path, sheets)
    assert "requests, row 2, weight: 'three' is not a whole number" in out
    assert "requests, row 3, b: unknown participant 'p9'" in out
    assert "requests, row 4, weight: -2 is not positive" in out
    assert any(o.startswith("slots, row 3, start: slot s2 overlaps slot s1") for o in out)


def test_semantic_errors_point_at_the_row(tmp_path):
    sheets = dict(GOOD)
    sheets["requests"] = [["id", "a", "b"], ["r1", "p1", "p2"], ["r2", "p2", "p1"]]
    out = problems_of(tmp_path, sheets)
    assert any(o.startswith("requests, row 3, b: request r2 repeats the pair") for o in out)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("hello")
    with pytest.raises(InputError, match="not an XLSX workbook"):
        read_problem(path)


def test_bad_json_is_reported_with_position(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"slots": [}')
    with pytest.raises(InputError, match="invalid JSON"):
        read_problem(path)
    data = problem_to_json(example_problem())
    data["requests"][2]["weight"] = "heavy"
    del data["participants"][0]["id"]
    with pytest.raises(InputError) as exc:
        problem_from_json(data)
    text = str(exc.value)
    assert "participants, row 1, id: is missing" in text


@settings(max_examples=25, deadline=None)
@given(problems())
def test_random_problems_round_trip_through_json_and_xlsx(p):
    if [e for e in check_problem(p) if e.severity == "error"]:
        return
    with tempfile.TemporaryDirectory() as tmp:
        write_problem_json(p, Path(tmp) / "p.json")
        assert read_problem(Path(tmp) / "p.json") == p
        problem_to_xlsx(p, Path(tmp) / "p.xlsx")
        assert replace(read_problem(Path(tmp) / "p.xlsx"), name=p.name) == p


# A name, an id or a slot starting with = was written by openpyxl as a live formula (<f>): it
# would run when the organiser opened the workbook (rabta.core.spreadsheets).
HOSTILE = {
    "p1": '=HYPERLINK("http://evil.example","p1")',
    "Participant 2": "=1+1",
    "r1": "=cmd|' /C calc'!A0",
    "T1": "=T1",
    "i1": "=i1",
    "s1-01": "=s1-01",
}


def _hostile(value):
    if isinstance(value, dict):
        return {k: _hostile(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v) for v in value]
    return HOSTILE.get(value, value) if isinstance(value, str) else value


def _cells(path):
    return [cell for ws in load_workbook(path) for row in ws.iter_rows() for cell in row]


def test_names_and_ids_that_look_like_formulas_are_text_in_both_workbooks(tmp_path):
    p = problem_from_json(_hostile(problem_to_json(example_problem())), "hostile")
    problem_to_xlsx(p, tmp_path / "p.xlsx")
    res = solve(p, solver="greedy")
    schedule_to_xlsx(p, res.schedule, res.report, tmp_path / "s.xlsx")
    for path in (tmp_path / "p.xlsx", tmp_path / "s.xlsx"):
        cells = _cells(path)
        assert not [c.coordinate for c in cells if c.data_type == "f"], path.name
        assert set(HOSTILE.values()) <= {c.value for c in cells}, path.name
    assert replace(read_problem(tmp_path / "p.xlsx"), name=p.name) == p  # still round-trips
    agendas = load_workbook(tmp_path / "s.xlsx")["agendas"]
    rows = list(agendas.iter_rows(values_only=True))
    assert HOSTILE["p1"] in [row[0] for row in rows] and "=1+1" in [row[1] for row in rows]
