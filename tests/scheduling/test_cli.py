"""The ``rabta schedule`` command (called as a function)."""

import json

from rabta.scheduling.cli import main
from rabta.scheduling.io import example_problem, problem_to_xlsx, write_problem_json


def test_solves_json_and_writes_json_and_xlsx(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "out" / "plan.json")]) == 0
    data = json.loads((tmp_path / "out" / "plan.json").read_text())
    assert data["meetings"] and data["report"]["status"] in ("feasible", "optimal")
    assert (tmp_path / "out" / "plan.xlsx").exists()
    out = capsys.readouterr().out
    assert "Idle gaps" in out and "Upper bound" in out


def test_default_output_is_next_to_the_input(tmp_path):
    src = tmp_path / "event.xlsx"
    problem_to_xlsx(example_problem(), src)
    assert main([str(src), "--solver", "greedy"]) == 0
    assert (tmp_path / "event-schedule.json").exists()
    assert (tmp_path / "event-schedule.xlsx").exists()


def test_bad_input_exits_2_names_the_row_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    data = json.loads(src.read_text())
    data["requests"][4]["b"] = "ghost"
    src.write_text(json.dumps(data))
    assert main([str(src), "-o", str(tmp_path / "plan.json")]) == 2
    err = capsys.readouterr().err
    assert "requests, row 5, b: unknown participant 'ghost'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def test_repair_from_the_command_line(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "plan.json")]) == 0
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"kind": "withdraw", "participant": "p3"}))
    code = main(
        [
            str(src),
            "--repair",
            str(tmp_path / "plan.json"),
            "--change",
            str(change),
            "-o",
            str(tmp_path / "repaired.json"),
        ]
    )
    assert code == 0
    data = json.loads((tmp_path / "repaired.json").read_text())
    assert {c["kind"] for c in data["report"]["changes"]} <= {"dropped", "added"}
    assert "dropped" in capsys.readouterr().out


def test_bad_change_exits_2(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    main([str(src), "--solver", "greedy", "-o", str(tmp_path / "plan.json")])
    code = main(
        [
            str(src),
            "--repair",
            str(tmp_path / "plan.json"),
            "--change",
            '{"kind": "boom"}',
            "-o",
            str(tmp_path / "r.json"),
        ]
    )
    assert code == 2
    assert "unknown change kind" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()


def test_infeasible_exits_1_and_still_writes_the_schedule(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    data = json.loads(src.read_text())
    # p1 can meet only in s1-01 but has two required meetings
    data["participants"][0]["available"] = ["s1-01"]
    data["requests"] = [
        {"id": "x1", "a": "p1", "b": "p2", "required": True},
        {"id": "x2", "a": "p1", "b": "p4", "required": True},
    ]
    data["locks"] = []
    src.write_text(json.dumps(data))
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "plan.json")]) == 1
    report = json.loads((tmp_path / "plan.json").read_text())["report"]
    assert report["status"] == "infeasible"
    assert any("2 required meetings but room for only 1" in m for m in report["messages"])
    assert "infeasible" in capsys.readouterr().out


def test_dzn_input_goes_to_the_b2bsp_solver(tmp_path):
    from tests.scheduling.test_dzn import SMALL

    src = tmp_path / "small.dzn"
    src.write_text(SMALL)
    out = tmp_path / "small.json"
    assert main([str(src), "-o", str(out), "--time-limit", "5"]) == 0
    assert "breaks" in json.loads(out.read_text())


def test_output_name_with_dots_is_kept_and_the_input_survives(tmp_path):
    # `rabta schedule d7.json -o d7.out.json` once wrote the schedule over d7.json
    src = tmp_path / "d7.json"
    write_problem_json(example_problem(), src)
    before = src.read_bytes()
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "d7.out.json")]) == 0
    assert src.read_bytes() == before
    assert json.loads((tmp_path / "d7.out.json").read_text())["meetings"]
    assert (tmp_path / "d7.out.xlsx").exists()


def test_output_name_without_a_known_suffix_is_kept_whole(tmp_path):
    src = tmp_path / "d7.json"
    write_problem_json(example_problem(), src)
    before = src.read_bytes()
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "d7.v2")]) == 0
    assert src.read_bytes() == before
    assert (tmp_path / "d7.v2.json").exists() and (tmp_path / "d7.v2.xlsx").exists()


def test_writing_over_the_input_is_refused(tmp_path, capsys):
    src = tmp_path / "d7.json"
    write_problem_json(example_problem(), src)
    before = src.read_bytes()
    (tmp_path / "sub").mkdir()
    for output in (src, tmp_path / "sub" / ".." / "d7.json", tmp_path / "d7.xlsx"):
        assert main([str(src), "--solver", "greedy", "-o", str(output)]) == 2
        assert "refusing to write over the input file" in capsys.readouterr().err
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d7.json", "sub"]


def test_writing_over_the_xlsx_input_or_the_published_schedule_is_refused(tmp_path, capsys):
    src = tmp_path / "event.xlsx"
    problem_to_xlsx(example_problem(), src)
    before = src.read_bytes()
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "event.json")]) == 2
    assert src.read_bytes() == before
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "plan.json")]) == 0
    published = (tmp_path / "plan.json").read_bytes()
    change = '{"kind": "withdraw", "participant": "p1"}'
    argv = [str(src), "--repair", str(tmp_path / "plan.json"), "--change", change]
    assert main([*argv, "-o", str(tmp_path / "plan.json")]) == 2
    assert "plan.json" in capsys.readouterr().err
    assert (tmp_path / "plan.json").read_bytes() == published


def test_dzn_output_over_its_input_is_refused(tmp_path, capsys):
    from tests.scheduling.test_dzn import SMALL

    src = tmp_path / "small.dzn"
    src.write_text(SMALL)
    assert main([str(src), "-o", str(src), "--time-limit", "5"]) == 2
    assert "refusing to write over the input file" in capsys.readouterr().err
    assert src.read_text() == SMALL


def test_dzn_with_an_unknown_field_exits_2_naming_it(tmp_path, capsys):
    from tests.scheduling.test_dzn import SMALL

    src = tmp_path / "small.dzn"
    src.write_text(SMALL + "precedence = [{}, {}];\n")
    out = tmp_path / "small.json"
    assert main([str(src), "-o", str(out), "--time-limit", "5"]) == 2
    assert "unknown field precedence" in capsys.readouterr().err
    assert not out.exists()


def test_the_blocking_causes_come_first_on_the_terminal(tmp_path, capsys):
    """Many notes (requests that can never be met) do not push the blocking
    cause of an infeasible event out of sight: it is printed before the table."""
    from dataclasses import replace

    from rabta.scheduling.model import Participant, Request
    from tests.scheduling.test_solve import _hub_problem

    problem = _hub_problem()
    ghost = Participant(id="ghost", name="Never There", available=frozenset())
    problem = replace(
        problem,
        participants=(*problem.participants, ghost),
        requests=(
            *problem.requests,
            *(Request(id=f"g{k}", a="ghost", b=f"v{k % 6}") for k in range(6)),
        ),
    )
    src = tmp_path / "hub.json"
    write_problem_json(problem, src)
    assert main([str(src), "--time-limit", "10", "-o", str(tmp_path / "plan.json")]) == 1
    out = capsys.readouterr().out
    before_table = out[: out.index("Schedule quality")]
    assert "room for only 3" in before_table and "required" in before_table
    assert "required requests not met (1)" in before_table
    assert "Hub Chamber" in before_table
    report = json.loads((tmp_path / "plan.json").read_text())["report"]
    assert report["headline"] >= 2
    assert "room for only 3" in report["messages"][0]
    assert len(report["messages"]) > report["headline"]  # the ghost's notes come after


def test_an_output_that_cannot_be_written_exits_2_with_a_message_and_leaves_nothing(
    tmp_path, capsys
):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the output directory should be")
    code = main([str(src), "--solver", "greedy", "-o", str(blocker / "plan.json")])
    assert code == 2
    err = capsys.readouterr().err
    assert f"rabta schedule: cannot write {blocker / 'plan.json'}" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json", "not-a-directory"]


def test_the_schedule_files_are_readable_like_any_new_file_of_the_user(tmp_path):
    import os
    import stat

    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    old = os.umask(0o022)
    try:
        assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "plan.json")]) == 0
    finally:
        os.umask(old)
    for name in ("plan.json", "plan.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_a_time_limit_or_workers_below_one_is_refused_before_solving(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    for option in (["--time-limit", "-5"], ["--time-limit", "0"], ["--workers", "0"]):
        try:
            main([str(src), *option])
        except SystemExit as exit:
            assert exit.code == 2
        else:
            raise AssertionError(f"{option} was accepted")
        assert "is not a number above zero" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def refused(argv, capsys) -> str:
    try:
        main(argv)
    except SystemExit as exit:
        assert exit.code == 2
    else:
        raise AssertionError(f"{argv} was accepted")
    return capsys.readouterr().err


def test_an_infinite_time_limit_or_absurd_workers_and_seed_are_refused_in_one_line(
    tmp_path, capsys
):
    """1e400 seconds crashed with OverflowError, 10**20 workers or seed inside CP-SAT (a
    traceback from its C++ binding)."""
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    for option, says in (
        (["--time-limit", "1e400"], "'1e400' is more than 86400"),
        (["--workers", "99999999999999999999"], "is more than 256"),
        (["--seed", "99999999999999999999999"], "is not a whole number from 0 to 2147483647"),
        (["--seed", "-1"], "is not a whole number from 0"),
    ):
        err = refused([str(src), *option], capsys)
        assert says in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def test_huge_numbers_directories_and_long_integers_in_the_input_are_named(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    data = json.loads(src.read_text())
    data["requests"][0]["weight"] = 10**30  # crashed inside CP-SAT
    src.write_text(json.dumps(data))
    assert main([str(src), "--solver", "cpsat", "--time-limit", "1"]) == 2
    err = capsys.readouterr().err
    assert "requests, row 1, weight: the number is too large (at most 1000000)" in err

    digits = tmp_path / "digits.json"
    digits.write_text('{"slots": ' + "9" * 5000 + "}")
    assert main([str(digits)]) == 2
    assert "digits.json: a number in the file is too long" in capsys.readouterr().err

    deep = tmp_path / "deep.json"
    deep.write_text('{"a": ' * 100_000 + "1" + "}" * 100_000)  # was a RecursionError traceback
    assert main([str(deep)]) == 2
    assert "deep.json: the JSON is nested too deeply" in capsys.readouterr().err

    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert main([str(folder)]) == 2
    assert "folder.json: cannot read the file: Is a directory" in capsys.readouterr().err
    assert not list(tmp_path.glob("*-schedule.*"))


def test_an_output_that_is_a_directory_is_named_not_its_temporary_file(tmp_path, capsys):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    (tmp_path / "plan.json").mkdir()
    assert main([str(src), "--solver", "greedy", "-o", str(tmp_path / "plan.json")]) == 2
    err = capsys.readouterr().err
    assert f"rabta schedule: cannot write {tmp_path / 'plan.json'}: Is a directory" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json", "plan.json"]


def test_a_dzn_instance_with_millions_of_slots_or_tables_is_refused_at_once(tmp_path, capsys):
    """nTotalSlots = 99999999999 made the solver build variables until memory ran out."""
    from tests.scheduling.test_dzn import SMALL

    for key, value in (
        ("nTotalSlots = 4", "nTotalSlots = 99999999999"),
        ("nTables = 1", "nTables = 99999999999999"),
    ):
        src = tmp_path / "huge.dzn"
        src.write_text(SMALL.replace(key, value))
        assert main([str(src), "--time-limit", "1"]) == 2
        err = capsys.readouterr().err
        assert "is more than rabta schedules (at most 10000)" in err
