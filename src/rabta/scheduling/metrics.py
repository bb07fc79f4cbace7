"""Quality measures of a schedule: idle gaps and fairness shares.

Computed straight from the :class:`Problem` and the :class:`Schedule` (ids, not
indices), so they can check any solver's answer.
"""

from __future__ import annotations

from rabta.scheduling.model import Problem, Schedule


def gaps_in_positions(positions: list[int]) -> int:
    """Number of maximal runs of free positions between the first and last
    busy position (``positions`` sorted, within one session)."""
    return sum(1 for x, y in zip(positions, positions[1:], strict=False) if y - x > 1)


def compiled_gaps(c, slots: dict[int, int]) -> int:
    """Idle gaps of an index-level assignment ``{request: slot}`` of a
    :class:`~rabta.scheduling.compiled.Compiled` problem (what the solvers
    minimise; the same count as :func:`count_idle_gaps` of its schedule)."""
    pos: dict[tuple[int, int], list[int]] = {}
    for r, s in slots.items():
        req = c.requests[r]
        k = c.slot_session[s]
        i = c.sessions[k].index(s)
        for p in {req.pa, req.pb}:
            pos.setdefault((p, k), []).append(i)
    return sum(gaps_in_positions(sorted(v)) for v in pos.values())


def participant_gaps(problem: Problem, schedule: Schedule) -> dict[str, int]:
    """Idle gaps of every participant (0 for those without meetings).

    Per participant and session, a maximal run of free slots between two of
    their meetings in that session is one gap; time before the first or after
    the last meeting of a session, and between sessions, is not a gap.
    """
    slot_pos: dict[str, tuple[str, int]] = {}
    counter: dict[str, int] = {}
    for s in problem.slots:
        k = counter.get(s.session, 0)
        slot_pos[s.id] = (s.session, k)
        counter[s.session] = k + 1
    req = {r.id: r for r in problem.requests}
    busy: dict[tuple[str, str], list[int]] = {}
    for m in schedule.meetings:
        r = req.get(m.request)
        if r is None or m.slot not in slot_pos:
            continue
        session, pos = slot_pos[m.slot]
        for p in (r.a, r.b):
            busy.setdefault((p, session), []).append(pos)
    out = {p.id: 0 for p in problem.participants}
    for (p, _session), positions in busy.items():
        out[p] = out.get(p, 0) + gaps_in_positions(sorted(set(positions)))
    return out


def count_idle_gaps(problem: Problem, schedule: Schedule) -> int:
    """Total idle gaps over all participants (objective 2)."""
    return sum(participant_gaps(problem, schedule).values())


def participant_shares(problem: Problem, schedule: Schedule) -> dict[str, float]:
    """Share of each participant's requests that are met, for participants
    with at least one request."""
    wanted: dict[str, int] = {}
    met: dict[str, int] = {}
    scheduled = {m.request for m in schedule.meetings}
    for r in problem.requests:
        for p in {r.a, r.b}:
            wanted[p] = wanted.get(p, 0) + 1
            if r.id in scheduled:
                met[p] = met.get(p, 0) + 1
    return {p: met.get(p, 0) / n for p, n in wanted.items()}


def worst_served(problem: Problem, schedule: Schedule) -> tuple[str | None, float]:
    """The participant with the lowest share (ties: first in problem order)
    and that share; ``(None, 1.0)`` when nobody has requests."""
    shares = participant_shares(problem, schedule)
    best: tuple[str | None, float] = (None, 1.0)
    for p in problem.participants:
        if p.id in shares and (best[0] is None or shares[p.id] < best[1]):
            best = (p.id, shares[p.id])
    return best


def scheduled_weight(problem: Problem, schedule: Schedule) -> int:
    weights = {r.id: r.weight for r in problem.requests}
    return sum(weights.get(m.request, 0) for m in {m.request: m for m in schedule.meetings})
