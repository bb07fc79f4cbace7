"""The .dzn reader: every shipped B2BSP file, and broken copies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rabta.scheduling.dzn import AFTERNOON, MORNING, DznError, read_dzn

B2BSP_DIR = Path(
    os.environ.get(
        "RABTA_B2BSP_DIR", Path(__file__).resolve().parents[3] / "shared/benchmarks/b2bsp"
    )
)
SHIPPED = sorted(B2BSP_DIR.glob("*.dzn")) if B2BSP_DIR.is_dir() else []
needs_instances = pytest.mark.skipif(
    not SHIPPED, reason=f"B2BSP instances not found in {B2BSP_DIR} (set RABTA_B2BSP_DIR)"
)

SMALL = """% a tiny instance
nBusiness = 3;
nMeetings = 2;
nTables = 1;
nTotalSlots = 4;
nMorningSlots = 2;
requested = [| 1, 2, 1 | 1, 3, 3 |];
nMeetingsBusiness = [2, 1, 1];
fixat = [0, 4];
forbidden = [{0,}, {2, 0,}, {0,}];
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.dzn"
    path.write_text(text)
    return path


@needs_instances
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_instance_reads_into_a_problem(path):
    problem = read_dzn(path)
    text = path.read_text()
    n_meetings = int(text.split("nMeetings =")[1].split(";")[0])
    assert len(problem.requests) == n_meetings
    assert all(r.required and r.weight == 1 for r in problem.requests)
    assert {s.session for s in problem.slots} <= {MORNING, AFTERNOON}
    assert problem.name == path.stem


def test_small_instance_becomes_the_documented_problem(tmp_path):
    problem = read_dzn(write(tmp_path, SMALL))
    assert [(s.id, s.session) for s in problem.slots] == [
        ("1", MORNING),
        ("2", MORNING),
        ("3", AFTERNOON),
        ("4", AFTERNOON),
    ]
    assert [(r.id, r.a, r.b, r.sessions) for r in problem.requests] == [
        ("1", "1", "2", frozenset({MORNING})),
        ("2", "1", "3", None),
    ]
    assert problem.participants[1].available == frozenset({"1", "3", "4"})
    assert problem.participants[0].available is None
    assert len(problem.tables) == 1
    assert [(lk.request, lk.slot) for lk in problem.locks] == [("2", "4")]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("nMeetings = 2;", "nMeetings = 3;", "nMeetings"),
        ("| 1, 3, 3 |]", "| 1, 9, 3 |]", "participant 9 out of range"),
        ("| 1, 3, 3 |]", "| 1, 3, 4 |]", "session code 4"),
        ("nTables = 1;", "nTables = 1", "syntax error"),
        ("nTables = 1;", "nTables = x1;", "nTables"),
        ("nTables = 1;\n", "", "missing key nTables"),
        (
            "nMeetingsBusiness = [2, 1, 1];",
            "nMeetingsBusiness = [2, 2, 1];",
            "nMeetingsBusiness[2]",
        ),
        ("fixat = [0, 4];", "fixat = [0, 5];", "fixat[2]"),
        ("{2, 0,}", "{7, 0,}", "forbidden[2]"),
        ("| 1, 2, 1 |", "| 1, 1, 1 |", "row 1"),
        # nothing is ignored silently: unknown and repeated fields are named
        ("nTables = 1;", "nTables = 1; nRooms = 4;", "unknown field nRooms"),
        ("nTables = 1;", "nTables = 1; nTables = 2;", "field nTables is given twice"),
        ("fixat = [0, 4];", "fixat = [0, 4]; fixat = [0, 4];", "field fixat is given twice"),
        ("fixat = [0, 4];", "fixat = [0, 4]; fixed = [0, 3];", "fixat and fixed"),
        ("fixat = [0, 4];", "fixed = [0, 5];", "fixed[2]"),
        ("fixat = [0, 4];", "precedences = [{}, {3}];", "precedences[2] contains meeting 3"),
        ("fixat = [0, 4];", "precedences = [{}, {1}]; precedences = [{}, {1}];", "given twice"),
        ("fixat = [0, 4];", "precedences = [{}];", "one set per meeting"),
        (
            "fixat = [0, 4];",
            "meetingsxBusiness = [{1, 2, 3}, {1, 2}, {1}];",
            "meetingsxBusiness[3]",
        ),
    ],
)
def test_broken_files_raise_a_clear_error(tmp_path, old, new, message):
    assert old in SMALL
    with pytest.raises(DznError, match=message.replace("[", r"\[")):
        read_dzn(write(tmp_path, SMALL.replace(old, new)))


def test_the_variants_fixed_field_fixes_meetings_and_agrees_with_the_redundant_fields(tmp_path):
    text = SMALL.replace(
        "fixat = [0, 4];",
        "fixed = [0, 4];\nmeetingsxBusiness = [{1, 2, 3}, {1, 2}, {1, 3}];\n"
        "precedences = [{}, {}];",
    )
    problem = read_dzn(write(tmp_path, text))
    assert [(lk.request, lk.slot) for lk in problem.locks] == [("2", "4")]
