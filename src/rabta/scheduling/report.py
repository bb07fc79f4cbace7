"""The quality report of a schedule, and its text rendering."""

from __future__ import annotations

from collections import Counter

from rabta.scheduling.metrics import count_idle_gaps, worst_served
from rabta.scheduling.model import Change, Problem, QualityReport, Schedule


def build_report(
    problem: Problem,
    schedule: Schedule,
    *,
    solver: str,
    status: str,
    upper_bound: int,
    solve_seconds: float,
    proven_optimal: bool | None = None,
    changes: tuple[Change, ...] = (),
    messages: tuple[str, ...] = (),
) -> QualityReport:
    met = {m.request for m in schedule.meetings}
    weight = sum(r.weight for r in problem.requests if r.id in met)
    worst, share = worst_served(problem, schedule)
    bound = max(upper_bound, weight)  # a bound below a found schedule would be a bug upstream
    return QualityReport(
        solver=solver,
        status=status,
        meetings_scheduled=len(met),
        meetings_requested=len(problem.requests),
        weight_scheduled=weight,
        weight_requested=sum(r.weight for r in problem.requests),
        required_scheduled=sum(1 for r in problem.requests if r.required and r.id in met),
        required_requested=sum(1 for r in problem.requests if r.required),
        idle_gaps=count_idle_gaps(problem, schedule),
        worst_served_participant=worst,
        worst_served_share=share,
        upper_bound=bound,
        gap=0.0 if bound == 0 else (bound - weight) / bound,
        proven_optimal=weight >= bound if proven_optimal is None else proven_optimal,
        solve_seconds=solve_seconds,
        interpreter_load=dict(
            sorted(Counter(m.interpreter for m in schedule.meetings if m.interpreter).items())
        ),
        changes=changes,
        messages=messages,
    )


def report_rows(rep: QualityReport) -> list[tuple[str, str]]:
    """(label, value) pairs, for text, rich tables and the XLSX report sheet."""

    def pct(a: int, b: int) -> str:
        return f"{a} / {b} ({100 * a / b:.1f} %)" if b else f"{a} / {b}"

    rows = [
        ("Solver", rep.solver),
        ("Status", rep.status),
        ("Meetings scheduled", pct(rep.meetings_scheduled, rep.meetings_requested)),
        ("Weight scheduled", pct(rep.weight_scheduled, rep.weight_requested)),
        ("Required met", f"{rep.required_scheduled} / {rep.required_requested}"),
        ("Upper bound on weight", str(rep.upper_bound)),
        ("Optimality gap", f"{100 * rep.gap:.2f} %"),
        ("Weight proven optimal", "yes" if rep.proven_optimal else "no"),
        ("Idle gaps", str(rep.idle_gaps)),
        (
            "Worst-served participant",
            "-"
            if rep.worst_served_participant is None
            else f"{rep.worst_served_participant} ({100 * rep.worst_served_share:.0f} % of requests)",
        ),
        ("Solve time", f"{rep.solve_seconds:.2f} s"),
    ]
    if rep.interpreter_load:
        rows.append(
            (
                "Interpreter load",
                ", ".join(f"{k}: {v}" for k, v in rep.interpreter_load.items()),
            )
        )
    if rep.changes:
        kinds = Counter(ch.kind for ch in rep.changes)
        rows.append(("Changes", ", ".join(f"{v} {k}" for k, v in sorted(kinds.items()))))
    return rows


def render_text(rep: QualityReport) -> str:
    rows = report_rows(rep)
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    for ch in rep.changes:
        lines.append(f"  {ch.kind:<10} {ch.request} ({', '.join(ch.participants)}): {describe(ch)}")
    lines += [f"note: {m}" for m in rep.messages]
    return "\n".join(lines)


def describe(ch: Change) -> str:
    def where(m) -> str:
        if m is None:
            return "-"
        place = m.table or (f"stand {m.stand}" if m.stand else "")
        extra = f", interpreter {m.interpreter}" if m.interpreter else ""
        return f"slot {m.slot} {place}{extra}".strip()

    return f"{where(ch.before)} -> {where(ch.after)}"
