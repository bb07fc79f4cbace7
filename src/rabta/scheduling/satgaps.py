"""A SAT phase for the idle gaps when every meeting is required.

When every request must be met (the B2BSP literature's case, or an organiser
who marks every meeting required), the weight is fixed and what is left is
the gaps objective. A CDCL SAT solver on a direct CNF encoding answers the
questions "a schedule with at most k gaps?" quickly, and, asked upward
(k = lower bound, lower bound + 1, …), every "no" is a proof: the first "yes"
is optimal. :func:`rabta.scheduling.cpsat.minimise_gaps` runs this ladder in a
second thread beside CP-SAT's minimisation; whichever closes the gap first
stops the other.

The encoding (on the compiled problem, so tables, stands, interpreters,
availability, session restrictions and locks all count):

* ``x[r, s]`` for the request's feasible slots; exactly one per request;
  precedences in the order encoding (``le[r, t]``: r met in a slot ≤ t);
* ``busy[p, s] ⇔ ⋁ x[r, s]`` (r ∋ p), at most one meeting of ``p`` per slot
  (and no more required meetings than the participant's maximum);
* table capacity per slot; interpreters as ``y[r, i, s]`` (exactly one when
  the meeting needs one, at most one meeting per interpreter and slot);
* implied: ``p`` is busy in exactly as many slots as it has meetings (and, per
  session, between its meetings confined to that session and those that may
  be there); at most ``2 × tables`` participants busy per slot;
* a gap opens at ``s`` when ``p`` met in ``s − 1``, is idle in ``s`` and meets
  later in the session: ``busy[s−1] ∧ ¬busy[s] ∧ later[s+1] → open[p, s]``;
  the opens are summed by an incremental totalizer and "≤ k" is an assumption.

The solver is MiniSat 2.2 through python-sat (measured against Glucose 4 and
4.2 and MapleChrono on the literature's and generated instances: fastest
overall), called with ``expect_interrupt``: it releases the GIL while it
searches (so CP-SAT's callbacks keep running in the other thread) and can be
interrupted from outside.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import time
from dataclasses import dataclass, field

from rabta.scheduling.compiled import Compiled
from rabta.scheduling.metrics import compiled_gaps

try:  # python-sat is a dependency; without it the engine runs CP-SAT alone
    from pysat.card import CardEnc, EncType, ITotalizer
    from pysat.formula import IDPool
    from pysat.solvers import Solver
except ImportError:  # pragma: no cover - exercised only without python-sat
    Solver = None

#: The SAT solver used (python-sat's name); it must support interruption.
SAT_SOLVER = "minisat22"


def available() -> bool:
    """Whether the SAT phase can run (python-sat is installed)."""
    return Solver is not None


def applies(c: Compiled) -> bool:
    """The SAT phase handles problems where every request is required."""
    return available() and bool(c.requests) and all(req.required for req in c.requests)


@dataclass(slots=True)
class SatShared:
    """What the SAT thread and CP-SAT tell each other while both run.

    ``upper``: the best gaps value known (a schedule exists); ``lower``: the
    best proven lower bound; ``solution``: the SAT thread's schedule for
    ``upper`` when it found one (``{request: slot}``, ``{request: interpreter}``).
    """

    lower: int = 0
    upper: int | None = None
    solution: tuple[dict[int, int], dict[int, int]] | None = None
    infeasible: bool = False
    found_at: float | None = None  # time.monotonic() when the SAT thread found ``solution``
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def closed(self) -> bool:
        return self.infeasible or (self.upper is not None and self.lower >= self.upper)


class GapsCnf:
    """The CNF of a compiled all-required problem, with the gaps totalizer."""

    CARD = EncType.seqcounter if Solver is not None else None
    #: Cardinality constraints over at most :data:`SMALL` literals (a participant's
    #: slots, busy participants per slot on a small event) use the totalizer: about
    #: 40 % more clauses on the literature instances, and Glucose's proofs on the
    #: tic family take 40–45 % less CPU (tic-13crafc: 1.25 s against 2.20 s; 7
    #: slow variants together 6.8 s against 7.7 s, a few forum ones slower). Over
    #: more literals (a slot's table capacity on a big event) its size grows with
    #: n²: the sequential counter stays.
    SMALL_CARD = EncType.totalizer if Solver is not None else None
    SMALL = 64
    #: The totalizer counts up to this many gaps at first; :meth:`at_most`
    #: extends it (adding clauses to the solver) when the ladder climbs higher.
    UBOUND = 6
    #: The implied (redundant) cardinality constraints; off only to check them.
    IMPLIED = True
    #: The implied "at most 2 × tables participants busy per slot" only when the
    #: meetings fill at least this share of the table-slots: decisive where tables
    #: are nearly full (tic-13crafc, 180 meetings in 190 table-slots: with it 4
    #: breaks are proven in about a second, without it not in 30 s), a burden
    #: where they are not (the forum family, 52–63 %: a third of the clauses, and
    #: MiniSat finds the forum-13 variants' 0-break schedules in 0.2–0.35 s
    #: without it against 0.3–2.7 s with it).
    TIGHT_TABLES = 0.7

    def __init__(self, c: Compiled) -> None:
        self.c = c
        pool = self.pool = IDPool()
        cls: list[list[int]] = []
        self.clauses = cls
        self.trivially_unsat = False
        self.x: dict[tuple[int, int], int] = {}
        self.y: dict[tuple[int, int, int], int] = {}
        locks = c.locks_by_request()
        by_slot: list[list[int]] = [[] for _ in range(c.n_slots)]
        for r in range(len(c.requests)):
            lits = []
            for s in c.slot_options(r, locks.get(r)):
                v = self.x[r, s] = pool.id(("x", r, s))
                lits.append(v)
                by_slot[s].append(r)
            if not lits:
                self.trivially_unsat = True
                cls.append([])
                continue
            self._exactly_one(lits)
        self._precedences()
        self._interpreters(locks)
        # tables
        for s in range(c.n_slots):
            lits = [self.x[r, s] for r in by_slot[s] if c.requests[r].needs_table]
            self._atmost(lits, len(c.slot_tables[s]))
        # participants
        self.busy: dict[tuple[int, int], int] = {}
        n_parts = len(c.participants)
        for p, part in enumerate(c.participants):
            if len(part.requests) > part.max_meetings:  # every one of them is required
                self.trivially_unsat = True
                cls.append([])
            per_slot: dict[int, list[int]] = {}
            for r in part.requests:
                for s in c.requests[r].feasible_slots:
                    if (r, s) in self.x:
                        per_slot.setdefault(s, []).append(self.x[r, s])
            for s, lits in per_slot.items():
                b = self.busy[p, s] = pool.id(("busy", p, s))
                cls.append([-b, *lits])
                cls.extend([[-v, b] for v in lits])
                self._atmost(lits, 1)
            if per_slot and self.IMPLIED:  # implied: busy in exactly as many slots as meetings
                self._equals([self.busy[p, s] for s in per_slot], len(part.requests))
            for session in c.sessions if self.IMPLIED else ():
                confined = flexible = 0
                for r in part.requests:
                    here = sum(1 for s in session if (r, s) in self.x)
                    if here == 0:
                        continue
                    total = sum(1 for s in c.requests[r].feasible_slots if (r, s) in self.x)
                    if here == total:
                        confined += 1
                    else:
                        flexible += 1
                lits = [self.busy[p, s] for s in session if (p, s) in self.busy]
                if not lits:
                    continue
                if flexible == 0:
                    self._equals(lits, confined)
                else:
                    self._atmost(lits, confined + flexible)
                    if confined:
                        self._atleast(lits, confined)
        slot_busy = self.IMPLIED and self.tables_tight(c)
        for s in range(c.n_slots):  # implied: two participants per meeting
            if slot_busy and by_slot[s] and all(c.requests[r].needs_table for r in by_slot[s]):
                lits = [self.busy[p, s] for p in range(n_parts) if (p, s) in self.busy]
                self._atmost(lits, 2 * len(c.slot_tables[s]))
        self.opens = self._gap_opens()
        self.totalizer = (
            ITotalizer(lits=self.opens, ubound=min(len(self.opens), self.UBOUND), top_id=pool.top)
            if self.opens
            else None
        )
        if self.totalizer is not None:
            cls.extend(self.totalizer.cnf.clauses)
            pool.top = max(pool.top, self.totalizer.top_id)

    @classmethod
    def tables_tight(cls, c: Compiled) -> bool:
        """Whether the meetings that need a table fill at least
        :data:`TIGHT_TABLES` of the table-slots."""
        capacity = sum(len(tables) for tables in c.slot_tables)
        needing = sum(1 for req in c.requests if req.needs_table)
        return capacity > 0 and needing >= cls.TIGHT_TABLES * capacity

    def _precedences(self) -> None:
        """Order encoding: ``le[r, t]`` ⇔ r is met in a slot ≤ t; "a before b"
        is ``le[b, t] → le[a, t − 1]``, so unit propagation runs along a chain
        of precedences (every request here is required, so each is met)."""
        c = self.c
        if not c.precedences:
            return
        le: dict[int, list[int]] = {}

        def order(r: int) -> list[int]:
            if r not in le:
                lits = []
                for t in range(c.n_slots):
                    v = self.pool.id(("le", r, t))
                    x = self.x.get((r, t))
                    if x is not None:
                        self.clauses.append([-x, v])
                    if lits:
                        self.clauses.append([-lits[-1], v])
                    # v → earlier or here
                    self.clauses.append([-v, *([lits[-1]] if lits else []), *([x] if x else [])])
                    lits.append(v)
                le[r] = lits
            return le[r]

        for a, b in c.precedences:
            la, lb = order(a), order(b)
            self.clauses.append([-lb[0]])
            for t in range(1, c.n_slots):
                self.clauses.append([-lb[t], la[t - 1]])

    # ------------------------------------------------------------------ encodings
    def _card(self, fn, lits: list[int], bound: int) -> None:
        encoding = self.SMALL_CARD if len(lits) <= self.SMALL else self.CARD
        self.clauses.extend(fn(lits, bound, vpool=self.pool, encoding=encoding).clauses)

    def _atmost(self, lits: list[int], bound: int) -> None:
        if len(lits) <= bound:
            return
        if bound == 0:
            self.clauses.extend([[-v] for v in lits])
        elif bound == 1 and len(lits) <= 6:
            self.clauses.extend([[-a, -b] for i, a in enumerate(lits) for b in lits[i + 1 :]])
        else:
            self._card(CardEnc.atmost, lits, bound)

    def _atleast(self, lits: list[int], bound: int) -> None:
        if bound <= 0:
            return
        if bound > len(lits):
            self.clauses.append([])
            self.trivially_unsat = True
        elif bound == 1:
            self.clauses.append(list(lits))
        else:
            self._card(CardEnc.atleast, lits, bound)

    def _equals(self, lits: list[int], bound: int) -> None:
        self._atmost(lits, bound)
        self._atleast(lits, bound)

    def _exactly_one(self, lits: list[int]) -> None:
        self.clauses.append(list(lits))
        self._atmost(lits, 1)

    def _interpreters(self, locks) -> None:
        c = self.c
        per_is: dict[tuple[int, int], list[int]] = {}
        for (r, s), v in self.x.items():
            req = c.requests[r]
            if not req.needs_interpreter:
                continue
            ys = []
            for i in c.interpreter_options(r, s, locks.get(r)):
                y = self.y[r, i, s] = self.pool.id(("y", r, i, s))
                per_is.setdefault((i, s), []).append(y)
                ys.append(y)
                self.clauses.append([-y, v])
            self.clauses.append([-v, *ys])
            self._atmost(ys, 1)
        for ys in per_is.values():
            self._atmost(ys, 1)

    def _gap_opens(self) -> list[int]:
        c, pool, cls = self.c, self.pool, self.clauses
        opens: list[int] = []
        for p in range(len(c.participants)):
            for session in c.sessions:
                present = [s for s in session if (p, s) in self.busy]
                if len(present) < 3 and not (
                    len(present) == 2 and session.index(present[1]) - session.index(present[0]) > 1
                ):
                    continue
                later: dict[int, int] = {}
                nxt = None
                for s in reversed(session):
                    cur = self.busy.get((p, s))
                    parts = [v for v in (cur, nxt) if v is not None]
                    if not parts:
                        continue
                    if len(parts) == 1:
                        later[s] = parts[0]
                    else:
                        v = pool.id(("later", p, s))
                        cls.append([-v, *parts])
                        cls.extend([[-q, v] for q in parts])
                        later[s] = v
                    nxt = later[s]
                for i in range(1, len(session) - 1):
                    prev = self.busy.get((p, session[i - 1]))
                    after = later.get(session[i + 1])
                    if prev is None or after is None:
                        continue
                    o = pool.id(("open", p, session[i]))
                    clause = [-prev, -after, o]
                    cur = self.busy.get((p, session[i]))
                    if cur is not None:
                        clause.append(cur)
                    cls.append(clause)
                    opens.append(o)
        return opens

    # ------------------------------------------------------------------ read-out
    def at_most(self, k: int, sat=None) -> list[int]:
        """Assumptions for "at most k gaps" (extends the totalizer in ``sat``
        when ``k`` is beyond what it counts)."""
        tot = self.totalizer
        if tot is None or k >= len(self.opens):
            return []
        if k >= len(tot.rhs):
            before = len(tot.cnf.clauses)
            tot.increase(ubound=min(len(self.opens), k + self.UBOUND), top_id=self.pool.top)
            if sat is not None:
                sat.append_formula(tot.cnf.clauses[before:])
            self.pool.top = max(self.pool.top, tot.top_id)
        return [-tot.rhs[k]]

    def read(self, model: list[int]) -> tuple[dict[int, int], dict[int, int]]:
        true = {v for v in model if v > 0}
        slots = {r: s for (r, s), v in self.x.items() if v in true}
        interp = {r: i for (r, i, s), v in self.y.items() if v in true and slots.get(r) == s}
        return slots, interp


def lower_priority() -> bool:
    """Give the calling thread the lowest CPU priority (nice 19; Linux, where a
    thread is a task of its own): a helper that uses a core only when nobody
    else wants it, so that it never slows the main search on a busy machine.
    False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # pragma: no cover - restricted systems
        return False
    return True


def sat_ladder(
    c: Compiled,
    shared: SatShared,
    *,
    deadline: float,
    stop=None,
    hint: dict[int, int] | None = None,
    conflicts: int | None = None,
    solver: str = SAT_SOLVER,
    helper: bool = False,
    cnf: GapsCnf | None = None,
) -> None:
    """Ask "at most k gaps?" for k = shared.lower, +1, … until the answer is
    yes (then it is optimal), the gap is closed by someone else, time runs
    out or ``stop`` (anything with ``is_set()``) is set. Updates ``shared``
    under its lock.

    ``hint`` ({request: slot}) sets the solver's initial phases. With
    ``conflicts`` the search is deterministic: each question gets that many
    conflicts (no wall clock, no watcher thread). ``solver`` names python-sat's
    solver (several ladders with different solvers may share ``shared``: the
    first to close the gap stops the others). A "no" whose core holds none of
    the assumptions proves the problem itself infeasible. A ``helper`` runs at
    the lowest CPU priority (:func:`lower_priority`). ``cnf``: the encoding
    of ``c`` when it is already built (it is extended as the ladder climbs)."""
    if helper:
        lower_priority()
    cnf = cnf if cnf is not None else GapsCnf(c)
    if cnf.trivially_unsat:
        with shared.lock:
            shared.infeasible = True
        return
    with Solver(name=solver, bootstrap_with=cnf.clauses) as sat:
        if hint:
            sat.set_phases([v if hint.get(r) == s else -v for (r, s), v in cnf.x.items()])
        finished = threading.Event()

        def halted() -> bool:
            if (stop is not None and stop.is_set()) or time.monotonic() >= deadline:
                return True
            with shared.lock:
                return shared.closed

        def interrupter() -> None:
            while not finished.wait(0.02):
                if halted():
                    sat.interrupt()
                    return

        watcher = None
        if conflicts is None:
            watcher = threading.Thread(target=interrupter, daemon=True)
            watcher.start()
        try:
            while not (halted() if conflicts is None else shared.closed):
                with shared.lock:
                    k = shared.lower
                assumptions = cnf.at_most(k, sat)
                if conflicts is not None:
                    sat.conf_budget(conflicts)
                    answer = sat.solve_limited(assumptions=assumptions)
                else:
                    answer = sat.solve_limited(assumptions=assumptions, expect_interrupt=True)
                if answer is None:  # interrupted or out of budget
                    return
                if answer is False:
                    core = sat.get_core() if assumptions else None
                    with shared.lock:
                        if not assumptions or core == []:  # the problem itself is infeasible
                            shared.infeasible = True
                            return
                        shared.lower = max(shared.lower, k + 1)
                    continue
                solution = cnf.read(sat.get_model())
                value = compiled_gaps(c, solution[0])
                with shared.lock:
                    if shared.upper is None or value < shared.upper:
                        shared.upper = value
                        shared.solution = solution
                        shared.found_at = time.monotonic()
                return
        finally:
            finished.set()
            if watcher is not None:
                watcher.join()


# ---------------------------------------------------------------------------
# A ladder in a process of its own (for a solver python-sat cannot interrupt)

#: The solver of :class:`LadderProcess`: CaDiCaL 1.9.5 (the only one that proves
#: some fixed-meeting variants, e.g. tic-13crafc.fixed040-Forb; python-sat
#: cannot interrupt it, so it runs where it can be killed).
PROCESS_SOLVER = "cadical195"


def process_available() -> bool:
    """Whether :class:`LadderProcess` can run here (python-sat, and ``os.fork``:
    the child inherits the compiled problem instead of pickling it)."""
    return available() and hasattr(os, "fork") and sys.platform.startswith("linux")


def _child_ladder(
    c: Compiled, lower: int, out, solver: str, nice: int, cnf: GapsCnf | None, go: int | None
) -> None:  # pragma: no cover
    """The child's side (coverage does not follow a forked child): ask "at most
    k gaps?" upward from ``lower`` and send each answer to the parent. With
    ``go`` (a pipe), wait idle for the parent's go, which brings the lower
    bound proven meanwhile."""

    def send(*message) -> None:
        pickle.dump(message, out)
        out.flush()

    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    if go is not None:  # held in reserve: idle until released (or killed)
        with os.fdopen(go, "rb") as inbox:
            word = inbox.readline()
        if not word:
            return
        lower = max(lower, int(word))
    cnf = cnf if cnf is not None else GapsCnf(c)
    if cnf.trivially_unsat:
        send("infeasible")
        return
    with Solver(name=solver, bootstrap_with=cnf.clauses) as sat:
        k = lower
        while True:
            assumptions = cnf.at_most(k, sat)
            if sat.solve(assumptions=assumptions):
                slots, interp = cnf.read(sat.get_model())
                send("solution", compiled_gaps(c, slots), slots, interp)
                return
            if not assumptions or sat.get_core() == []:
                send("infeasible")
                return
            k += 1
            send("lower", k)


class LadderProcess:
    """The SAT ladder in a forked child process at the lowest CPU priority,
    reporting to ``shared`` (a reader thread merges its answers: a raised lower
    bound, a schedule, infeasibility). :meth:`stop` kills it whatever it is
    doing, so a solver that cannot be interrupted can still be cancelled, and
    returns at once (the child is reaped by the reader thread); nothing the
    child says after :meth:`stop` counts.

    Start it before the parent starts threads of its own (a fork copies only
    the calling thread). ``nice``: the child's niceness increment (19, the
    default: a core only when nobody else wants it; 0: an equal share). ``cnf``:
    the encoding of ``c`` when the parent has built it (the child inherits it
    instead of building its own). ``held``: the child waits, idle, until
    :meth:`release` (a solver held in reserve)."""

    def __init__(
        self,
        c: Compiled,
        shared: SatShared,
        *,
        solver: str = PROCESS_SOLVER,
        nice: int = 19,
        cnf: GapsCnf | None = None,
        held: bool = False,
    ) -> None:
        with shared.lock:
            lower = shared.lower
        read, write = os.pipe()
        go_read, self._go = os.pipe() if held else (None, None)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            if self._go is not None:
                os.close(self._go)
            try:
                with os.fdopen(write, "wb") as out:
                    _child_ladder(c, lower, out, solver, nice, cnf, go_read)
            finally:
                os._exit(0)
        os.close(write)
        if go_read is not None:
            os.close(go_read)
        self.pid = pid
        self.shared = shared
        self.stopped = False
        self._in = os.fdopen(read, "rb")
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        shared = self.shared
        try:
            while True:
                try:
                    message = pickle.load(self._in)
                except (EOFError, OSError, pickle.UnpicklingError):  # the child ended
                    return
                with shared.lock:
                    if self.stopped:
                        return
                    if message[0] == "lower":
                        shared.lower = max(shared.lower, message[1])
                    elif message[0] == "infeasible":
                        shared.infeasible = True
                    elif message[0] == "solution":
                        _, value, slots, interp = message
                        if shared.upper is None or value < shared.upper:
                            shared.upper = value
                            shared.solution = (slots, interp)
                            shared.found_at = time.monotonic()
                        # asked upward from a proven bound: its first "yes" is optimal
                        shared.lower = max(shared.lower, value)
        finally:
            self._in.close()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)

    def release(self) -> None:
        """Let a ``held`` child start, from the lower bound proven so far."""
        if self._go is None:
            return
        with self.shared.lock:
            lower = self.shared.lower
        with contextlib.suppress(OSError):
            os.write(self._go, f"{lower}\n".encode())
        self._close_go()

    def _close_go(self) -> None:
        if self._go is not None:
            with contextlib.suppress(OSError):
                os.close(self._go)
            self._go = None

    def stop(self) -> None:
        """Kill the child; what it says from now on is ignored."""
        with self.shared.lock:
            self.stopped = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self._close_go()
