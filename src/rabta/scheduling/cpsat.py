"""The exact solver: OR-Tools CP-SAT on the general scheduling model.

See docs/scheduling-cpsat.md for the model in maths. In short:

* ``x[r, s]`` — request ``r`` is met in slot ``s``; created only for the slots in
  ``CRequest.feasible_slots`` (both sides, the session restriction and some
  table/interpreter allow it), so memory grows with the feasible pairs only.
* ``busy[p, s] = Σ_r∋p x[r, s]`` — one Boolean per participant and slot where they
  could meet (the sum's ≤ 1 is the "one meeting at a time" constraint).
* ``start[p, s] = busy[p, s] ∧ ¬busy[p, s-1]`` (``s-1`` the previous slot of the
  session) and ``gaps[p, S] = Σ_s∈S start[p, s] − has[p, S] ≥ 0`` where
  ``has[p, S] = max_s∈S busy[p, s]``: the idle gaps of ``p`` in session ``S``.
  Declaring ``gaps[p, S]`` as a non-negative integer per participant and
  session is what makes the objective bound useful (see the benchmark notes).
* table capacity per slot, interpreters as assigned resources ``y[r, i, s]``,
  max meetings, locks fixed, and the implied ``Σ_p busy[p, s] = 2 Σ_r x[r, s]``.

Objectives are solved lexicographically — weight, then gaps with the weight
fixed, then fairness (max-min share, scaled by :data:`SHARE_SCALE`) with both
fixed — each phase warm-started from the previous solution (or from ``hint``).
Concrete table ids are assigned per slot after solving (tables are
interchangeable within a slot).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rabta.scheduling import satgaps
from rabta.scheduling.compiled import (  # noqa: F401 (to_schedule: re-exported)
    Compiled,
    assign_tables,
    precedence_cliques,
    to_schedule,
)
from rabta.scheduling.metrics import compiled_gaps
from rabta.scheduling.model import Schedule

#: Fairness is the worst-served participant's share of met requests, as an
#: integer in 0..SHARE_SCALE.
SHARE_SCALE = 1000
#: Share of the time limit given to each phase; unused time carries over.
PHASE_SHARES = {"weight": 0.5, "gaps": 0.35, "fairness": 0.15}


@dataclass(frozen=True, slots=True)
class CpsatProgress:
    """Reported to ``progress`` at every improving solution of a phase."""

    phase: str  # "weight" | "gaps" | "fairness"
    objective: float
    bound: float
    seconds: float  # since solve_cpsat started


@dataclass(frozen=True, slots=True)
class CpsatOutcome:
    """What :func:`solve_cpsat` found.

    ``status``: "optimal" (every phase proven), "feasible", "infeasible" (the
    required meetings cannot all be placed), "cancelled" (``cancel`` was set;
    ``schedule`` is the best found so far, possibly ``None``) or "unknown" (no
    solution within the time limit). ``objectives``/``bounds`` map the phases
    solved ("weight", "gaps", "fairness" — fairness in 0..SHARE_SCALE) to the
    value found and the best proven bound (an upper bound for weight and
    fairness, a lower bound for gaps).
    """

    schedule: Schedule | None
    status: str
    objectives: dict[str, int] = field(default_factory=dict)
    bounds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    phase_status: dict[str, str] = field(default_factory=dict)


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, phase: str, t0: float, progress, cancel, value: int | None = None) -> None:
        super().__init__()
        self.value = value  # reported objective of a feasibility model
        self.phase = phase
        self.t0 = t0
        self.progress = progress
        self.cancel = cancel

    def on_solution_callback(self) -> None:
        if self.progress is not None:
            self.progress(
                CpsatProgress(
                    phase=self.phase,
                    objective=self.ObjectiveValue() if self.value is None else self.value,
                    bound=self.BestObjectiveBound() if self.value is None else self.value,
                    seconds=time.monotonic() - self.t0,
                )
            )
        if self.cancel is not None and self.cancel.is_set():
            self.StopSearch()


class ModelTooLarge(Exception):
    """The CP-SAT model would not fit: ``reason`` is "too many variables" (the
    memory budget, known before building) or "too large" (building it ran past
    its share of the time limit)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"CP-SAT model {reason}")
        self.reason = reason


#: Share of the time limit that building the CP-SAT model may take.
BUILD_SHARE = 0.4
#: Memory CP-SAT's search may use (``RABTA_CPSAT_MAX_MEMORY_MB``, default 4,096).
MAX_MEMORY_MB = int(os.environ.get("RABTA_CPSAT_MAX_MEMORY_MB", "4096"))
#: Largest model built (meeting and interpreter variables), ``RABTA_CPSAT_MAX_VARIABLES``.
#: Measured at about 1.5 kB of peak memory per variable (model, presolve and
#: two workers): the default keeps CP-SAT near 3 GB; the 20,000-request trade
#: fair (4.7 million variables) peaked at 7.8 GB and is left to the greedy.
MAX_VARIABLES = int(os.environ.get("RABTA_CPSAT_MAX_VARIABLES", "2000000"))


def model_variables(c: Compiled) -> int:
    """How many meeting and interpreter variables :class:`GeneralModel` creates (at most:
    a lock narrows them)."""
    n = sum(len(r.feasible_slots) for r in c.requests)
    for r in c.requests:
        if r.needs_interpreter:
            n += sum((r.feasible_mask & c.interpreters[i].mask).bit_count() for i in r.interpreters)
    return n


class GeneralModel:
    """The CP-SAT model of a compiled problem (variables kept for hints and read-out)."""

    IMPLIED_PAIRS = False
    IMPLIED_LE = True
    COUNT_CONST = True
    WINDOWS = False
    GAP_CLAUSES = False
    OBJECTIVE_ON_OPENS = True
    WINDOWS_PER_SESSION = 400
    WINDOWS_TOTAL = 300_000
    MUST = True

    def __init__(
        self, c: Compiled, *, deadline: float | None = None, max_variables: int | None = None
    ) -> None:
        if max_variables is not None and model_variables(c) > max_variables:
            raise ModelTooLarge("too many variables")
        self.c = c
        self.deadline = deadline
        self._ticks = 0
        m = self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.y: dict[tuple[int, int, int], cp_model.IntVar] = {}
        self.infeasible_reason: str | None = None
        locks = self.locks = c.locks_by_request()
        for r, req in enumerate(c.requests):
            self.tick(len(req.feasible_slots))
            lk = locks.get(r)
            slots = c.slot_options(r, lk)
            if lk is not None and not slots:
                self.infeasible_reason = f"lock of request {req.id} is in an impossible slot"
                m.AddBoolOr([])  # the model is infeasible
            lits = []
            for s in slots:
                v = m.NewBoolVar(f"x{r}_{s}")
                self.x[r, s] = v
                lits.append(v)
            if lk is not None and lits:
                m.Add(lits[0] == 1)
            elif req.required:
                m.AddExactlyOne(lits) if lits else m.AddBoolOr([])
            elif len(lits) > 1:
                m.AddAtMostOne(lits)
        self.n_options = [0] * len(c.requests)
        for r, _s in self.x:
            self.n_options[r] += 1
        self.by_slot: list[list[int]] = [[] for _ in range(c.n_slots)]
        for r, s in self.x:
            self.by_slot[s].append(r)
        self._tables()
        self._interpreters()
        self._participants()
        self._precedences()
        self.weight_expr = cp_model.LinearExpr.weighted_sum(
            list(self.x.values()), [c.requests[r].weight for r, _s in self.x]
        )
        self.total_weight = sum(req.weight for req in c.requests)
        self.gaps_expr = sum(self.gap_vars) if self.gap_vars else 0
        if self.GAP_CLAUSES and self.OBJECTIVE_ON_OPENS:
            # the same number (each gap opens exactly once at the optimum), but
            # as a sum of Booleans, which CP-SAT's core-based search handles well
            self.gaps_expr = sum(self.open_lits) if self.open_lits else 0

    def tick(self, work: int = 1) -> None:
        """Count model-building work; past the deadline, give up on the model
        (an event too large for the time limit: the caller keeps its schedule)."""
        self._ticks += work
        if self._ticks >= 20_000:
            self._ticks = 0
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise ModelTooLarge("too large")

    def _precedences(self) -> None:
        """``before`` in an earlier slot than ``after``: for every slot t, at most
        one of "after in a slot ≤ t" and "before in a slot ≥ t" (the cliques
        that cover every clashing pair of placements)."""
        m = self.model
        for a, b in self.c.precedences:
            for lits in precedence_cliques(self.x, a, b, self.c.n_slots):
                self.tick(len(lits))
                m.AddAtMostOne(lits)

    # ------------------------------------------------------------------ resources
    def _tables(self) -> None:
        c, m = self.c, self.model
        for s in range(c.n_slots):
            lits = [self.x[r, s] for r in self.by_slot[s] if c.requests[r].needs_table]
            cap = len(c.slot_tables[s])
            if len(lits) > cap:
                m.Add(sum(lits) <= cap)

    def _interpreters(self) -> None:
        c, m = self.c, self.model
        per_is: dict[tuple[int, int], list] = {}
        for (r, s), v in self.x.items():
            self.tick()
            req = c.requests[r]
            if not req.needs_interpreter:
                continue
            ys = []
            for i in c.interpreter_options(r, s, self.locks.get(r)):
                y = m.NewBoolVar(f"y{r}_{i}_{s}")
                self.y[r, i, s] = y
                per_is.setdefault((i, s), []).append(y)
                ys.append(y)
            m.Add(sum(ys) == v)
        for ys in per_is.values():
            if len(ys) > 1:
                m.AddAtMostOne(ys)

    # ------------------------------------------------------------------ participants
    def _participants(self) -> None:
        c, m = self.c, self.model
        self.busy: dict[tuple[int, int], cp_model.IntVar] = {}
        self.starts: dict[tuple[int, int], cp_model.IntVar] = {}
        self.has: dict[tuple[int, int], cp_model.IntVar | int] = {}
        self.gap_vars: list[cp_model.IntVar] = []
        self.gap_of: dict[tuple[int, int], cp_model.IntVar] = {}
        self.count_bounds: dict[tuple[int, int], tuple[int, int]] = {}
        self.windows: dict[tuple[int, int], tuple[list, list]] = {}
        self.window_budget = self.WINDOWS_TOTAL
        self.open_lits: list = []
        per_ps: dict[tuple[int, int], list] = {}
        for (r, s), v in self.x.items():
            self.tick()
            req = c.requests[r]
            per_ps.setdefault((req.pa, s), []).append(v)
            if req.pb != req.pa:
                per_ps.setdefault((req.pb, s), []).append(v)
        for p in range(len(c.participants)):
            for s in range(c.n_slots):
                lits = per_ps.get((p, s))
                if not lits:
                    continue
                b = m.NewBoolVar(f"busy{p}_{s}")
                m.Add(sum(lits) == b)
                self.busy[p, s] = b
        # implied: every meeting occupies exactly two participants, so at most
        # twice the tables' worth of participants are busy in a slot
        for s in range(c.n_slots):
            if not self.by_slot[s]:
                continue
            bs = [self.busy[p, s] for p in range(len(c.participants)) if (p, s) in self.busy]
            if self.IMPLIED_PAIRS:
                m.Add(sum(bs) == 2 * sum(self.x[r, s] for r in self.by_slot[s]))
            cap = 2 * len(c.slot_tables[s])
            tabled = all(c.requests[r].needs_table for r in self.by_slot[s])
            if self.IMPLIED_LE and tabled and len(bs) > cap:
                m.Add(sum(bs) <= cap)
        for p, part in enumerate(c.participants):
            self.tick(c.n_slots + len(part.requests) * len(c.sessions))
            mine = [self.busy[p, s] for s in range(c.n_slots) if (p, s) in self.busy]
            if len(mine) > part.max_meetings:
                m.Add(sum(mine) <= part.max_meetings)
            must = {  # sessions where a required meeting of p must take place
                c.slot_session[c.requests[r].feasible_slots[0]]
                for r in part.requests
                if c.requests[r].required
                and c.requests[r].feasible_slots
                and len({c.slot_session[s] for s in c.requests[r].feasible_slots}) == 1
            }
            for k, session in enumerate(c.sessions):
                self._session_count(p, k, session)
                self._session_gaps(p, k, session, self.MUST and k in must)

    def _session_count(self, p: int, k: int, session: tuple[int, ...]) -> None:
        """Implied: p is busy in as many slots of the session as it has meetings
        there. A required request confined to the session counts as a constant
        1, so in the literature instances this is a cardinality constraint on
        the busy literals — the constraint that lets the solver see that a
        break-free participant occupies a contiguous block of known length."""
        c, m = self.c, self.model
        busy = [self.busy[p, s] for s in session if (p, s) in self.busy]
        if not busy:
            return
        constant = 0
        terms = []
        optional: set[int] = set()
        for r in c.participants[p].requests:
            req = c.requests[r]
            here = [self.x[r, s] for s in session if (r, s) in self.x]
            if not here:
                continue
            if self.COUNT_CONST and req.required and len(here) == self.n_options[r]:
                constant += 1
            else:
                terms.extend(here)
                optional.add(r)
        m.Add(sum(busy) == constant + sum(terms))
        self.count_bounds[p, k] = (constant, constant + len(optional))

    def _session_gaps(self, p: int, k: int, session: tuple[int, ...], must: bool) -> None:
        m = self.model
        present = [s for s in session if (p, s) in self.busy]
        # a gap needs two meetings around a free slot: none if the possible
        # slots are fewer than two, or exactly two adjacent ones
        if len(present) < 2 or (
            len(present) == 2 and session.index(present[1]) - session.index(present[0]) == 1
        ):
            return
        starts = []
        prev = None
        for s in session:
            cur = self.busy.get((p, s))
            if cur is None:
                prev = None
                continue
            if prev is None:
                starts.append(cur)
            else:
                st = m.NewBoolVar(f"start{p}_{s}")
                m.AddImplication(st, cur)
                m.AddImplication(st, prev.Not())
                m.AddBoolOr([st, cur.Not(), prev])
                starts.append(st)
                self.starts[p, s] = st
            prev = cur
        blits = [self.busy[p, s] for s in present]
        if must:
            has: cp_model.IntVar | int = 1
            m.AddBoolOr(blits)
        else:
            has = m.NewBoolVar(f"has{p}_{k}")
            m.AddMaxEquality(has, blits)
        self.has[p, k] = has
        g = m.NewIntVar(0, (len(session) - 1) // 2, f"gaps{p}_{k}")
        m.Add(g == sum(starts) - has)
        self.gap_vars.append(g)
        self.gap_of[p, k] = g
        if self.GAP_CLAUSES:
            self._gap_clauses(p, session, g)
        if self.WINDOWS and self.window_budget > 0:
            self._windows(p, k, session, present, has, g)

    def _gap_clauses(self, p: int, session: tuple[int, ...], g) -> None:
        """Implied clause form of the gaps: ``later[s]`` ⇔ p meets in s or after
        (in the session), and a gap opens at s when p met in the previous slot,
        is idle in s and meets later: ``busy[s-1] ∧ ¬busy[s] ∧ later[s+1] →
        open[s]``, with Σ open ≤ gaps[p, S]. Once the gaps are capped (0 in the
        ladder's first step) this propagates by unit resolution: after a
        meeting and a free slot, p meets no more in the session."""
        m = self.model
        later: dict[int, object] = {}
        nxt = None
        for s in reversed(session):
            cur = self.busy.get((p, s))
            if cur is None and nxt is None:
                continue
            parts = [v for v in (cur, nxt) if v is not None]
            if len(parts) == 1:
                later[s] = parts[0]
            else:
                v = m.NewBoolVar(f"later{p}_{s}")
                m.AddBoolOr([v.Not(), *parts])
                for part in parts:
                    m.AddImplication(part, v)
                later[s] = v
            nxt = later[s]
        opens = []
        for i in range(1, len(session) - 1):
            prev = self.busy.get((p, session[i - 1]))
            after = later.get(session[i + 1])
            if prev is None or after is None:
                continue
            cur = self.busy.get((p, session[i]))
            o = m.NewBoolVar(f"open{p}_{session[i]}")
            clause = [prev.Not(), after.Not(), o]
            if cur is not None:
                clause.append(cur)
            m.AddBoolOr(clause)
            opens.append(o)
        if opens:
            m.Add(sum(opens) <= g)
            self.open_lits.extend(opens)

    def _windows(self, p: int, k: int, session, present, has, g) -> None:
        """Implied "block" encoding: when p has no gap in the session, its busy
        slots are one window [u, u+len) of a length its meeting count allows.
        One literal per possible window; ``Σ w = free`` where ``free`` ⇔ (has ∧
        gaps = 0), and busy[p, s] = Σ of the windows covering s when free. This
        makes "0 gaps" a choice among a handful of windows (middle slots of a
        long block are forced), instead of something search must discover."""
        m = self.model
        lo, hi = self.count_bounds.get((p, k), (0, len(present)))
        lo, hi = max(1, lo), min(hi, len(present))
        runs: list[list[int]] = []
        prev = None
        for i, s in enumerate(session):
            if (p, s) not in self.busy:
                prev = None
                continue
            if prev is None:
                runs.append([])
            runs[-1].append(s)
            prev = i
        windows = [
            run[i : i + n]
            for run in runs
            for i in range(len(run))
            for n in range(lo, min(hi, len(run) - i) + 1)
        ]
        if len(windows) > self.WINDOWS_PER_SESSION:
            return
        self.window_budget -= len(windows)
        gapped = m.NewBoolVar(f"gapped{p}_{k}")
        m.Add(g >= 1).OnlyEnforceIf(gapped)
        m.Add(g == 0).OnlyEnforceIf(gapped.Not())
        if isinstance(has, int):
            free = gapped.Not()
        else:
            free = m.NewBoolVar(f"free{p}_{k}")
            m.AddBoolAnd([has, gapped.Not()]).OnlyEnforceIf(free)
            m.AddBoolOr([has.Not(), gapped, free])
        ws = [m.NewBoolVar(f"w{p}_{k}_{j}") for j in range(len(windows))]
        m.Add(sum(ws) == 1).OnlyEnforceIf(free)
        m.Add(sum(ws) == 0).OnlyEnforceIf(free.Not())
        cover: dict[int, list] = {s: [] for s in present}
        for w, slots in zip(ws, windows, strict=True):
            for s in slots:
                cover[s].append(w)
        for s in present:
            m.Add(self.busy[p, s] == sum(cover[s])).OnlyEnforceIf(free)
        self.windows[p, k] = (ws, windows)

    # ------------------------------------------------------------------ fairness
    def add_fairness(self) -> cp_model.IntVar | None:
        c, m = self.c, self.model
        z = m.NewIntVar(0, SHARE_SCALE, "min_share")
        any_optional = False
        for part in c.participants:
            n = len(part.requests)
            if n == 0:
                continue
            if any(not c.requests[r].required for r in part.requests):
                any_optional = True
            met = [
                self.x[r, s]
                for r in part.requests
                for s in c.requests[r].feasible_slots
                if (r, s) in self.x
            ]
            m.Add(SHARE_SCALE * sum(met) >= n * z)
        return z if any_optional else None

    # ------------------------------------------------------------------ hints and read-out
    def hint_from(
        self, assignment: dict[int, int], hint_interp: dict[int, int] | None = None
    ) -> None:
        """Hint every variable from ``{request: slot}`` (ignored pairs are 0)."""
        m = self.model
        m.ClearHints()
        for (r, s), v in self.x.items():
            m.AddHint(v, assignment.get(r) == s)
        busy_val: dict[tuple[int, int], bool] = {}
        for r, s in ((r, s) for r, s in assignment.items() if (r, s) in self.x):
            req = self.c.requests[r]
            busy_val[req.pa, s] = True
            busy_val[req.pb, s] = True
        hinted = {id(v) for v in self.x.values()}
        for key, v in self.busy.items():  # a busy literal may be an x literal itself
            if id(v) not in hinted:
                m.AddHint(v, busy_val.get(key, False))
                hinted.add(id(v))
        for (p, s), st in self.starts.items():
            k = self.c.slot_session[s]
            session = self.c.sessions[k]
            i = session.index(s)
            m.AddHint(
                st, busy_val.get((p, s), False) and not busy_val.get((p, session[i - 1]), False)
            )
        for (p, k), has in self.has.items():
            on = any(busy_val.get((p, s), False) for s in self.c.sessions[k])
            if not isinstance(has, int):
                m.AddHint(has, on)
        for (p, k), g in self.gap_of.items():
            positions = [i for i, s in enumerate(self.c.sessions[k]) if busy_val.get((p, s), False)]
            m.AddHint(
                g, sum(1 for a, b in zip(positions, positions[1:], strict=False) if b - a > 1)
            )
        if hint_interp is not None:
            for (r, i, s), y in self.y.items():
                m.AddHint(y, assignment.get(r) == s and hint_interp.get(r) == i)

    def gaps_value(self, slots: dict[int, int]) -> int:
        """Idle gaps of ``{request: slot}`` as the model counts them."""
        return compiled_gaps(self.c, slots)

    def read(self, solver: cp_model.CpSolver) -> tuple[dict[int, int], dict[int, int]]:
        slots = {r: s for (r, s), v in self.x.items() if solver.BooleanValue(v)}
        interp = {r: i for (r, i, s), y in self.y.items() if solver.BooleanValue(y)}
        return slots, interp


def configure(
    solver: cp_model.CpSolver, *, time_limit: float, seed: int, workers: int, deterministic: bool
) -> None:
    p = solver.parameters
    p.random_seed = seed
    p.num_workers = max(1, workers)
    p.log_search_progress = False
    # CP-SAT stops (keeping its best solution) rather than grow past this
    p.max_memory_in_mb = MAX_MEMORY_MB
    if deterministic:
        # Same answer for the same seed on any machine: interleave the workers'
        # heuristics in one thread and stop on deterministic time, not wall time.
        p.interleave_search = True
        p.max_deterministic_time = max(0.1, time_limit)
    else:
        p.max_time_in_seconds = max(0.05, time_limit)


def solve_phase(
    model: cp_model.CpModel,
    phase: str,
    *,
    time_limit: float,
    seed: int,
    workers: int,
    deterministic: bool,
    t0: float,
    progress,
    cancel: threading.Event | None,
    value: int | None = None,
) -> tuple[cp_model.CpSolver, int]:
    solver = cp_model.CpSolver()
    configure(
        solver, time_limit=time_limit, seed=seed, workers=workers, deterministic=deterministic
    )
    done = threading.Event()
    watcher = None
    if cancel is not None:
        if cancel.is_set():
            return solver, cp_model.UNKNOWN

        def watch() -> None:
            while not done.is_set():
                if cancel.wait(0.05):
                    solver.StopSearch()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    try:
        status = solver.Solve(model, _Callback(phase, t0, progress, cancel, value))
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    return solver, status


#: Shares of the gaps phase: a quick "no gaps?" check (capped in seconds), a
#: first minimisation, then the ladder, then minimisation for the rest.
QUICK_LADDER_SHARE = 0.05
QUICK_LADDER_CAP = 1.5
FIRST_SHARE = 0.4
LADDER_SHARE = 0.2


@dataclass(slots=True)
class GapsResult:
    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    solution: tuple[dict[int, int], dict[int, int]] | None
    value: int | None
    lower: int


def _ladder_step(gm: GeneralModel, k: int, time_limit: float, **run):
    """Is there a schedule with at most ``k`` gaps? A pure feasibility problem:
    with the total capped, every per-participant gap counter is capped too and
    presolve turns the caps into strong propagation (0 is the common case)."""
    trial = gm.model.Clone()
    trial.ClearObjective()
    trial.Add(sum(trial.GetIntVarFromProtoIndex(g.Index()) for g in gm.gap_vars) <= k)
    return solve_phase(trial, "gaps", time_limit=time_limit, value=k, **run)


class _AnySet:
    """Set when any of ``events`` is set or ``closed()`` is true: lets one
    ``cancel`` argument stop CP-SAT for the user or for the SAT thread."""

    def __init__(self, *events, closed: Callable[[], bool] = lambda: False) -> None:
        self.events = [e for e in events if e is not None]
        self.closed = closed

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events) or self.closed()

    def wait(self, timeout: float) -> bool:
        time.sleep(timeout)
        return self.is_set()


#: Conflicts per second of budget for the SAT ladder in deterministic mode.
SAT_CONFLICTS_PER_SECOND = 20_000


def minimise_gaps_portfolio(
    gm: GeneralModel, budget: float, best, *, lower: int = 0, **run
) -> GapsResult:
    """Every request required: the SAT ladder "gaps ≤ k" for k = 0, 1, … (each
    "no" a proof, the first "yes" optimal; :mod:`rabta.scheduling.satgaps`)
    in a second thread, beside CP-SAT minimising the gaps (good schedules
    early, its own bound). Each tells the other what it knows; whichever
    closes the gap stops the other. In deterministic mode the ladder runs
    first on a conflict budget, then CP-SAT's own sequence on what is left."""
    t0 = time.monotonic()
    t_end = t0 + budget
    c = gm.c
    value = gm.gaps_value(best[0]) if best is not None else None
    if value == 0:
        return GapsResult("optimal", best, 0, 0)
    shared = satgaps.SatShared(upper=value, lower=lower)  # ``lower``: proven before
    hint = best[0] if best is not None else None
    cancel = run.get("cancel")
    if run.get("deterministic"):
        conflicts = max(1000, round(SAT_CONFLICTS_PER_SECOND * budget * 0.5))
        satgaps.sat_ladder(c, shared, deadline=t_end, stop=cancel, hint=hint, conflicts=conflicts)
        if shared.solution is not None:
            _report_sat_solution(shared, run)
        return _merge_sat(gm, shared, best, budget=t_end - time.monotonic(), **run)
    sat_stop = threading.Event()
    thread = threading.Thread(
        target=satgaps.sat_ladder,
        args=(c, shared),
        kwargs=dict(deadline=t_end, stop=_AnySet(cancel, sat_stop), hint=hint),
        daemon=True,
    )
    thread.start()

    def closed() -> bool:
        with shared.lock:
            return shared.closed

    progress = run.get("progress")

    def relay(ev: CpsatProgress) -> None:  # CP-SAT's schedules bound the SAT ladder
        with shared.lock:
            if shared.upper is None or ev.objective < shared.upper:
                shared.upper = round(ev.objective)
                shared.solution = None  # CP-SAT holds it
        if progress is not None:
            progress(ev)

    # the SAT thread takes one core: CP-SAT gets the others
    workers = max(1, run.get("workers", 1) - 1)
    cp_run = dict(run, workers=workers, cancel=_AnySet(cancel, closed=closed), progress=relay)
    m = gm.model
    m.ClearObjective()
    m.Minimize(gm.gaps_expr)
    solver, status = solve_phase(m, "gaps", time_limit=max(0.05, budget), **cp_run)
    cp_best, cp_value, cp_lower = best, value, 0
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        cp_best = gm.read(solver)
        cp_value = gm.gaps_value(cp_best[0])
        cp_lower = cp_value if status == cp_model.OPTIMAL else round(solver.BestObjectiveBound())
    sat_stop.set()
    thread.join()
    with shared.lock:
        if status == cp_model.INFEASIBLE:
            shared.infeasible = True
        shared.lower = max(shared.lower, cp_lower)
        sat_won = shared.solution is not None and (cp_value is None or shared.upper < cp_value)
        if not sat_won and cp_value is not None:
            shared.upper, shared.solution = cp_value, cp_best
    if sat_won:
        _report_sat_solution(shared, run)
    return _merge_sat(gm, shared, None, budget=0.0, **run)


def _report_sat_solution(shared: satgaps.SatShared, run: dict) -> None:
    """Tell ``progress`` about the SAT ladder's schedule, at the time it was found
    (from this thread: the ladder's own thread never calls back)."""
    progress = run.get("progress")
    if progress is not None and shared.found_at is not None:
        seconds = shared.found_at - run["t0"]
        progress(CpsatProgress("gaps", shared.upper, shared.lower, seconds))


def _merge_sat(gm: GeneralModel, shared, best, *, budget: float, **run) -> GapsResult:
    """The portfolio's answer; with ``budget`` left and the gap still open,
    CP-SAT's own sequence goes on from what the SAT ladder proved."""
    if shared.infeasible and shared.solution is None:
        return GapsResult("infeasible", best, None, 0)
    solution = shared.solution if shared.solution is not None else best
    if shared.upper is not None and solution is not None and shared.lower >= shared.upper:
        gm.hint_from(*solution)
        return GapsResult("optimal", solution, shared.upper, shared.upper)
    if budget > 0.05:
        if solution is not None:
            gm.hint_from(*solution)
        return minimise_gaps(gm, budget, solution, lower=shared.lower, use_sat=False, **run)
    if solution is None:
        return GapsResult("unknown", None, None, shared.lower)
    gm.hint_from(*solution)
    return GapsResult("feasible", solution, gm.gaps_value(solution[0]), shared.lower)


def minimise_gaps(
    gm: GeneralModel, budget: float, best, *, lower: int = 0, use_sat: bool = True, **run
) -> GapsResult:
    """Minimise the idle gaps: a first CP-SAT minimisation (finds good schedules
    fast), then a ladder of feasibility checks "gaps ≤ k" for k from the proven
    bound upward (proves bounds the LP cannot), then minimisation again with
    the bound as a cut for the remaining time. When every request is required
    and python-sat is there, :func:`minimise_gaps_portfolio` does it instead."""
    if use_sat and satgaps.applies(gm.c):
        return minimise_gaps_portfolio(gm, budget, best, lower=lower, **run)
    t_end = time.monotonic() + budget
    m = gm.model
    value = gm.gaps_value(best[0]) if best is not None else None
    if value == 0:
        return GapsResult("optimal", best, 0, 0)
    if value is not None and lower >= value:
        return GapsResult("optimal", best, value, value)

    def minimise(limit: float) -> str:
        nonlocal best, value, lower
        m.ClearObjective()
        m.Minimize(gm.gaps_expr)
        solver, status = solve_phase(m, "gaps", time_limit=limit, **run)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = gm.read(solver)
            value = gm.gaps_value(best[0])
            lower = max(lower, round(solver.BestObjectiveBound()))
            gm.hint_from(*best)
            return "optimal" if status == cp_model.OPTIMAL else "feasible"
        return "infeasible" if status == cp_model.INFEASIBLE else "unknown"

    def ladder(until: float) -> None:
        nonlocal best, value, lower
        while value is None or lower < value:
            left = until - time.monotonic()
            if left < 0.05:
                return
            solver, status = _ladder_step(gm, lower, left, **run)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                best = gm.read(solver)
                value = gm.gaps_value(best[0])
                gm.hint_from(*best)
                return
            if status != cp_model.INFEASIBLE:
                return
            lower += 1

    # a quick look at "no gaps at all": often found or refuted in a second
    ladder(time.monotonic() + min(QUICK_LADDER_CAP, budget * QUICK_LADDER_SHARE))
    if value is not None and lower >= value:
        return GapsResult("optimal", best, value, value)
    cut = lower
    if lower > 0:  # proven by the ladder: lets the minimisation stop on reaching it
        m.Add(gm.gaps_expr >= lower)
    state = minimise(t_end - time.monotonic() if value is None else budget * FIRST_SHARE)
    if state in ("optimal", "infeasible"):
        return GapsResult(state, best, value, value if state == "optimal" else 0)
    ladder(min(t_end, time.monotonic() + budget * LADDER_SHARE))
    if value is not None and lower >= value:
        return GapsResult("optimal", best, value, value)
    if lower > cut:
        m.Add(gm.gaps_expr >= lower)  # proven above: a valid cut
    left = t_end - time.monotonic()
    if left > 0.05:
        state = minimise(left)
    if state == "infeasible" and best is not None:
        state = "feasible"  # only relative to the cut: cannot happen in theory
    if value is not None and lower >= value:
        state = "optimal"
    return GapsResult(state, best, value, lower)


def solve_cpsat(
    compiled: Compiled,
    *,
    hint: Schedule | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    progress: Callable[[CpsatProgress], None] | None = None,
    cancel: threading.Event | None = None,
    deterministic: bool = False,
    phases: tuple[str, ...] = ("weight", "gaps", "fairness"),
    gaps_lower: int = 0,
) -> CpsatOutcome:
    """Solve lexicographically (weight, gaps, fairness) within ``time_limit`` seconds.

    ``hint`` (e.g. the greedy schedule) warm-starts the search. ``progress`` is
    called with a :class:`CpsatProgress` at each improving solution; setting
    ``cancel`` stops the search within ~0.1 s. With ``deterministic=True`` the
    run is reproducible for a seed (interleaved search, deterministic time
    limit); otherwise the wall-clock limit and the parallel workers may give
    different (equally valid) answers from run to run.
    """
    t0 = time.monotonic()
    c = compiled
    try:
        gm = GeneralModel(c, deadline=t0 + BUILD_SHARE * time_limit, max_variables=MAX_VARIABLES)
    except ModelTooLarge as exc:
        return CpsatOutcome(
            schedule=None,
            status="unknown",
            seconds=time.monotonic() - t0,
            phase_status={"model": exc.reason},
        )
    m = gm.model
    objectives: dict[str, int] = {}
    bounds: dict[str, int] = {}
    phase_status: dict[str, str] = {}
    best: tuple[dict[int, int], dict[int, int]] | None = None
    if hint is not None:
        try:
            a = c.assignment(hint)
        except KeyError:
            a = {}
        gm.hint_from(
            {r: v[0] for r, v in a.items()}, {r: v[2] for r, v in a.items() if v[2] is not None}
        )

    all_required = all(req.required for req in c.requests)
    todo = [ph for ph in phases if not (ph == "weight" and all_required)]
    fair_var = gm.add_fairness() if "fairness" in todo else None
    if fair_var is None and "fairness" in todo:
        todo.remove("fairness")
    if not todo:
        todo = ["feasibility"]
    cancelled = False
    for n, ph in enumerate(todo):
        elapsed = time.monotonic() - t0
        remaining = time_limit - elapsed
        left_share = sum(PHASE_SHARES.get(q, 1.0) for q in todo[n:])
        budget = (
            remaining if n == len(todo) - 1 else remaining * PHASE_SHARES.get(ph, 1.0) / left_share
        )
        if budget <= 0.01:
            break
        m.ClearObjective()
        run = dict(seed=seed, workers=workers, deterministic=deterministic, t0=t0)
        run.update(progress=progress, cancel=cancel)
        if ph == "gaps":
            gaps = minimise_gaps(gm, budget, best, lower=gaps_lower, **run)
            solver = None
            status = {
                "optimal": cp_model.OPTIMAL,
                "feasible": cp_model.FEASIBLE,
                "infeasible": cp_model.INFEASIBLE,
            }.get(gaps.status, cp_model.UNKNOWN)
            best = gaps.solution
        else:
            if ph == "weight":
                m.Maximize(gm.weight_expr)
            elif ph == "fairness":
                m.Maximize(fair_var)
            solver, status = solve_phase(m, ph, time_limit=budget, **run)
        if cancel is not None and cancel.is_set():
            cancelled = True
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if solver is not None:
                best = gm.read(solver)
            phase_status[ph] = "optimal" if status == cp_model.OPTIMAL else "feasible"
            if ph != "feasibility":
                if solver is None:  # the gaps phase
                    value, bound = gaps.value, gaps.lower
                else:
                    value = round(solver.ObjectiveValue())
                    bound = round(solver.BestObjectiveBound())
                objectives[ph] = value
                bounds[ph] = bound
                if ph == "weight":
                    m.Add(gm.weight_expr >= value)
                elif ph == "gaps":
                    m.Add(gm.gaps_expr <= value)
                elif ph == "fairness":
                    m.Add(fair_var >= value)
            gm.hint_from(*best)
        elif status == cp_model.INFEASIBLE:
            phase_status[ph] = "infeasible"
            break
        else:
            phase_status[ph] = "unknown"
            break
        if cancelled:
            break
    if all_required and "weight" in phases and best is not None:
        objectives["weight"] = bounds["weight"] = gm.total_weight
    schedule = to_schedule(c, *best) if best is not None else None
    if cancelled:
        status_text = "cancelled"
    elif "infeasible" in phase_status.values() and best is None:
        status_text = "infeasible"
    elif best is None:
        status_text = "unknown"
    elif all(v == "optimal" for v in phase_status.values()) and len(phase_status) == len(todo):
        status_text = "optimal"
    else:
        status_text = "feasible"
    return CpsatOutcome(
        schedule=schedule,
        status=status_text,
        objectives=objectives,
        bounds=bounds,
        seconds=time.monotonic() - t0,
        phase_status=phase_status,
    )
