"""The event generator: deterministic for a seed, sizes as documented, valid input."""

import pytest
from benchmarks.event_generator import INSTANCES, describe, generate, write_problem

from rabta.scheduling.io import read_problem
from rabta.scheduling.validate import check_problem


def test_same_seed_gives_the_same_event():
    assert generate("delegation-day", 7) == generate("delegation-day", 7)


def test_another_seed_gives_another_event():
    assert generate("delegation-day", 7).requests != generate("delegation-day", 8).requests


@pytest.mark.parametrize(
    ("name", "participants", "requests", "sessions", "slots", "tables", "interpreters"),
    [
        ("delegation-day", 280, 3000, 2, 24, 60, 6),
        ("design-target", 300, 3000, 2, 24, 60, 6),
        ("trade-fair", 2000, 20000, 4, 64, 300, 20),
    ],
)
def test_instances_have_the_documented_sizes(
    name, participants, requests, sessions, slots, tables, interpreters
):
    sizes = describe(generate(name, 1))
    assert (
        sizes["participants"],
        sizes["requests"],
        sizes["sessions"],
        sizes["slots"],
        sizes["tables"],
        sizes["interpreters"],
    ) == (participants, requests, sessions, slots, tables, interpreters)


def test_delegation_day_is_visitors_meeting_locals():
    problem = generate("delegation-day", 1)
    visitors = [p for p in problem.participants if p.id.startswith("V")]
    locals_ = [p for p in problem.participants if p.id.startswith("L")]
    cross = [r for r in problem.requests if r.a.startswith("V") != r.b.startswith("V")]
    assert (len(visitors), len(locals_)) == (30, 250)
    assert all("ru" in p.languages for p in visitors)
    assert all("ur" in p.languages for p in locals_)
    assert len(cross) > len(problem.requests) / 2
    sizes = describe(problem)
    assert sizes["required_requests"] > 0
    assert sizes["session_restricted_requests"] > 0
    assert sizes["requests_needing_interpreter"] > 0
    assert sizes["stands"] == 4
    assert {r.weight for r in problem.requests} == {1, 3}


@pytest.mark.parametrize("name", sorted(INSTANCES))
def test_generated_events_pass_the_engine_input_checks(name):
    errors = [e for e in check_problem(generate(name, 3)) if e.severity == "error"]
    assert errors == []


def test_written_event_reads_back_with_the_engine_reader(tmp_path):
    problem = generate("small", 1)
    write_problem(problem, tmp_path / "small.json")
    assert read_problem(tmp_path / "small.json") == problem


def test_full_time_interpreter_variant_differs_only_in_interpreters():
    base, variant = generate("design-target", 1), generate("design-target-ft", 1)
    assert (variant.participants, variant.requests, variant.tables) == (
        base.participants,
        base.requests,
        base.tables,
    )
    assert all(i.available is None for i in variant.interpreters)
    assert any(i.available is not None for i in base.interpreters)
