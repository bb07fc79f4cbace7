"""The independent validator and the input checks."""

from dataclasses import replace

from rabta.scheduling.model import (
    Interpreter,
    Lock,
    Meeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Slot,
    Table,
)
from rabta.scheduling.validate import check_problem, validate

SLOTS = (Slot("s1", "am"), Slot("s2", "am"), Slot("s3", "pm"))


def problem(**kw) -> Problem:
    base = dict(
        slots=SLOTS,
        participants=(
            Participant("p1", languages=frozenset({"ar"})),
            Participant("p2", languages=frozenset({"de"}), available=frozenset({"s1", "s2"})),
            Participant("p3", languages=frozenset({"ar", "de"}), stand="B7", max_meetings=1),
        ),
        requests=(
            Request("r1", "p1", "p2", 3),
            Request("r2", "p1", "p3"),
            Request("r3", "p2", "p3", required=True),
        ),
        tables=(Table("T1"), Table("T2", available=frozenset({"s1"}))),
        interpreters=(Interpreter("i1", languages=frozenset({"ar", "de"})),),
    )
    base.update(kw)
    return Problem(**base)


def messages(p: Problem, *meetings: Meeting) -> list[str]:
    return [v.message for v in validate(p, Schedule(meetings))]


def test_a_valid_schedule_has_no_violation():
    assert (
        messages(
            problem(),
            Meeting("r1", "s1", "T1", None, "i1"),
            Meeting("r2", "s2", None, "B7"),
        )
        == []
    )


def test_missing_interpreter_table_and_stand_are_named():
    out = messages(problem(), Meeting("r1", "s1", "T1"), Meeting("r2", "s2", "T1"))
    assert any("shares no language" in m and "r1" in m for m in out)
    assert any("r2" in m and "stand B7" in m for m in out)


def test_double_booking_and_availability():
    out = messages(
        problem(),
        Meeting("r1", "s3", "T1", None, "i1"),
        Meeting("r2", "s3", None, "B7"),
    )
    assert any("p2 is not available in slot s3" in m for m in out)
    assert any("participant p1 is in 2 meetings in slot s3" in m for m in out)


def test_table_availability_and_max_meetings():
    out = messages(
        problem(),
        Meeting("r1", "s2", "T2", None, "i1"),
        Meeting("r2", "s1", None, "B7"),
        Meeting("r3", "s2", None, "B7"),
    )
    assert any("table T2 is not available in slot s2" in m for m in out)
    assert any("p3 has 2 meetings, more than the maximum 1" in m for m in out)


def test_locks_are_checked():
    p = problem(locks=(Lock("r1", "s2", "T1"),))
    out = messages(p, Meeting("r1", "s1", "T1", None, "i1"))
    assert any("locked request r1 is in slot s1, not s2" in m for m in out)


def test_check_problem_reports_bad_input():
    p = problem(
        participants=(*problem().participants, Participant("p1")),
        requests=(
            *problem().requests,
            Request("r4", "p1", "p1"),
            Request("r5", "p2", "p1"),
            Request("r6", "p1", "zz", weight=0),
        ),
        locks=(Lock("r9", "s1"), Lock("r2", "s1", "T1")),
    )
    out = {e.message for e in check_problem(p)}
    text = "\n".join(out)
    assert "duplicate participant id 'p1'" in text
    assert "asks p1 to meet themselves" in text
    assert "repeats the pair" in text
    assert "unknown participant 'zz'" in text
    assert "weight 0" in text
    assert "unknown request 'r9'" in text
    assert "lock of r2 breaks a constraint" in text  # a stand meeting locked to a table


def test_unhostable_request_is_named_with_the_reason():
    p = problem(interpreters=())
    errs = [e for e in check_problem(p) if e.id == "r1"]
    assert errs and "share no language and no interpreter" in errs[0].message
    assert errs[0].severity == "warning"


def test_too_many_required_meetings_is_infeasible():
    p = problem(
        requests=(
            Request("r1", "p1", "p3", required=True),
            Request("r2", "p2", "p3", required=True),
        )
    )
    errs = [e for e in check_problem(p) if e.severity == "infeasible"]
    assert any("p3 has 2 required meetings but room for only 1" in e.message for e in errs)


def test_too_many_required_meetings_names_the_cause():
    requests = (
        Request("r1", "p1", "p3", required=True),
        Request("r2", "p2", "p3", required=True),
    )
    base = problem(requests=requests)
    p3 = next(x for x in base.participants if x.id == "p3")
    slot_ids = frozenset(s.id for s in base.slots)
    cases = [
        (
            replace(p3, available=frozenset(sorted(slot_ids)[:1]), max_meetings=None),
            f"(available in 1 of {len(slot_ids)} slots)",
        ),
        (replace(p3, available=None, max_meetings=1), "(meeting limit 1)"),
    ]
    for changed, cause in cases:
        p = replace(
            base,
            participants=tuple(changed if x.id == "p3" else x for x in base.participants),
        )
        errs = [e for e in check_problem(p) if e.severity == "infeasible"]
        assert any("room for only 1 " + cause in e.message for e in errs), errs
