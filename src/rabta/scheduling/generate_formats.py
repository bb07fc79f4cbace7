"""Synthetic events with several representatives per organisation and group
sessions (for tests and benchmarks). Deterministic per seed.

``delegation_day_formats()``: 300 persons of about 130 organisations (one to
four representatives each), 2,500 requests — most to an organisation, some to a
named person — 2 × 12 slots, 60 two-seat tables and 10 eight-seat ones, 6
interpreters, and 20 group sessions (a host with three to six members).
"""

from __future__ import annotations

import random

from rabta.scheduling.generate import LANGS_A, LANGS_B, random_person, slot_grid
from rabta.scheduling.model import (
    GroupSession,
    Interpreter,
    Participant,
    Problem,
    Request,
    Table,
)


def formats_problem(
    *,
    seed: int = 0,
    persons: int = 300,
    requests: int = 2500,
    groups: int = 20,
    sessions: int = 2,
    slots_per_session: int = 12,
    tables: int = 60,
    group_tables: int = 10,
    group_seats: int = 8,
    interpreters: int = 6,
    max_representatives: int = 4,
    person_request_share: float = 0.3,
    monolingual_share: float = 0.25,
    partial_availability_share: float = 0.2,
    name: str = "formats",
) -> Problem:
    rng = random.Random(seed)
    slots = slot_grid(sessions, slots_per_session)
    slot_ids = [s.id for s in slots]

    # organisations of one to four representatives, alternating sides of the corridor
    people: list[Participant] = []
    org_people: list[list[str]] = []
    org_side: list[int] = []
    while len(people) < persons:
        k = len(org_people)
        side = k % 2
        size = min(persons - len(people), rng.choice((1, 1, 2, 2, 3, max_representatives)))
        own, other = (LANGS_A, LANGS_B) if side == 0 else (LANGS_B, LANGS_A)
        members = []
        for _j in range(size):
            i = len(people)
            langs, available = random_person(
                rng, own, other, slot_ids, monolingual_share, partial_availability_share
            )
            people.append(
                Participant(
                    id=f"p{i + 1}",
                    name=f"Person {i + 1}",
                    languages=langs,
                    available=available,
                    max_meetings=rng.choice((None, None, len(slot_ids) // 2, len(slot_ids) - 2)),
                    organisation=f"org{k + 1}",
                )
            )
            members.append(f"p{i + 1}")
        org_people.append(members)
        org_side.append(side)

    n_orgs = len(org_people)
    pop = [rng.paretovariate(1.5) * len(m) for m in org_people]
    pairs: set[tuple[str, str]] = set()
    reqs: list[Request] = []
    attempts = 0
    while len(reqs) < requests and attempts < requests * 50:
        attempts += 1
        a = rng.randrange(n_orgs)
        b = (
            rng.choices(range(n_orgs), weights=pop)[0]
            if rng.random() < 0.5
            else rng.randrange(n_orgs)
        )
        if org_side[a] == org_side[b]:
            continue
        side_a = f"org{a + 1}"
        side_b = f"org{b + 1}"
        if rng.random() < person_request_share:
            side_b = rng.choice(org_people[b])
        if rng.random() < person_request_share / 2:
            side_a = rng.choice(org_people[a])
        key = (min(side_a, side_b), max(side_a, side_b))
        if key in pairs:
            continue
        pairs.add(key)
        reqs.append(
            Request(
                id=f"r{len(reqs) + 1}",
                a=side_a,
                b=side_b,
                weight=3 if rng.random() < 0.3 else 1,
            )
        )

    interps = []
    pairs_lang = [(x, y) for x in LANGS_A for y in LANGS_B]
    for k in range(interpreters):
        x, y = pairs_lang[k % len(pairs_lang)]
        interps.append(Interpreter(f"i{k + 1}", f"Interpreter {k + 1}", frozenset({x, y, "en"})))

    # a group's people each share a language with some interpreter, so that the
    # group can be interpreted when its people share no language
    group_list = []
    hosts: set[str] = set()
    by_id = {p.id: p for p in people}
    for g in range(groups):
        spoken = interps[g % len(interps)].languages if interps else frozenset()
        host = rng.choice(
            [p.id for p in people if p.id not in hosts and (not spoken or p.languages & spoken)]
        )
        hosts.add(host)
        host_side = org_side[int(by_id[host].organisation[3:]) - 1]
        pool = [
            p
            for k, members in enumerate(org_people)
            if org_side[k] != host_side
            for p in members
            if not spoken or by_id[p].languages & spoken
        ]
        size = rng.randint(3, min(6, group_seats - 1))
        for _try in range(20):  # people who are all there at some time
            members = tuple(rng.sample(pool, size))
            common = frozenset(slot_ids)
            for pid in (host, *members):
                common &= by_id[pid].available or frozenset(slot_ids)
            if common:
                break
        group_list.append(
            GroupSession(
                id=f"g{g + 1}",
                host=host,
                members=members,
                capacity=group_seats - 1,
                topic=f"Group session {g + 1}",
            )
        )

    return Problem(
        slots=tuple(slots),
        participants=tuple(people),
        requests=tuple(reqs),
        tables=tuple(Table(f"T{k + 1}") for k in range(tables))
        + tuple(Table(f"G{k + 1}", capacity=group_seats) for k in range(group_tables)),
        interpreters=tuple(interps),
        name=name,
        groups=tuple(group_list),
    )


def delegation_day_formats(seed: int = 0) -> Problem:
    return formats_problem(seed=seed, name="delegation-day-formats")
