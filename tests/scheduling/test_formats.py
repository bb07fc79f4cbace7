"""Several representatives per organisation and group sessions in the engine
(``formats.py``, ``validate_formats.py``): the rules, the bound against a brute
force, and random problems checked by hypothesis."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rabta.scheduling import ProblemInputError, check_problem, solve, validate
from rabta.scheduling.formats import choose_representatives, uses_formats, without_group_slots
from rabta.scheduling.generate import delegation_day
from rabta.scheduling.generate_formats import formats_problem
from rabta.scheduling.model import (
    GroupSession,
    Interpreter,
    Meeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Slot,
    Table,
)


def slots(n: int, split: int | None = None) -> tuple[Slot, ...]:
    split = n if split is None else split
    return tuple(Slot(f"s{i + 1}", "am" if i < split else "pm") for i in range(n))


def person(pid: str, org: str | None, *langs: str, **kw) -> Participant:
    return Participant(pid, languages=frozenset(langs), organisation=org, **kw)


def persons_in_slot(problem: Problem, schedule: Schedule) -> dict[tuple[str, str], int]:
    """How many places each person is in, per slot (1:1 meetings and group sessions)."""
    groups = {g.id: g for g in problem.groups}
    use: dict[tuple[str, str], int] = {}
    for m in schedule.meetings:
        for p in (m.a, m.b):
            use[(p, m.slot)] = use.get((p, m.slot), 0) + 1
    for gm in schedule.groups:
        g = groups[gm.group]
        for p in (g.host, *g.members):
            use[(p, gm.slot)] = use.get((p, gm.slot), 0) + 1
    return use


# --------------------------------------------------------------------------- the rules


def test_representatives_of_one_organisation_meet_in_parallel():
    # one slot, two visitors each asking the company: both are met, by its two people
    problem = Problem(
        slots(1),
        (
            person("anna", "Pharma", "en"),
            person("boris", "Pharma", "en"),
            person("v1", None, "en"),
            person("v2", None, "en"),
        ),
        (Request("r1", "v1", "Pharma"), Request("r2", "v2", "Pharma")),
        (Table("T1"), Table("T2")),
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert validate(problem, result.schedule) == []
    assert result.report.meetings_scheduled == 2
    served = {m.request: m.b for m in result.schedule.meetings}
    assert sorted(served.values()) == ["anna", "boris"]
    assert {m.slot for m in result.schedule.meetings} == {"s1"}


def test_a_person_is_never_in_two_places():
    # the same two requests to one person: only one fits in the single slot
    problem = Problem(
        slots(1),
        (
            person("anna", "Pharma"),
            person("boris", "Pharma"),
            person("v1", None),
            person("v2", None),
        ),
        (Request("r1", "v1", "anna"), Request("r2", "v2", "anna")),
        (Table("T1"), Table("T2")),
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert result.report.meetings_scheduled == 1
    assert result.report.upper_bound == 1


def test_the_scheduler_prefers_a_representative_sharing_a_language():
    problem = Problem(
        slots(2),
        (
            person("ivan", "Pharma", "ru"),
            person("olga", "Pharma", "ru", "en"),
            person("ali", None, "en", "ur"),
        ),
        (Request("r1", "ali", "Pharma", 3),),
        (Table("T1"),),
        (Interpreter("i1", languages=frozenset({"ru", "ur"})),),
    )
    result = solve(problem, solver="greedy", time_limit=5)
    (meeting,) = result.schedule.meetings
    assert meeting.b == "olga"
    assert meeting.interpreter is None


def test_an_online_request_to_an_organisation_takes_no_table():
    problem = Problem(
        slots(1),
        (
            person("ivan", "Pharma", "en"),
            person("olga", "Pharma", "en"),
            person("ali", None, "en"),
            person("v2", None, "en"),
        ),
        (Request("r1", "ali", "Pharma", online=True), Request("r2", "v2", "ivan")),
        (Table("T1"),),
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert validate(problem, result.schedule) == []
    met = {m.request: m for m in result.schedule.meetings}
    assert met["r1"].table is None and met["r1"].b == "olga"
    assert met["r2"].table == "T1"


def test_an_absent_representative_is_not_chosen():
    problem = Problem(
        slots(2),
        (
            person("ivan", "Pharma", "en", available=frozenset()),
            person("olga", "Pharma", "en"),
            person("ali", None, "en"),
        ),
        (Request("r1", "ali", "Pharma"),),
        (Table("T1"),),
    )
    (meeting,) = solve(problem, solver="greedy", time_limit=5).schedule.meetings
    assert meeting.b == "olga"


def test_an_organisation_that_chose_names_its_representative():
    problem = Problem(
        slots(1),
        (person("ivan", "Pharma", "en"), person("olga", "Pharma", "en"), person("ali", None, "en")),
        (Request("r1", "ali", "ivan"),),
        (Table("T1"),),
    )
    (meeting,) = solve(problem, solver="greedy", time_limit=5).schedule.meetings
    assert (meeting.a, meeting.b) == ("ali", "ivan")


def test_two_requests_never_make_the_same_two_people_meet_twice():
    problem = Problem(
        slots(3),
        (person("ivan", "Pharma", "en"), person("ali", None, "en")),
        (Request("r1", "ali", "Pharma"), Request("r2", "ali", "ivan")),
        (Table("T1"),),
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert result.report.meetings_scheduled == 1
    assert result.report.upper_bound == 1
    twice = Schedule(
        (
            Meeting("r1", "s1", "T1", None, None, "ali", "ivan"),
            Meeting("r2", "s2", "T1", None, None, "ali", "ivan"),
        )
    )
    assert any("meet twice" in v.message for v in validate(problem, twice))


def group_problem(**group) -> Problem:
    people = (
        person("host", "Embassy", "ru"),
        person("m1", "A", "ur", "en"),
        person("m2", "B", "ur"),
        person("m3", "C", "en"),
        person("x", "D", "ru"),
    )
    defaults = {"id": "g1", "host": "host", "members": ("m1", "m2", "m3"), "capacity": 5}
    defaults.update(group)
    return Problem(
        slots(3),
        people,
        (Request("r1", "m1", "x"), Request("r2", "host", "m3")),
        (Table("T1"), Table("T2"), Table("big", capacity=6)),
        (
            Interpreter("i1", languages=frozenset({"ru", "ur", "en"})),
            Interpreter("i2", languages=frozenset({"ru", "en"})),
        ),
        groups=(GroupSession(**defaults),),
    )


def test_a_group_session_is_held_beside_one_to_one_meetings():
    problem = group_problem()
    result = solve(problem, solver="greedy", time_limit=5)
    assert validate(problem, result.schedule) == []
    (gm,) = result.schedule.groups
    assert gm.table == "big"
    assert gm.interpreter == "i1"  # the only one speaking ru, ur and en
    assert result.report.groups_scheduled == result.report.groups_requested == 1
    assert max(persons_in_slot(problem, result.schedule).values()) == 1
    assert result.report.meetings_scheduled == 2


def test_a_group_sharing_a_language_needs_no_interpreter():
    problem = group_problem(members=("m1", "m3"), host="m3")
    problem = dataclasses.replace(
        problem, groups=(GroupSession("g1", "m3", ("m1",), 5),), requests=()
    )
    (gm,) = solve(problem, solver="greedy", time_limit=5).schedule.groups
    assert gm.interpreter is None


def messages(problem: Problem) -> list[str]:
    with pytest.raises(ProblemInputError) as caught:
        solve(problem, solver="greedy", time_limit=5)
    return [e.message for e in caught.value.errors]


def test_a_group_over_its_capacity_is_refused_with_a_clear_message():
    assert messages(group_problem(capacity=2)) == [
        "group session g1 has 3 members, more than its capacity 2"
    ]


def test_a_group_no_table_can_seat_is_refused():
    problem = group_problem()
    problem = dataclasses.replace(problem, tables=(Table("T1"), Table("mid", capacity=3)))
    assert messages(problem) == [
        "group session g1 needs a table for 4 people; the largest table seats 3"
    ]


def test_bad_group_and_organisation_input_is_all_reported():
    problem = group_problem(host="nobody", members=("m1", "m1", "ghost"), slot="s9")
    problem = dataclasses.replace(
        problem,
        requests=(Request("r1", "m1", "A"), Request("r2", "m1", "Unknown")),
    )
    got = messages(problem)
    assert "group session g1 has unknown host 'nobody'" in got
    assert "group session g1 has unknown member 'ghost'" in got
    assert "group session g1 lists m1 twice" in got
    assert "group session g1 is fixed to unknown slot 's9'" in got
    assert "request r1 asks organisation A to meet itself" in got
    assert "request r2 names unknown participant 'Unknown'" in got


def test_an_unplaceable_group_makes_the_result_infeasible_and_says_why():
    problem = group_problem()
    problem = dataclasses.replace(
        problem, interpreters=(Interpreter("i2", languages=frozenset({"ru", "en"})),)
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert result.schedule.groups == ()
    assert result.report.status == "infeasible"
    assert result.report.messages[0].startswith("group session g1 cannot be held: no interpreter")


def test_the_validator_catches_each_broken_rule():
    problem = group_problem()
    good = solve(problem, solver="greedy", time_limit=5).schedule
    gm = good.groups[0]
    clash = next(m for m in good.meetings if m.request == "r1")
    cases = {
        "in two places": dataclasses.replace(
            good,
            meetings=tuple(
                dataclasses.replace(m, slot=gm.slot) if m is clash else m for m in good.meetings
            ),
        ),
        "seats 2, fewer than the 4 people": dataclasses.replace(
            good, groups=(dataclasses.replace(gm, table="T1"),)
        ),
        "shares no language but has no": dataclasses.replace(
            good, groups=(dataclasses.replace(gm, interpreter=None),)
        ),
        "does not speak a language of each person": dataclasses.replace(
            good, groups=(dataclasses.replace(gm, interpreter="i2"),)
        ),
        "who do not serve its sides": dataclasses.replace(
            good,
            meetings=tuple(
                dataclasses.replace(m, a="m2") if m is clash else m for m in good.meetings
            ),
        ),
        "held more than once": dataclasses.replace(good, groups=(gm, gm)),
    }
    for words, schedule in cases.items():
        found = [v.message for v in validate(problem, schedule)]
        assert any(words in text for text in found), (words, found)


def test_existing_problems_do_not_use_formats():
    assert not uses_formats(delegation_day(0))
    plain = dataclasses.replace(
        group_problem(),
        groups=(),
        participants=tuple(
            dataclasses.replace(p, organisation=None) for p in group_problem().participants
        ),
    )
    assert not uses_formats(plain)
    assert check_problem(plain) == []


# --------------------------------------------------------------------------- brute force


def tiny_formats(rng: random.Random) -> Problem:
    """Two or three organisations of one to three people, a few requests, no
    interpreters (tables interchangeable: the brute force counts them)."""
    n_slots = rng.randint(1, 3)
    people = []
    orgs = []
    for k in range(rng.randint(2, 3)):
        org = f"o{k + 1}"
        orgs.append(org)
        for j in range(rng.randint(1, 3)):
            av = (
                None
                if rng.random() < 0.6
                else frozenset(f"s{i + 1}" for i in range(n_slots) if rng.random() < 0.6)
            )
            people.append(person(f"{org}p{j + 1}", org, available=av))
    sides = orgs + [p.id for p in people]
    org_of = {p.id: p.organisation for p in people} | {o: o for o in orgs}
    reqs = []
    seen = set()
    for _ in range(rng.randint(1, 5)):
        a, b = rng.sample(sides, 2)
        if org_of[a] == org_of[b] or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        reqs.append(Request(f"r{len(reqs) + 1}", a, b, rng.randint(1, 3)))
    if not reqs:
        a, b = orgs[0], orgs[1]
        reqs.append(Request("r1", a, b, 1))
    return Problem(
        slots(n_slots),
        tuple(people),
        tuple(reqs),
        tuple(Table(f"T{i + 1}") for i in range(rng.randint(1, 2))),
    )


def brute_force_weight(problem: Problem) -> int:
    """The best weight, trying every pair of persons in every slot for every request."""
    people = {p.id: p for p in problem.participants}
    orgs: dict[str, list[str]] = {}
    for p in problem.participants:
        orgs.setdefault(p.organisation, []).append(p.id)

    def side(x: str) -> list[str]:
        return [x] if x in people else orgs[x]

    slot_ids = [s.id for s in problem.slots]
    options = []
    for r in problem.requests:
        opts: list[tuple | None] = [None]
        for a in side(r.a):
            for b in side(r.b):
                for s in slot_ids:
                    if all(people[x].available is None or s in people[x].available for x in (a, b)):
                        opts.append((a, b, s))
        options.append(opts)
    best = 0
    for combo in itertools.product(*options):
        busy = set()
        pairs = set()
        per_slot: dict[str, int] = {}
        ok = True
        for opt in combo:
            if opt is None:
                continue
            a, b, s = opt
            if (a, s) in busy or (b, s) in busy or frozenset((a, b)) in pairs:
                ok = False
                break
            busy |= {(a, s), (b, s)}
            pairs.add(frozenset((a, b)))
            per_slot[s] = per_slot.get(s, 0) + 1
            if per_slot[s] > len(problem.tables):
                ok = False
                break
        if ok:
            best = max(
                best,
                sum(
                    r.weight
                    for r, opt in zip(problem.requests, combo, strict=True)
                    if opt is not None
                ),
            )
    return best


@pytest.mark.parametrize("seed", range(40))
def test_bound_and_answer_against_brute_force(seed):
    problem = tiny_formats(random.Random(seed))
    optimum = brute_force_weight(problem)
    result = solve(problem, solver="greedy", time_limit=5)
    assert validate(problem, result.schedule) == []
    assert result.report.weight_scheduled <= optimum <= result.report.upper_bound
    bound = choose_representatives(without_group_slots(problem, []), problem).bound
    assert bound >= optimum


# --------------------------------------------------------------------------- hypothesis


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(seed=st.integers(0, 10_000), groups=st.integers(0, 4))
def test_random_events_keep_every_rule(seed, groups):
    problem = formats_problem(
        seed=seed,
        persons=24,
        requests=40,
        groups=groups,
        slots_per_session=4,
        tables=5,
        group_tables=2,
        group_seats=5,
        interpreters=2,
        max_representatives=3,
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert validate(problem, result.schedule) == []
    # no person in two places; representatives of one organisation in parallel is allowed
    assert max(persons_in_slot(problem, result.schedule).values(), default=1) == 1
    # group capacity and seats
    tables = {t.id: t for t in problem.tables}
    by_id = {g.id: g for g in problem.groups}
    for gm in result.schedule.groups:
        g = by_id[gm.group]
        assert len(g.members) <= g.capacity
        assert tables[gm.table].capacity >= 1 + len(g.members)
    # an interpreter exactly when the two people share no language
    langs = {p.id: p.languages for p in problem.participants}
    for m in result.schedule.meetings:
        shared = langs[m.a] & langs[m.b] or not langs[m.a] or not langs[m.b]
        assert (m.interpreter is None) == bool(shared)
    assert result.report.weight_scheduled <= result.report.upper_bound
    assert result.report.groups_scheduled + sum(
        1 for text in result.report.messages if "cannot be held" in text
    ) == len(problem.groups)


def test_parallel_meetings_happen_in_a_realistic_event():
    problem = formats_problem(seed=3, persons=120, requests=800, groups=6)
    result = solve(problem, solver="greedy", time_limit=10)
    assert validate(problem, result.schedule) == []
    org = {p.id: p.organisation for p in problem.participants}
    same_slot = {}
    for m in result.schedule.meetings:
        for p in (m.a, m.b):
            same_slot.setdefault((org[p], m.slot), set()).add(p)
    assert any(len(v) > 1 for v in same_slot.values())
    assert result.report.gap < 0.03


# --------------------------------------------------------------------------- repair, explain


def test_repair_keeps_what_still_fits_and_serves_with_another_representative():
    from rabta.scheduling import explain, repair

    problem = formats_problem(seed=5, persons=40, requests=90, groups=3, slots_per_session=6)
    published = solve(problem, solver="greedy", time_limit=5).schedule
    # the busiest representative of an organisation of several goes home
    org_size = {}
    for p in problem.participants:
        org_size[p.organisation] = org_size.get(p.organisation, 0) + 1
    load = {}
    for m in published.meetings:
        for p in (m.a, m.b):
            load[p] = load.get(p, 0) + 1
    gone = max(
        (p for p in problem.participants if org_size[p.organisation] > 1),
        key=lambda p: load.get(p.id, 0),
    )
    changed = dataclasses.replace(
        problem,
        participants=tuple(
            dataclasses.replace(p, available=frozenset()) if p.id == gone.id else p
            for p in problem.participants
        ),
    )
    result = repair(changed, published, [])
    assert validate(changed, result.schedule) == []
    after = result.schedule.by_request()
    for m in published.meetings:
        if gone.id not in (m.a, m.b):
            assert after[m.request] == m  # still valid: kept exactly, with its persons
    assert all(gone.id not in (m.a, m.b) for m in result.schedule.meetings)
    still_held = {gm.group for gm in result.schedule.groups}
    for gm in published.groups:
        g = next(x for x in problem.groups if x.id == gm.group)
        if gone.id not in (g.host, *g.members):
            assert gm.group in still_held
    reasons = explain(changed, result.schedule)
    met = set(after)
    assert {u.request for u in reasons} <= {r.id for r in problem.requests} - met
    with pytest.raises(ProblemInputError):
        repair(changed, published, {"kind": "withdraw", "participant": gone.id})


def test_precedences_hold_with_representatives():
    from rabta.scheduling.model import Precedence

    problem = Problem(
        slots(3),
        (person("ivan", "Pharma", "en"), person("olga", "Pharma", "en"), person("ali", None, "en")),
        (Request("r1", "ali", "Pharma"), Request("r2", "ali", "olga")),
        (Table("T1"),),
        precedences=(Precedence(before="r2", after="r1"),),
    )
    result = solve(problem, solver="greedy", time_limit=5)
    assert validate(problem, result.schedule) == []
    met = result.schedule.by_request()
    assert met["r1"].b == "ivan"  # olga meets ali already
    order = [s.id for s in problem.slots]
    assert order.index(met["r2"].slot) < order.index(met["r1"].slot)
