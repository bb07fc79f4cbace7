"""The package's public names, imported on first use."""

import ast
import subprocess
import sys

import rabta.scheduling as scheduling


def test_the_functions_keep_their_names_after_their_modules_are_imported():
    import rabta.scheduling.explain
    import rabta.scheduling.repair
    import rabta.scheduling.solve  # noqa: F401
    from rabta.scheduling import explain, repair, solve

    assert (solve.__module__, repair.__module__, explain.__module__) == (
        "rabta.scheduling.solve",
        "rabta.scheduling.repair",
        "rabta.scheduling.explain",
    )
    assert callable(scheduling.solve) and scheduling.solve is solve
    assert set(scheduling.__all__) <= set(dir(scheduling))


def test_the_submodules_are_still_importable_by_name():
    from rabta.scheduling import cpsat, satgaps

    assert cpsat.__name__ == "rabta.scheduling.cpsat"
    assert satgaps.__name__ == "rabta.scheduling.satgaps"


def test_an_unknown_name_is_an_import_error():
    try:
        from rabta.scheduling import no_such_thing  # noqa: F401
    except ImportError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("imported a name that does not exist")


def test_the_dzn_command_loads_no_solver_it_does_not_use():
    code = (
        "import sys, rabta.scheduling.cli, rabta.scheduling.b2bsp;"
        "print(sorted(m for m in sys.modules if m.startswith(('rabta.scheduling.', 'ortools', "
        "'openpyxl', 'numpy'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(ast.literal_eval(out))
    unused = {
        "rabta.scheduling.solve",
        "rabta.scheduling.greedy",
        "rabta.scheduling.localsearch",
        "rabta.scheduling.repair",
        "rabta.scheduling.explain",
        "rabta.scheduling.io",
        "rabta.scheduling.cpsat",
        "ortools",
        "openpyxl",
        "numpy",
    }
    assert loaded & unused == set()
    assert "rabta.scheduling.satgaps" in loaded
