"""Input checks and the independent validator for several representatives and
group sessions (see ``formats.py``).

:func:`validate_formats` checks a schedule straight from the problem as given:
each meeting names two persons who serve the request's sides (the person named,
or a representative of the organisation named); nobody is in two places in one
slot (a 1:1 meeting or a group session), while representatives of one
organisation may meet in parallel; every group session has all its people
available, a table seating them all that nothing else uses, and an interpreter
speaking a language of each of them when they share none. The one-to-one rules
(availability, tables, stands, interpreters, limits, locks) are checked by
:func:`rabta.scheduling.validate.validate` on the meetings with their persons.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from rabta.scheduling.formats import (
    Sides,
    can_interpret_group,
    group_needs_interpreter,
    group_people,
    organisation_of,
)
from rabta.scheduling.i18n import _, ngettext
from rabta.scheduling.model import Problem, Schedule
from rabta.scheduling.validate import (
    ProblemError,
    Violation,
    _check_weight_sessions_and_pair,
    _Hosting,
    check_problem,
    validate,
)


def _plain(problem: Problem) -> Problem:
    """The problem without organisations and groups (its requests as given)."""
    return dataclasses.replace(
        problem,
        participants=tuple(dataclasses.replace(p, organisation=None) for p in problem.participants),
        groups=(),
    )


def check_formats(problem: Problem) -> list[ProblemError]:
    """Everything wrong with a problem that uses formats, before solving."""
    # slots, people, tables, interpreters (the requests, locks and precedences are checked
    # again on the person-level problem the scheduler solves)
    errs = check_problem(
        dataclasses.replace(_plain(problem), requests=(), locks=(), precedences=())
    )
    sides = Sides(problem)
    people = sides.people
    slot_ids = {s.id for s in problem.slots}
    sessions = {s.session for s in problem.slots}

    for org, reps in sides.orgs.items():
        if org in people and any(p != org for p in reps):
            errs.append(
                ProblemError(
                    f"participants/{org}/organisation",
                    _("organisation %(organisation)s has the id of a participant")
                    % {"organisation": repr(org)},
                    "participants",
                    org,
                    "organisation",
                )
            )
    for t in problem.tables:
        if t.capacity < 2:
            errs.append(
                ProblemError(
                    f"tables/{t.id}/capacity",
                    _("table %(table)s seats fewer than two people") % {"table": t.id},
                    "tables",
                    t.id,
                    "capacity",
                )
            )

    hosting = _Hosting(_plain(problem))
    pairs: dict[frozenset[str], str] = {}
    for r in problem.requests:

        def err(field: str, msg: str, severity: str = "error", rid: str = r.id) -> None:
            errs.append(
                ProblemError(f"requests/{rid}/{field}", msg, "requests", rid, field, severity)
            )

        bad = False
        for side, sid in (("a", r.a), ("b", r.b)):
            if sides.organisation(sid) is None:
                err(
                    side,
                    _("request %(request)s names unknown participant %(participant)s")
                    % {"request": r.id, "participant": repr(sid)},
                )
                bad = True
        if not bad and sides.organisation(r.a) == sides.organisation(r.b):
            err(
                "b",
                _("request %(request)s asks organisation %(organisation)s to meet itself")
                % {"request": r.id, "organisation": sides.organisation(r.a)},
            )
            bad = True
        _check_weight_sessions_and_pair(r, sessions, pairs, bad, err)
        if bad:
            continue
        reasons = [
            hosting.why(r, people[a], people[b])
            for a in sides.persons(r.a)
            for b in sides.persons(r.b)
        ]
        if reasons and all(reasons):
            err(
                "b",
                _("request %(request)s can never be met: %(reason)s")
                % {"request": r.id, "reason": reasons[0]},
                "infeasible" if r.required else "warning",
            )

    errs += _check_groups(problem, people, slot_ids, sessions)
    return errs


def _check_groups(problem, people, slot_ids, sessions) -> list[ProblemError]:
    errs: list[ProblemError] = []
    seats = max((t.capacity for t in problem.tables), default=0)
    seen: Counter[str] = Counter(g.id for g in problem.groups)
    for gid, n in seen.items():
        if n > 1:
            errs.append(
                ProblemError(
                    f"groups/{gid}/id",
                    _("duplicate group session id %(id)s") % {"id": repr(gid)},
                    "groups",
                    gid,
                    "id",
                )
            )
    for g in problem.groups:

        def err(field: str, msg: str, gid: str = g.id) -> None:
            errs.append(ProblemError(f"groups/{gid}/{field}", msg, "groups", gid, field))

        if g.host not in people:
            err(
                "host",
                _("group session %(group)s has unknown host %(participant)s")
                % {"group": g.id, "participant": repr(g.host)},
            )
        for pid in sorted(set(g.members) - set(people)):
            err(
                "members",
                _("group session %(group)s has unknown member %(participant)s")
                % {"group": g.id, "participant": repr(pid)},
            )
        for pid, n in Counter(g.members).items():
            if n > 1:
                err(
                    "members",
                    _("group session %(group)s lists %(participant)s twice")
                    % {"group": g.id, "participant": pid},
                )
        if g.host in g.members:
            err(
                "members",
                _("the host of group session %(group)s is also one of its members")
                % {"group": g.id},
            )
        if g.capacity < 1:
            err(
                "capacity",
                _("group session %(group)s has a capacity below one") % {"group": g.id},
            )
        elif len(g.members) > g.capacity:
            err(
                "members",
                ngettext(
                    "group session %(group)s has %(count)s member, more than its "
                    "capacity %(capacity)s",
                    "group session %(group)s has %(count)s members, more than its "
                    "capacity %(capacity)s",
                    len(g.members),
                )
                % {"group": g.id, "count": len(g.members), "capacity": g.capacity},
            )
        size = 1 + len(g.members)
        if size > seats:
            err(
                "members",
                ngettext(
                    "group session %(group)s needs a table for %(count)s person; the "
                    "largest table seats %(seats)s",
                    "group session %(group)s needs a table for %(count)s people; the "
                    "largest table seats %(seats)s",
                    size,
                )
                % {"group": g.id, "count": size, "seats": seats},
            )
        if g.slot is not None and g.slot not in slot_ids:
            err(
                "slot",
                _("group session %(group)s is fixed to unknown slot %(slot)s")
                % {"group": g.id, "slot": repr(g.slot)},
            )
        if g.sessions is not None:
            for sess in sorted(g.sessions - sessions):
                err(
                    "sessions",
                    _("group session %(group)s names unknown session %(session)s")
                    % {"group": g.id, "session": repr(sess)},
                )
    return errs


def validate_formats(problem: Problem, schedule: Schedule) -> list[Violation]:
    """Every broken hard constraint of ``schedule``; see the module's docstring."""
    out: list[Violation] = []
    sides = Sides(problem)
    people = sides.people
    requests = {r.id: r for r in problem.requests}
    resolved = dict(requests)

    def serves(person: str | None, side: str) -> bool:
        if person is None or person not in people:
            return False
        return person == side or (side not in people and organisation_of(people[person]) == side)

    busy: dict[tuple[str, str], list[str]] = defaultdict(list)
    table_busy: dict[tuple[str, str], list[str]] = defaultdict(list)
    interp_busy: dict[tuple[str, str], list[str]] = defaultdict(list)
    met_pairs: dict[frozenset[str], str] = {}
    for m in schedule.meetings:
        r = requests.get(m.request)
        if r is None:
            continue  # the one-to-one validator reports it
        a = m.a if m.a is not None else (r.a if r.a in people else None)
        b = m.b if m.b is not None else (r.b if r.b in people else None)
        if not (serves(a, r.a) and serves(b, r.b)) or a == b:
            out.append(
                Violation(
                    _(
                        "the meeting of request %(request)s is between %(a)s and %(b)s, "
                        "who do not serve its sides %(side_a)s and %(side_b)s"
                    )
                    % {"request": r.id, "a": a, "b": b, "side_a": r.a, "side_b": r.b},
                    r.id,
                )
            )
            continue
        resolved[r.id] = dataclasses.replace(r, a=a, b=b)
        pair = frozenset((a, b))
        if pair in met_pairs:
            out.append(
                Violation(
                    _("%(a)s and %(b)s meet twice (requests %(first)s and %(request)s)")
                    % {"a": a, "b": b, "first": met_pairs[pair], "request": r.id},
                    r.id,
                )
            )
        met_pairs.setdefault(pair, r.id)
        for p in (a, b):
            busy[(p, m.slot)].append(r.id)
        if m.table is not None:
            table_busy[(m.table, m.slot)].append(r.id)
        if m.interpreter is not None:
            interp_busy[(m.interpreter, m.slot)].append(r.id)
    plain = dataclasses.replace(_plain(problem), requests=tuple(resolved.values()))
    out += validate(plain, dataclasses.replace(schedule, groups=()))
    out += _validate_groups(problem, schedule, busy, table_busy, interp_busy)
    return out


def _validate_groups(problem, schedule, busy, table_busy, interp_busy) -> list[Violation]:
    out: list[Violation] = []
    people = {p.id: p for p in problem.participants}
    groups = {g.id: g for g in problem.groups}
    slots = {s.id: s for s in problem.slots}
    tables = {t.id: t for t in problem.tables}
    interpreters = {i.id: i for i in problem.interpreters}

    def available(av, slot: str) -> bool:
        return av is None or slot in av

    held: Counter[str] = Counter()
    for gm in schedule.groups:
        g = groups.get(gm.group)
        if g is None:
            out.append(Violation(_("unknown group session %(group)s") % {"group": repr(gm.group)}))
            continue
        held[g.id] += 1
        if held[g.id] == 2:
            out.append(
                Violation(_("group session %(group)s is held more than once") % {"group": g.id})
            )
        if gm.slot not in slots:
            out.append(
                Violation(
                    _("group session %(group)s is placed in unknown slot %(slot)s")
                    % {"group": g.id, "slot": repr(gm.slot)}
                )
            )
            continue
        if g.slot is not None and gm.slot != g.slot:
            out.append(
                Violation(
                    _("group session %(group)s is in slot %(slot)s, not its fixed %(fixed)s")
                    % {"group": g.id, "slot": gm.slot, "fixed": g.slot}
                )
            )
        if g.sessions is not None and slots[gm.slot].session not in g.sessions:
            out.append(
                Violation(
                    _("group session %(group)s is in session %(session)s, outside its sessions")
                    % {"group": g.id, "session": slots[gm.slot].session}
                )
            )
        persons = group_people(g)
        for pid in persons:
            p = people.get(pid)
            if p is not None and not available(p.available, gm.slot):
                out.append(
                    Violation(
                        _("%(participant)s is not available in slot %(slot)s (%(request)s)")
                        % {"participant": pid, "slot": gm.slot, "request": g.id}
                    )
                )
            busy[(pid, gm.slot)].append(g.id)
        t = tables.get(gm.table)
        if t is None:
            out.append(
                Violation(
                    _("group session %(group)s uses unknown table %(table)s")
                    % {"group": g.id, "table": repr(gm.table)}
                )
            )
        else:
            if t.capacity < len(persons):
                out.append(
                    Violation(
                        ngettext(
                            "table %(table)s seats %(seats)s, fewer than the %(count)s person "
                            "of group session %(group)s",
                            "table %(table)s seats %(seats)s, fewer than the %(count)s people "
                            "of group session %(group)s",
                            len(persons),
                        )
                        % {
                            "table": t.id,
                            "seats": t.capacity,
                            "count": len(persons),
                            "group": g.id,
                        }
                    )
                )
            if not available(t.available, gm.slot):
                out.append(
                    Violation(
                        _("table %(table)s is not available in slot %(slot)s")
                        % {"table": t.id, "slot": gm.slot}
                    )
                )
            table_busy[(t.id, gm.slot)].append(g.id)
        langs = [frozenset(people[p].languages) for p in persons if p in people]
        if group_needs_interpreter(langs):
            it = interpreters.get(gm.interpreter) if gm.interpreter is not None else None
            if it is None:
                out.append(
                    Violation(
                        _(
                            "group session %(group)s shares no language but has no "
                            "(known) interpreter"
                        )
                        % {"group": g.id}
                    )
                )
            else:
                if not can_interpret_group(frozenset(it.languages), langs):
                    out.append(
                        Violation(
                            _(
                                "interpreter %(interpreter)s does not speak a language of "
                                "each person of group session %(group)s"
                            )
                            % {"interpreter": it.id, "group": g.id}
                        )
                    )
                if not available(it.available, gm.slot):
                    out.append(
                        Violation(
                            _("interpreter %(interpreter)s is not available in slot %(slot)s")
                            % {"interpreter": it.id, "slot": gm.slot}
                        )
                    )
                interp_busy[(it.id, gm.slot)].append(g.id)
        elif gm.interpreter is not None:
            out.append(
                Violation(
                    _("request %(request)s needs no interpreter but has %(interpreter)s")
                    % {"request": g.id, "interpreter": gm.interpreter}
                )
            )
    # anyone or anything in two places: only clashes that involve a group
    # session are new here (1:1 clashes are the one-to-one validator's)
    group_ids = set(groups)
    for what, table in (("person", busy), ("table", table_busy), ("interpreter", interp_busy)):
        for (who, slot), uses in table.items():
            if len(uses) > 1 and any(u in group_ids for u in uses):
                values = {"who": who, "slot": slot, "uses": ", ".join(uses)}
                if what == "person":
                    text = _("%(who)s is in two places in slot %(slot)s: %(uses)s")
                elif what == "table":
                    text = _("table %(who)s is used twice in slot %(slot)s: %(uses)s")
                else:
                    text = _("interpreter %(who)s is used twice in slot %(slot)s: %(uses)s")
                out.append(Violation(text % values))
    return out
