"""The independent formulations find the optimum of a hand-checked instance."""

import pytest

pytest.importorskip("pysat", reason="python-sat is not installed (make install)")

from benchmarks.event_generator import generate  # noqa: E402
from benchmarks.independent import maxsat, minizinc  # noqa: E402
from benchmarks.independent.common import schedule_weight  # noqa: E402

from rabta.scheduling.model import Interpreter, Participant, Problem, Request, Slot, Table  # noqa: E402
from rabta.scheduling.validate import validate  # noqa: E402


def hand_checked_problem() -> Problem:
    """Two slots, one table, one ru-en interpreter in the first slot only; D has a stand.

    A (ru) needs the interpreter to meet B or C (en), so only one of AB (3) and
    AC (1) fits, in slot 1. Best: AB in slot 1 at the table, CD in slot 1 at D's
    stand, AD and BC in slot 2: weight 3 + 1 + 1 + 1 = 6, no idle gap.
    """
    return Problem(
        slots=(Slot("s1", "am"), Slot("s2", "am")),
        participants=(
            Participant("A", languages=frozenset({"ru"})),
            Participant("B", languages=frozenset({"en"})),
            Participant("C", languages=frozenset({"en"})),
            Participant("D", languages=frozenset({"en", "ru"}), stand="stand-D"),
        ),
        requests=(
            Request("AB", "A", "B", weight=3),
            Request("AC", "A", "C", weight=1),
            Request("BC", "B", "C", weight=1),
            Request("AD", "A", "D", weight=1),
            Request("CD", "C", "D", weight=1),
        ),
        tables=(Table("T1"),),
        interpreters=(
            Interpreter("I1", languages=frozenset({"ru", "en"}), available=frozenset({"s1"})),
        ),
    )


def test_maxsat_finds_the_optimum_of_a_hand_checked_instance():
    problem = hand_checked_problem()
    result = maxsat.solve(problem, time_limit=30)
    assert (result.status, result.weight, result.idle_gaps) == ("optimal", 6, 0)
    assert validate(problem, result.schedule()) == []
    assert {m.request for m in result.schedule().meetings} == {"AB", "BC", "AD", "CD"}


def test_maxsat_schedule_of_a_generated_tiny_event_is_valid():
    problem = generate("tiny", 1)
    result = maxsat.solve(problem, time_limit=30)
    assert result.status == "optimal"
    assert validate(problem, result.schedule()) == []
    assert result.weight == schedule_weight(problem, result.schedule())


@pytest.mark.skipif(
    not minizinc.available(), reason="minizinc is not installed (apt-get install minizinc)"
)
def test_minizinc_finds_the_optimum_of_a_hand_checked_instance():
    problem = hand_checked_problem()
    result = minizinc.solve(problem, time_limit=30)
    assert (result.status, result.weight) == ("optimal", 6)
    assert validate(problem, result.schedule()) == []


@pytest.mark.skipif(
    not minizinc.available(), reason="minizinc is not installed (apt-get install minizinc)"
)
def test_minizinc_and_maxsat_agree_on_a_generated_tiny_event():
    problem = generate("tiny", 2)
    assert (
        minizinc.solve(problem, time_limit=30).weight == maxsat.solve(problem, time_limit=30).weight
    )
