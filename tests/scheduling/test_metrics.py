"""Idle gaps counted by hand."""

from rabta.scheduling.metrics import count_idle_gaps, participant_gaps, worst_served
from rabta.scheduling.model import Meeting, Participant, Problem, Request, Schedule, Slot


def day() -> Problem:
    # morning s1..s6, lunch break, afternoon s7..s10
    slots = tuple(Slot(f"s{i}", "am" if i <= 6 else "pm") for i in range(1, 11))
    people = tuple(Participant(f"p{i}") for i in range(1, 12))
    requests = tuple(Request(f"r{i}", "p1", f"p{i + 1}") for i in range(1, 11))
    return Problem(slots, people, requests)


def schedule_of(slots_of_p1: list[str]) -> Schedule:
    return Schedule(tuple(Meeting(f"r{k + 1}", s) for k, s in enumerate(slots_of_p1)))


def test_free_time_before_the_first_and_after_the_last_meeting_is_no_gap():
    assert participant_gaps(day(), schedule_of(["s3", "s4", "s5"]))["p1"] == 0


def test_across_the_lunch_break_is_no_gap():
    assert participant_gaps(day(), schedule_of(["s5", "s6", "s7", "s8"]))["p1"] == 0
    assert participant_gaps(day(), schedule_of(["s2", "s9"]))["p1"] == 0


def test_a_run_of_free_slots_is_one_gap():
    assert participant_gaps(day(), schedule_of(["s1", "s5"]))["p1"] == 1


def test_two_separate_holes_are_two_gaps():
    assert participant_gaps(day(), schedule_of(["s1", "s3", "s6"]))["p1"] == 2


def test_gaps_in_both_sessions_add_up():
    assert participant_gaps(day(), schedule_of(["s1", "s3", "s7", "s10"]))["p1"] == 2


def test_total_counts_every_participant():
    # p1 has a hole (s1, s3); the partners have one meeting each: no gap
    assert count_idle_gaps(day(), schedule_of(["s1", "s3"])) == 1


def test_worst_served_participant_and_share():
    who, share = worst_served(day(), schedule_of(["s1"]))
    assert who == "p3" and share == 0.0
