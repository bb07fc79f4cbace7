"""The independent validator, and input checks.

:func:`validate` checks every hard constraint of a schedule straight from the
:class:`Problem` (string ids, no shared code with ``compiled.py`` or any
solver), so it can catch a bug in any of them. :func:`check_problem` reports
bad input before solving.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rabta.scheduling.i18n import _, ngettext
from rabta.scheduling.model import Participant, Problem, Request, Schedule, needs_table, stand_of


@dataclass(frozen=True, slots=True)
class Violation:
    message: str
    request: str | None = None


@dataclass(frozen=True, slots=True)
class ProblemError:
    """Bad input. ``where`` locates it (``"requests/r7/weight"``; the file
    readers replace it by sheet/row/field); ``kind``/``id``/``field`` are the
    parts of that location."""

    where: str
    message: str
    kind: str = ""
    id: str | None = None
    field: str | None = None
    #: "error": bad input, refuse to solve; "infeasible": the input is well formed
    #: but the required requests cannot all be met; "warning": solvable, reported.
    severity: str = "error"


def _speaks(p: Participant) -> frozenset[str]:
    return frozenset(p.languages)


def _interpreter_needed(a: Participant, b: Participant) -> bool:
    la, lb = _speaks(a), _speaks(b)
    return bool(la) and bool(lb) and la.isdisjoint(lb)


def _available(available: frozenset[str] | None, slot: str) -> bool:
    return available is None or slot in available


def validate(problem: Problem, schedule: Schedule) -> list[Violation]:
    """Every broken hard constraint of ``schedule``, as short sentences."""
    if problem.groups or any(p.organisation is not None for p in problem.participants):
        from rabta.scheduling.validate_formats import validate_formats

        return validate_formats(problem, schedule)
    out: list[Violation] = []
    slots = {s.id: s for s in problem.slots}
    people = {p.id: p for p in problem.participants}
    requests = {r.id: r for r in problem.requests}
    tables = {t.id: t for t in problem.tables}
    interpreters = {i.id: i for i in problem.interpreters}

    seen_request: Counter[str] = Counter()
    busy_person: dict[tuple[str, str], list[str]] = defaultdict(list)
    busy_table: dict[tuple[str, str], list[str]] = defaultdict(list)
    busy_interp: dict[tuple[str, str], list[str]] = defaultdict(list)
    count: Counter[str] = Counter()
    placed: dict[str, tuple[str, str | None, str | None]] = {}

    for m in schedule.meetings:
        r = requests.get(m.request)
        if r is None:
            out.append(
                Violation(
                    _("meeting of unknown request %(request)s") % {"request": repr(m.request)},
                    m.request,
                )
            )
            continue
        seen_request[r.id] += 1
        if seen_request[r.id] == 2:
            out.append(
                Violation(_("request %(request)s is met more than once") % {"request": r.id}, r.id)
            )
        slot = slots.get(m.slot)
        if slot is None:
            out.append(
                Violation(
                    _("request %(request)s is placed in unknown slot %(slot)s")
                    % {"request": r.id, "slot": repr(m.slot)},
                    r.id,
                )
            )
            continue
        placed[r.id] = (m.slot, m.table, m.interpreter)
        a, b = people.get(r.a), people.get(r.b)
        if a is None or b is None:
            out.append(
                Violation(
                    _("request %(request)s names an unknown participant") % {"request": r.id}, r.id
                )
            )
            continue
        for p in (a, b):
            if not _available(p.available, m.slot):
                out.append(
                    Violation(
                        _("%(participant)s is not available in slot %(slot)s (%(request)s)")
                        % {"participant": p.id, "slot": m.slot, "request": r.id},
                        r.id,
                    )
                )
            busy_person[(p.id, m.slot)].append(r.id)
            count[p.id] += 1
        if r.sessions is not None and slot.session not in r.sessions:
            out.append(
                Violation(
                    _("request %(request)s is in session %(session)s, outside its sessions")
                    % {"request": r.id, "session": slot.session},
                    r.id,
                )
            )
        stand = stand_of(r, a, b)
        if r.online:
            if m.table is not None or m.stand is not None:
                out.append(
                    Violation(
                        _("request %(request)s is online and takes no table or stand")
                        % {"request": r.id},
                        r.id,
                    )
                )
        elif stand is not None:
            if m.table is not None:
                out.append(
                    Violation(
                        _("request %(request)s takes table %(table)s but meets at stand %(stand)s")
                        % {"request": r.id, "table": m.table, "stand": stand}
                    )
                )
            if m.stand != stand:
                out.append(
                    Violation(
                        _("request %(request)s must meet at stand %(stand)s, not %(given)s")
                        % {"request": r.id, "stand": stand, "given": repr(m.stand)},
                        r.id,
                    )
                )
        else:
            if m.stand is not None:
                out.append(
                    Violation(
                        _("request %(request)s is at stand %(stand)s nobody has")
                        % {"request": r.id, "stand": repr(m.stand)},
                        r.id,
                    )
                )
            if m.table is None:
                out.append(
                    Violation(
                        _("request %(request)s in slot %(slot)s has no table")
                        % {"request": r.id, "slot": m.slot},
                        r.id,
                    )
                )
            elif m.table not in tables:
                out.append(
                    Violation(
                        _("request %(request)s uses unknown table %(table)s")
                        % {"request": r.id, "table": repr(m.table)},
                        r.id,
                    )
                )
            else:
                if not _available(tables[m.table].available, m.slot):
                    out.append(
                        Violation(
                            _("table %(table)s is not available in slot %(slot)s")
                            % {"table": m.table, "slot": m.slot},
                            r.id,
                        )
                    )
                busy_table[(m.table, m.slot)].append(r.id)
        if _interpreter_needed(a, b):
            if m.interpreter is None:
                out.append(
                    Violation(
                        _(
                            "request %(request)s (%(a)s, %(b)s) shares no language "
                            "but has no interpreter"
                        )
                        % {"request": r.id, "a": a.id, "b": b.id},
                        r.id,
                    )
                )
            elif m.interpreter not in interpreters:
                out.append(
                    Violation(
                        _("request %(request)s uses unknown interpreter %(interpreter)s")
                        % {"request": r.id, "interpreter": repr(m.interpreter)},
                        r.id,
                    )
                )
            else:
                it = interpreters[m.interpreter]
                langs = frozenset(it.languages)
                if langs.isdisjoint(_speaks(a)) or langs.isdisjoint(_speaks(b)):
                    out.append(
                        Violation(
                            _(
                                "interpreter %(interpreter)s cannot interpret between %(a)s and %(b)s"
                            )
                            % {"interpreter": it.id, "a": a.id, "b": b.id},
                            r.id,
                        )
                    )
                if not _available(it.available, m.slot):
                    out.append(
                        Violation(
                            _("interpreter %(interpreter)s is not available in slot %(slot)s")
                            % {"interpreter": it.id, "slot": m.slot},
                            r.id,
                        )
                    )
                busy_interp[(it.id, m.slot)].append(r.id)
        elif m.interpreter is not None:
            out.append(
                Violation(
                    _("request %(request)s needs no interpreter but has %(interpreter)s")
                    % {"request": r.id, "interpreter": m.interpreter},
                    r.id,
                )
            )

    for what, busy in (
        ("participant", busy_person),
        ("table", busy_table),
        ("interpreter", busy_interp),
    ):
        for (who, slot_id), rids in busy.items():
            if len(rids) > 1:
                values = {
                    "who": who,
                    "count": len(rids),
                    "slot": slot_id,
                    "requests": ", ".join(rids),
                }
                out.append(Violation(_double_booked(what, len(rids)) % values))
    for pid, n in count.items():
        p = people[pid]
        if p.max_meetings is not None and n > p.max_meetings:
            out.append(
                Violation(
                    ngettext(
                        "%(participant)s has %(count)s meeting, more than the maximum %(maximum)s",
                        "%(participant)s has %(count)s meetings, more than the maximum %(maximum)s",
                        n,
                    )
                    % {"participant": pid, "count": n, "maximum": p.max_meetings}
                )
            )
    for lk in problem.locks:
        got = placed.get(lk.request)
        if got is None:
            out.append(
                Violation(
                    _("locked request %(request)s is not scheduled") % {"request": lk.request},
                    lk.request,
                )
            )
            continue
        slot_id, table, interp = got
        if slot_id != lk.slot:
            out.append(
                Violation(
                    _("locked request %(request)s is in slot %(slot)s, not %(locked)s")
                    % {"request": lk.request, "slot": slot_id, "locked": lk.slot},
                    lk.request,
                )
            )
        if lk.table is not None and table != lk.table:
            out.append(
                Violation(
                    _("locked request %(request)s is at table %(table)s, not %(locked)s")
                    % {"request": lk.request, "table": table, "locked": lk.table},
                    lk.request,
                )
            )
        if lk.interpreter is not None and interp != lk.interpreter:
            out.append(
                Violation(
                    _("locked request %(request)s has interpreter %(interpreter)s, not %(locked)s")
                    % {"request": lk.request, "interpreter": interp, "locked": lk.interpreter},
                    lk.request,
                )
            )
    out += _broken_precedences(problem, placed)
    return out


def _broken_precedences(problem: Problem, placed: dict) -> list[Violation]:
    """A precedence binds when both its requests are met: ``before`` strictly earlier."""
    out: list[Violation] = []
    order = {s.id: k for k, s in enumerate(problem.slots)}
    for pr in problem.precedences:
        a, b = placed.get(pr.before), placed.get(pr.after)
        if a is None or b is None or a[0] not in order or b[0] not in order:
            continue
        if order[a[0]] >= order[b[0]]:
            out.append(
                Violation(
                    _(
                        "request %(before)s must be met before request %(after)s, but is "
                        "in slot %(slot)s and %(after)s in slot %(other)s"
                    )
                    % {"before": pr.before, "after": pr.after, "slot": a[0], "other": b[0]},
                    pr.after,
                )
            )
    return out


def _double_booked(what: str, n: int) -> str:
    """ "<who> is in <n> meetings in slot <slot>: <requests>", for a participant, table or
    interpreter."""
    if what == "participant":
        return ngettext(
            "participant %(who)s is in %(count)s meeting in slot %(slot)s: %(requests)s",
            "participant %(who)s is in %(count)s meetings in slot %(slot)s: %(requests)s",
            n,
        )
    if what == "table":
        return ngettext(
            "table %(who)s is in %(count)s meeting in slot %(slot)s: %(requests)s",
            "table %(who)s is in %(count)s meetings in slot %(slot)s: %(requests)s",
            n,
        )
    return ngettext(
        "interpreter %(who)s is in %(count)s meeting in slot %(slot)s: %(requests)s",
        "interpreter %(who)s is in %(count)s meetings in slot %(slot)s: %(requests)s",
        n,
    )


def unmet_required(problem: Problem, schedule: Schedule) -> list[str]:
    met = {m.request for m in schedule.meetings}
    return [r.id for r in problem.requests if r.required and r.id not in met]


# --------------------------------------------------------------------------- input checks


def _dupes(kind: str, ids: list[str]) -> list[ProblemError]:
    message = {
        "slots": _("duplicate slot id %(id)s"),
        "participants": _("duplicate participant id %(id)s"),
        "requests": _("duplicate request id %(id)s"),
        "tables": _("duplicate table id %(id)s"),
        "interpreters": _("duplicate interpreter id %(id)s"),
    }[kind]
    return [
        ProblemError(f"{kind}/{i}", message % {"id": repr(i)}, kind, i, "id")
        for i, n in Counter(ids).items()
        if n > 1
    ]


class _Hosting:
    """Precomputed slot sets to explain cheaply why a request cannot be hosted."""

    def __init__(self, problem: Problem) -> None:
        self.order = [s.id for s in problem.slots]
        self.all = set(self.order)
        self.session = {s.id: s.session for s in problem.slots}
        self.table_slots: set[str] = set()
        for t in problem.tables:
            self.table_slots |= self.all if t.available is None else set(t.available)
        self.interpreters = [
            (frozenset(i.languages), self.all if i.available is None else set(i.available))
            for i in problem.interpreters
        ]

    def slots(self, available: frozenset[str] | None) -> set[str]:
        return self.all if available is None else self.all & available

    def why(self, r: Request, a: Participant, b: Participant) -> str | None:
        common = self.slots(a.available) & self.slots(b.available)
        if not common:
            return _("%(a)s and %(b)s have no available slot in common") % {"a": a.id, "b": b.id}
        if r.sessions is not None:
            common = {s for s in common if self.session[s] in r.sessions}
            if not common:
                return _("%(a)s and %(b)s are never both available in sessions %(sessions)s") % {
                    "a": a.id,
                    "b": b.id,
                    "sessions": sorted(r.sessions),
                }
        if needs_table(r, a, b):
            common &= self.table_slots
            if not common:
                return _("no table is free when %(a)s and %(b)s are both available") % {
                    "a": a.id,
                    "b": b.id,
                }
        if _interpreter_needed(a, b):
            la, lb = _speaks(a), _speaks(b)
            capable = [av for langs, av in self.interpreters if langs & la and langs & lb]
            if not capable:
                return _(
                    "%(a)s (%(a_languages)s) and %(b)s (%(b_languages)s) share no language "
                    "and no interpreter speaks a language of each"
                ) % {
                    "a": a.id,
                    "a_languages": ", ".join(sorted(la)),
                    "b": b.id,
                    "b_languages": ", ".join(sorted(lb)),
                }
            if not any(common & av for av in capable):
                return _(
                    "no interpreter able to cover %(a)s and %(b)s is available when both are"
                ) % {"a": a.id, "b": b.id}
        return None


def check_problem(problem: Problem) -> list[ProblemError]:
    """Everything wrong with the input, before solving."""
    if problem.groups or any(p.organisation is not None for p in problem.participants):
        from rabta.scheduling.validate_formats import check_formats

        return check_formats(problem)
    errs: list[ProblemError] = []
    errs += _dupes("slots", [s.id for s in problem.slots])
    errs += _dupes("participants", [p.id for p in problem.participants])
    errs += _dupes("requests", [r.id for r in problem.requests])
    errs += _dupes("tables", [t.id for t in problem.tables])
    errs += _dupes("interpreters", [i.id for i in problem.interpreters])

    slot_ids = {s.id for s in problem.slots}
    sessions = {s.session for s in problem.slots}
    closed: set[str] = set()
    prev: str | None = None
    for s in problem.slots:
        if s.session != prev:
            if s.session in closed:
                errs.append(
                    ProblemError(
                        f"slots/{s.id}/session",
                        _("slot %(slot)s: the slots of session %(session)s are not consecutive")
                        % {"slot": s.id, "session": s.session},
                        "slots",
                        s.id,
                        "session",
                    )
                )
            if prev is not None:
                closed.add(prev)
            prev = s.session
        if s.start is not None and s.end is not None and s.end <= s.start:
            errs.append(
                ProblemError(
                    f"slots/{s.id}/end",
                    _("slot %(slot)s ends before it starts") % {"slot": s.id},
                    "slots",
                    s.id,
                    "end",
                )
            )
    timed = [s for s in problem.slots if s.start is not None and s.end is not None]
    for x, y in zip(timed, timed[1:], strict=False):
        if y.start < x.end:  # type: ignore[operator]
            errs.append(
                ProblemError(
                    f"slots/{y.id}/start",
                    _("slot %(slot)s overlaps slot %(other)s or is out of time order")
                    % {"slot": y.id, "other": x.id},
                    "slots",
                    y.id,
                    "start",
                )
            )

    def check_available(kind: str, oid: str, available: frozenset[str] | None) -> None:
        if available is None:
            return
        message = {
            "participants": _("participant %(id)s is available in unknown slot %(slot)s"),
            "tables": _("table %(id)s is available in unknown slot %(slot)s"),
            "interpreters": _("interpreter %(id)s is available in unknown slot %(slot)s"),
        }[kind]
        for sid in sorted(available - slot_ids):
            errs.append(
                ProblemError(
                    f"{kind}/{oid}/available",
                    message % {"id": oid, "slot": repr(sid)},
                    kind,
                    oid,
                    "available",
                )
            )

    for p in problem.participants:
        check_available("participants", p.id, p.available)
        if p.max_meetings is not None and p.max_meetings < 0:
            errs.append(
                ProblemError(
                    f"participants/{p.id}/max_meetings",
                    _("participant %(participant)s has a negative maximum of meetings")
                    % {"participant": p.id},
                    "participants",
                    p.id,
                    "max_meetings",
                )
            )
    for t in problem.tables:
        check_available("tables", t.id, t.available)
    for i in problem.interpreters:
        check_available("interpreters", i.id, i.available)
        if len(i.languages) < 2:
            errs.append(
                ProblemError(
                    f"interpreters/{i.id}/languages",
                    _(
                        "interpreter %(interpreter)s speaks fewer than two languages "
                        "and can cover no meeting"
                    )
                    % {"interpreter": i.id},
                    "interpreters",
                    i.id,
                    "languages",
                    "warning",
                )
            )

    people = {p.id: p for p in problem.participants}
    hosting = _Hosting(problem)
    pairs: dict[frozenset[str], str] = {}
    required_count: Counter[str] = Counter()
    for r in problem.requests:

        def err(field: str, msg: str, r: Request = r) -> None:
            errs.append(ProblemError(f"requests/{r.id}/{field}", msg, "requests", r.id, field))

        bad = False
        for side, pid in (("a", r.a), ("b", r.b)):
            if pid not in people:
                err(
                    side,
                    _("request %(request)s names unknown participant %(participant)s")
                    % {"request": r.id, "participant": repr(pid)},
                )
                bad = True
        if r.a == r.b:
            err(
                "b",
                _("request %(request)s asks %(participant)s to meet themselves")
                % {"request": r.id, "participant": r.a},
            )
            bad = True
        _check_weight_sessions_and_pair(r, sessions, pairs, bad, err)
        if bad:
            continue
        why = hosting.why(r, people[r.a], people[r.b])
        if why is not None:
            errs.append(
                ProblemError(
                    f"requests/{r.id}/b",
                    _("request %(request)s can never be met: %(reason)s")
                    % {"request": r.id, "reason": why},
                    "requests",
                    r.id,
                    "b",
                    "infeasible" if r.required else "warning",
                )
            )
        if r.required:
            required_count[r.a] += 1
            required_count[r.b] += 1

    for pid, n in required_count.items():
        p = people[pid]
        free = len(problem.slots) if p.available is None else len(p.available & slot_ids)
        cap = free if p.max_meetings is None else min(free, p.max_meetings)
        if n > cap:
            values = {"participant": pid, "count": n, "room": cap, "slots": len(problem.slots)}
            errs.append(
                ProblemError(
                    f"participants/{pid}/max_meetings",
                    ngettext(
                        "participant %(participant)s has %(count)s required meeting "
                        "but room for only %(room)s (available in %(room)s of %(slots)s slots)",
                        "participant %(participant)s has %(count)s required meetings "
                        "but room for only %(room)s (available in %(room)s of %(slots)s slots)",
                        n,
                    )
                    % values
                    if cap == free
                    else ngettext(
                        "participant %(participant)s has %(count)s required meeting "
                        "but room for only %(room)s (meeting limit %(room)s)",
                        "participant %(participant)s has %(count)s required meetings "
                        "but room for only %(room)s (meeting limit %(room)s)",
                        n,
                    )
                    % values,
                    "participants",
                    pid,
                    "max_meetings",
                    "infeasible",
                )
            )

    errs += _check_locks(problem)
    errs += _check_precedences(problem)
    return errs


def _check_weight_sessions_and_pair(
    r: Request,
    sessions: set[str],
    pairs: dict[frozenset[str], str],
    bad: bool,
    err: Callable[[str, str], None],
) -> None:
    """The checks of a request that a person-level and an organisation-level problem share: a
    positive weight, known sessions, and a pair no earlier request names (``pairs``: the first
    request of each pair, kept up to date; ``bad``: its sides are already refused)."""
    if r.weight <= 0:
        err(
            "weight",
            _("request %(request)s has weight %(weight)s; it must be positive")
            % {"request": r.id, "weight": r.weight},
        )
    if r.sessions is not None:
        for sess in sorted(r.sessions - sessions):
            err(
                "sessions",
                _("request %(request)s names unknown session %(session)s")
                % {"request": r.id, "session": repr(sess)},
            )
    pair = frozenset((r.a, r.b))
    if pair in pairs and not bad:
        err(
            "b",
            _("request %(request)s repeats the pair %(a)s–%(b)s of request %(other)s")
            % {"request": r.id, "a": r.a, "b": r.b, "other": pairs[pair]},
        )
    pairs.setdefault(pair, r.id)


def _check_precedences(problem: Problem) -> list[ProblemError]:
    """Unknown or self-referring precedences (errors); a cycle, locks in the wrong
    order, or a chain of required meetings longer than the slots between its ends
    allow (infeasible when the requests involved are required, else a warning)."""
    errs: list[ProblemError] = []
    requests = {r.id: r for r in problem.requests}
    edges: dict[str, set[str]] = defaultdict(set)
    for k, pr in enumerate(problem.precedences):
        where = f"precedences/{k + 1}"
        bad = False
        for field, rid in (("before", pr.before), ("after", pr.after)):
            if rid not in requests:
                errs.append(
                    ProblemError(
                        f"{where}/{field}",
                        _("precedence names unknown request %(request)s") % {"request": repr(rid)},
                        "precedences",
                        str(k + 1),
                        field,
                    )
                )
                bad = True
        if not bad and pr.before == pr.after:
            errs.append(
                ProblemError(
                    f"{where}/after",
                    _("request %(request)s cannot come before itself") % {"request": pr.before},
                    "precedences",
                    str(k + 1),
                    "after",
                )
            )
            bad = True
        if not bad:
            edges[pr.before].add(pr.after)
    if errs:
        return errs
    errs += _locks_out_of_order(problem)
    errs += _precedence_cycles(requests, edges)
    if not errs:
        errs += _precedence_windows(problem, requests, edges)
    return errs


def _locks_out_of_order(problem: Problem) -> list[ProblemError]:
    """Two locked requests whose slots break a precedence between them: the
    locks conflict (an input error, like two locks of one participant in a slot)."""
    order = {s.id: k for k, s in enumerate(problem.slots)}
    locked = {lk.request: lk.slot for lk in problem.locks if lk.slot in order}
    errs = []
    for pr in problem.precedences:
        a, b = locked.get(pr.before), locked.get(pr.after)
        if a is not None and b is not None and order[a] >= order[b]:
            errs.append(
                ProblemError(
                    f"locks/{pr.after}/slot",
                    _(
                        "locks conflict: %(before)s is locked in slot %(slot)s, but must "
                        "come before %(after)s, locked in slot %(other)s"
                    )
                    % {"before": pr.before, "after": pr.after, "slot": a, "other": b},
                    "locks",
                    pr.after,
                    "slot",
                )
            )
    return errs


def _precedence_cycles(requests: dict[str, Request], edges) -> list[ProblemError]:
    """One error per cycle of precedences found (depth-first search)."""
    errs: list[ProblemError] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    for root in sorted(edges):
        if root in state:
            continue
        path: list[str] = []
        stack = [(root, iter(sorted(edges.get(root, ()))))]
        state[root] = 1
        path.append(root)
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                path.pop()
                stack.pop()
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                required = all(requests[r].required for r in cycle)
                errs.append(
                    ProblemError(
                        "precedences",
                        _("precedences form a cycle: %(cycle)s — these meetings cannot all be met")
                        % {"cycle": " → ".join(cycle)},
                        "precedences",
                        nxt,
                        "before",
                        "infeasible" if required else "warning",
                    )
                )
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(sorted(edges.get(nxt, ())))))
    return errs


def _precedence_windows(problem: Problem, requests: dict[str, Request], edges) -> list:
    """Earliest and latest slot of each required request along the precedences
    between required ones (its own possible slots: both sides available, its
    sessions, its lock); a request left with no slot is infeasible, and the
    message names the chain that squeezes it."""
    order = {s.id: k for k, s in enumerate(problem.slots)}
    session = [s.session for s in problem.slots]
    people = {p.id: p for p in problem.participants}
    locks = {lk.request: lk.slot for lk in problem.locks if lk.slot in order}
    n = len(problem.slots)
    options: dict[str, list[int]] = {}
    for rid, r in requests.items():
        if not r.required or r.a not in people or r.b not in people:
            continue
        a, b = people[r.a], people[r.b]
        options[rid] = [
            k
            for k, s in enumerate(problem.slots)
            if _available(a.available, s.id)
            and _available(b.available, s.id)
            and (r.sessions is None or session[k] in r.sessions)
            and (rid not in locks or locks[rid] == s.id)
        ]
    succ = {u: [v for v in vs if v in options] for u, vs in edges.items() if u in options}
    pred: dict[str, list[str]] = defaultdict(list)
    for u, vs in succ.items():
        for v in vs:
            pred[v].append(u)
    # topological order (no cycles here)
    indeg = {r: len(pred[r]) for r in options}
    todo = [r for r in options if not indeg[r]]
    topo: list[str] = []
    while todo:
        u = todo.pop()
        topo.append(u)
        for v in succ.get(u, ()):
            indeg[v] -= 1
            if not indeg[v]:
                todo.append(v)
    earliest: dict[str, int] = {}
    raw_low: dict[str, int] = {}  # the bounds the chains set, before the request's own slots
    raw_high: dict[str, int] = {}
    why_early: dict[str, str | None] = {}
    for r in topo:
        low, why = 0, None
        for q in pred[r]:
            if earliest[q] + 1 > low:
                low, why = earliest[q] + 1, q
        earliest[r] = next((k for k in options[r] if k >= low), n)
        raw_low[r] = low
        why_early[r] = why
    latest: dict[str, int] = {}
    why_late: dict[str, str | None] = {}
    for r in reversed(topo):
        high, why = n - 1, None
        for q in succ.get(r, ()):
            if latest[q] - 1 < high:
                high, why = latest[q] - 1, q
        latest[r] = next((k for k in reversed(options[r]) if k <= high), -1)
        raw_high[r] = high
        why_late[r] = why

    def slot_name(k: int) -> str:
        return problem.slots[k].id if 0 <= k < n else "—"

    errs: list[ProblemError] = []
    for r in topo:
        if earliest[r] <= latest[r] or not options[r]:
            continue  # (a request with no slot at all is reported as "can never be met")
        chain_before = _chain(why_early, r)
        chain_after = _chain(why_late, r)
        errs.append(
            ProblemError(
                f"requests/{r}/b",
                _(
                    "precedences leave required request %(request)s no slot: after "
                    "%(before)s its earliest slot is %(earliest)s, before %(after)s its "
                    "latest is %(latest)s"
                )
                % {
                    "request": r,
                    "before": " → ".join(chain_before) or "—",
                    "after": " ← ".join(chain_after) or "—",
                    "earliest": slot_name(earliest[r] if earliest[r] < n else raw_low[r]),
                    "latest": slot_name(latest[r] if latest[r] >= 0 else raw_high[r]),
                },
                "requests",
                r,
                "b",
                "infeasible",
            )
        )
    return errs


def _chain(why: dict[str, str | None], r: str) -> list[str]:
    """The requests that set ``r``'s bound, nearest first (the chain that squeezes it)."""
    out: list[str] = []
    q = why.get(r)
    while q is not None and q not in out and len(out) < 20:
        out.append(q)
        q = why.get(q)
    return out


def _check_locks(problem: Problem) -> list[ProblemError]:
    from rabta.scheduling.model import Meeting  # local: keeps the top imports short

    errs: list[ProblemError] = []
    requests = {r.id: r for r in problem.requests}
    slot_ids = {s.id for s in problem.slots}
    tables = {t.id for t in problem.tables}
    interpreters = {i.id for i in problem.interpreters}
    people = {p.id: p for p in problem.participants}
    seen: set[str] = set()
    for lk in problem.locks:

        def err(field: str, msg: str, lk=lk) -> None:
            errs.append(
                ProblemError(f"locks/{lk.request}/{field}", msg, "locks", lk.request, field)
            )

        if lk.request not in requests:
            err(
                "request",
                _("lock names unknown request %(request)s") % {"request": repr(lk.request)},
            )
            continue
        if lk.request in seen:
            err("request", _("request %(request)s is locked twice") % {"request": lk.request})
            continue
        seen.add(lk.request)
        if lk.slot not in slot_ids:
            err(
                "slot",
                _("lock of %(request)s names unknown slot %(slot)s")
                % {"request": lk.request, "slot": repr(lk.slot)},
            )
            continue
        if lk.table is not None and lk.table not in tables:
            err(
                "table",
                _("lock of %(request)s names unknown table %(table)s")
                % {"request": lk.request, "table": repr(lk.table)},
            )
            continue
        if lk.interpreter is not None and lk.interpreter not in interpreters:
            err(
                "interpreter",
                _("lock of %(request)s names unknown interpreter %(interpreter)s")
                % {"request": lk.request, "interpreter": repr(lk.interpreter)},
            )
            continue
        r = requests[lk.request]
        a, b = people.get(r.a), people.get(r.b)
        if a is None or b is None:
            continue
        stand = stand_of(r, a, b)
        table = lk.table
        if needs_table(r, a, b) and table is None:
            # the solver picks the table; check with any table free in that slot
            free = [t for t in problem.tables if _available(t.available, lk.slot)]
            table = free[0].id if free else "(none)"
        interp = lk.interpreter
        if interp is None and _interpreter_needed(a, b):
            capable = [
                i
                for i in problem.interpreters
                if _available(i.available, lk.slot)
                and not frozenset(i.languages).isdisjoint(_speaks(a))
                and not frozenset(i.languages).isdisjoint(_speaks(b))
            ]
            interp = capable[0].id if capable else "(none)"
        m = Meeting(lk.request, lk.slot, table, stand, interp)
        for v in validate(
            Problem(
                problem.slots,
                problem.participants,
                problem.requests,
                problem.tables,
                problem.interpreters,
            ),
            Schedule((m,)),
        ):
            err(
                "slot",
                _("lock of %(request)s breaks a constraint: %(reason)s")
                % {"request": lk.request, "reason": v.message},
            )
    # conflicts between locks: someone (or a named table/interpreter) twice in a slot
    use: Counter[tuple[str, str, str]] = Counter()
    for lk in problem.locks:
        r = requests.get(lk.request)
        if r is None:
            continue
        for p in {r.a, r.b}:
            use[("participant", p, lk.slot)] += 1
        if lk.table is not None:
            use[("table", lk.table, lk.slot)] += 1
        if lk.interpreter is not None:
            use[("interpreter", lk.interpreter, lk.slot)] += 1
    for (what, who, slot), n in use.items():
        if n > 1:
            errs.append(
                ProblemError(
                    "locks",
                    _locked_twice(what, n) % {"who": who, "count": n, "slot": slot},
                    "locks",
                )
            )
    return errs


def _locked_twice(what: str, n: int) -> str:
    """ "locks conflict: <who> is locked <n> times in slot <slot>", for a participant, table or
    interpreter."""
    if what == "participant":
        return ngettext(
            "locks conflict: participant %(who)s is locked %(count)s time in slot %(slot)s",
            "locks conflict: participant %(who)s is locked %(count)s times in slot %(slot)s",
            n,
        )
    if what == "table":
        return ngettext(
            "locks conflict: table %(who)s is locked %(count)s time in slot %(slot)s",
            "locks conflict: table %(who)s is locked %(count)s times in slot %(slot)s",
            n,
        )
    return ngettext(
        "locks conflict: interpreter %(who)s is locked %(count)s time in slot %(slot)s",
        "locks conflict: interpreter %(who)s is locked %(count)s times in slot %(slot)s",
        n,
    )
