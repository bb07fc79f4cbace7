"""The integer view: feasible slots, tables, stands and interpreters."""

from rabta.scheduling.compiled import compile_problem
from rabta.scheduling.model import (
    Interpreter,
    Lock,
    Participant,
    Problem,
    Request,
    Slot,
    Table,
)


def compiled():
    slots = (Slot("s1", "am"), Slot("s2", "am"), Slot("s3", "pm"), Slot("s4", "pm"))
    return compile_problem(
        Problem(
            slots=slots,
            participants=(
                Participant("a", languages=frozenset({"ar"})),
                Participant("b", languages=frozenset({"de"}), stand="B2"),
                Participant(
                    "c", languages=frozenset({"ar", "de"}), available=frozenset({"s2", "s3"})
                ),
                Participant("d"),  # languages unknown: never needs an interpreter
            ),
            requests=(
                Request("ab", "a", "b"),
                Request("ac", "a", "c", sessions=frozenset({"pm"})),
                Request("ad", "a", "d"),
            ),
            tables=(Table("T1", available=frozenset({"s1", "s2"})),),
            interpreters=(
                Interpreter("i1", languages=frozenset({"ar", "de"}), available=frozenset({"s4"})),
            ),
            locks=(Lock("ad", "s1", "T1"),),
        )
    )


def test_indices_and_sessions():
    c = compiled()
    assert c.slot_session == (0, 0, 1, 1)
    assert c.sessions == ((0, 1), (2, 3))
    assert c.participants[0].requests == (0, 1, 2)


def test_stand_meetings_need_no_table_but_an_interpreter():
    ab = compiled().requests[0]
    assert ab.stand == "B2" and not ab.needs_table
    assert ab.needs_interpreter and ab.interpreters == (0,)
    assert ab.feasible_slots == (3,)  # the interpreter only works in s4


def test_session_restriction_availability_and_tables():
    ac, ad = compiled().requests[1], compiled().requests[2]
    assert not ac.needs_interpreter and ac.needs_table
    assert ac.feasible_slots == ()  # c is there in s2/s3, pm only leaves s3, no table in s3
    assert not ad.needs_interpreter and ad.feasible_slots == (0, 1)


def test_locks_as_indices():
    lk = compiled().locks[0]
    assert (lk.request, lk.slot, lk.table, lk.interpreter) == (2, 0, 0, None)
