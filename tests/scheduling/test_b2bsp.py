"""B2BSP: solving .dzn instances and the JSON written by main_dzn."""

from __future__ import annotations

import json

import pytest

from rabta.scheduling.b2bsp import main_dzn, solve_b2bsp
from rabta.scheduling.dzn import read_dzn
from rabta.scheduling.metrics import count_idle_gaps
from rabta.scheduling.validate import unmet_required, validate
from tests.scheduling.test_dzn import B2BSP_DIR, SMALL, needs_instances

# participant 1 meets 2, 3 and 4 in a 4-slot morning; 2 cannot meet in slot 2
PACKED = """nBusiness = 4; nMeetings = 3; nTables = 2; nTotalSlots = 4; nMorningSlots = 4;
requested = [| 1, 2, 3 | 1, 3, 3 | 1, 4, 3 |];
fixat = [0, 0, 0];
forbidden = [{0,}, {2, 0,}, {0,}, {0,}];
"""


def test_main_dzn_writes_the_documented_json(tmp_path):
    src = tmp_path / "small.dzn"
    src.write_text(SMALL)
    out = tmp_path / "out.json"
    assert main_dzn(src, out, time_limit=600, seed=0) == 0  # proven at once; no wall clock
    answer = json.loads(out.read_text())
    assert set(answer) == {"slots", "breaks", "lower_bound", "seconds", "status"}
    assert answer["status"] == "optimal"
    assert answer["slots"][1] == 4  # fixat
    assert answer["slots"][0] in (1, 2)  # morning only
    assert answer["breaks"] == answer["lower_bound"] == 0


def test_main_dzn_prints_to_stdout_without_output(tmp_path, capsys):
    src = tmp_path / "small.dzn"
    src.write_text(SMALL)
    assert main_dzn(src, None, time_limit=600, seed=0) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "optimal"


def test_main_dzn_exits_2_on_a_bad_file_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "bad.dzn"
    src.write_text(SMALL.replace("| 1, 3, 3 |]", "| 1, 3, 4 |]"))
    out = tmp_path / "out.json"
    assert main_dzn(src, out, time_limit=5, seed=0) == 2
    assert not out.exists()
    assert "session code 4" in capsys.readouterr().err
    assert main_dzn(tmp_path / "missing.dzn", out, time_limit=5, seed=0) == 2


def test_packed_meetings_avoid_the_forbidden_slot_without_breaks(tmp_path):
    src = tmp_path / "packed.dzn"
    src.write_text(PACKED)
    result = solve_b2bsp(src, time_limit=600, deterministic=True, workers=1)
    assert result.status == "optimal" and result.breaks == 0
    assert result.slots[0] != 2
    problem = read_dzn(src)
    assert validate(problem, result.schedule) == []
    slots = sorted(result.slots)
    assert slots == list(range(slots[0], slots[0] + 3))


def test_infeasible_instance_is_reported(tmp_path):
    src = tmp_path / "inf.dzn"
    src.write_text(
        PACKED.replace(
            "nTotalSlots = 4; nMorningSlots = 4;", "nTotalSlots = 2; nMorningSlots = 2;"
        ).replace("{2, 0,}", "{0,}")
    )
    result = solve_b2bsp(src, time_limit=600, deterministic=True, workers=1)
    assert result.status == "infeasible" and result.breaks is None
    # the answer says why: participant 1 has 3 required meetings in 2 slots
    reasons = result.as_json()["reasons"]
    assert any("3 required meetings but room for only 2" in r for r in reasons)


def test_an_infeasible_fixed_variant_says_cp_sat_proved_it(tmp_path):
    # participant 2 is fixed to two meetings in slot 1
    src = tmp_path / "fixed.dzn"
    src.write_text(
        "nBusiness = 3; nMeetings = 3; nTables = 2; nTotalSlots = 2; nMorningSlots = 2;\n"
        "requested = [| 1, 2, 3 | 2, 3, 3 | 1, 3, 3 |];\n"
        "fixed = [1, 1, 0];\n"
    )
    result = solve_b2bsp(src, time_limit=600, deterministic=True, workers=1)
    assert result.status == "infeasible"
    assert result.as_json()["reasons"]


@pytest.mark.slow
@needs_instances
@pytest.mark.parametrize("name", ["tic-12", "tic-13crafb"])
def test_literature_instances_reach_zero_breaks(name):
    path = B2BSP_DIR / f"{name}.dzn"
    # Deterministic time (CP-SAT's work units, one thread): the same search however busy the
    # machine, where a wall-clock limit could run out before zero breaks on a loaded CI box.
    result = solve_b2bsp(path, time_limit=900, deterministic=True, workers=1)
    problem = read_dzn(path)
    assert result.breaks == 0
    assert validate(problem, result.schedule) == []
    assert unmet_required(problem, result.schedule) == []
    assert count_idle_gaps(problem, result.schedule) == 0
