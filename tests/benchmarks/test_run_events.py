"""The event benchmark's count of meetings a repair moved without need."""

from benchmarks.run_events import unneeded_moves

from rabta.scheduling.model import Meeting, Participant, Problem, Request, Schedule, Slot, Table

SLOTS = (Slot("s1", "am"), Slot("s2", "am"))


def event(late_b: bool = False) -> Problem:
    return Problem(
        slots=SLOTS,
        participants=(
            Participant("A"),
            Participant("B", available=frozenset({"s2"}) if late_b else None),
            Participant("C"),
            Participant("D"),
        ),
        requests=(Request("AB", "A", "B"), Request("CD", "C", "D")),
        tables=(Table("T1"), Table("T2")),
    )


PUBLISHED = Schedule(meetings=(Meeting("AB", "s1", table="T1"), Meeting("CD", "s1", table="T2")))


def test_moving_only_the_broken_meeting_counts_nothing():
    repaired = Schedule(meetings=(Meeting("AB", "s2", table="T1"), Meeting("CD", "s1", table="T2")))
    assert unneeded_moves(event(late_b=True), PUBLISHED, repaired) == 0


def test_moving_or_dropping_a_meeting_that_still_fits_counts():
    moved = Schedule(meetings=(Meeting("AB", "s2", table="T1"), Meeting("CD", "s2", table="T2")))
    dropped = Schedule(meetings=(Meeting("AB", "s2", table="T1"),))
    reseated = Schedule(meetings=(Meeting("AB", "s2", table="T2"), Meeting("CD", "s1", table="T1")))
    assert [
        unneeded_moves(event(late_b=True), PUBLISHED, s) for s in (moved, dropped, reseated)
    ] == [1, 1, 1]
