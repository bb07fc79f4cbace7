"""Interpreters who work only part of the day (DESIGN.md allows it; real events have them)."""

from benchmarks.event_generator import generate

from rabta.scheduling.solve import solve
from rabta.scheduling.validate import validate


def test_greedy_schedules_an_event_whose_interpreters_work_half_the_day():
    problem = generate("delegation-day", seed=1)
    assert any(i.available is not None for i in problem.interpreters)

    result = solve(problem, solver="greedy", time_limit=2)

    assert validate(problem, result.schedule) == []
    assert result.report.weight_scheduled >= 0.99 * result.report.upper_bound
