"""The quality report of a schedule, and its text rendering."""

from __future__ import annotations

from collections import Counter

from rabta.scheduling.i18n import _, ngettext
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
    headline: int = 0,
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
        headline=min(headline, len(messages)),
    )


def status_label(status: str) -> str:
    """The words for a report's status (the JSON keeps the id)."""
    return {
        "optimal": _("optimal"),
        "feasible": _("feasible"),
        "infeasible": _("infeasible"),
        "cancelled": _("cancelled"),
    }.get(status, status)


def change_kind_label(kind: str) -> str:
    """The word for a kind of change (the JSON keeps the id)."""
    return {
        "moved": _("moved"),
        "dropped": _("dropped"),
        "added": _("added"),
        "reassigned": _("reassigned"),
    }.get(kind, kind)


def _count_of_kind(kind: str, n: int) -> str:
    values = {"count": n}
    if kind == "moved":
        return ngettext("%(count)s moved", "%(count)s moved", n) % values
    if kind == "dropped":
        return ngettext("%(count)s dropped", "%(count)s dropped", n) % values
    if kind == "added":
        return ngettext("%(count)s added", "%(count)s added", n) % values
    if kind == "reassigned":
        return ngettext("%(count)s reassigned", "%(count)s reassigned", n) % values
    return f"{n} {kind}"


def report_rows(rep: QualityReport) -> list[tuple[str, str]]:
    """(label, value) pairs, for text, rich tables and the XLSX report sheet."""

    def pct(a: int, b: int) -> str:
        if not b:
            return f"{a} / {b}"
        return _("%(done)s / %(total)s (%(percent)s %%)") % {
            "done": a,
            "total": b,
            "percent": f"{100 * a / b:.1f}",
        }

    rows = [
        (_("Solver"), rep.solver),
        (_("Status"), status_label(rep.status)),
        (_("Meetings scheduled"), pct(rep.meetings_scheduled, rep.meetings_requested)),
        (_("Weight scheduled"), pct(rep.weight_scheduled, rep.weight_requested)),
        (_("Required met"), f"{rep.required_scheduled} / {rep.required_requested}"),
        (_("Upper bound on weight"), str(rep.upper_bound)),
        (_("Optimality gap"), f"{100 * rep.gap:.2f} %"),
        (_("Weight proven optimal"), _("yes") if rep.proven_optimal else _("no")),
        (_("Idle gaps"), str(rep.idle_gaps)),
        (
            _("Worst-served participant"),
            "-"
            if rep.worst_served_participant is None
            else _("%(participant)s (%(percent)s %% of requests)")
            % {
                "participant": rep.worst_served_participant,
                "percent": f"{100 * rep.worst_served_share:.0f}",
            },
        ),
        (_("Solve time"), _("%(seconds)s s") % {"seconds": f"{rep.solve_seconds:.2f}"}),
    ]
    if rep.groups_requested:
        rows.insert(4, (_("Group sessions held"), pct(rep.groups_scheduled, rep.groups_requested)))
    if rep.interpreter_load:
        rows.append(
            (
                _("Interpreter load"),
                ", ".join(f"{k}: {v}" for k, v in rep.interpreter_load.items()),
            )
        )
    if rep.changes:
        kinds = Counter(ch.kind for ch in rep.changes)
        rows.append(
            (
                _("Changes"),
                ", ".join(_count_of_kind(k, v) for k, v in sorted(kinds.items())),
            )
        )
    return rows


def change_line(ch: Change) -> str:
    """One change of a repair, for the text report: kind, request, participants, what moved."""
    return f"  {change_kind_label(ch.kind):<10} {ch.request} ({', '.join(ch.participants)}): {describe(ch)}"


def note_line(message: str) -> str:
    return _("note: %(message)s") % {"message": message}


def render_text(rep: QualityReport) -> str:
    """The report as text: the headline notes first (what went wrong or was
    given up, in words), then the figures, the changes and the other notes."""
    rows = report_rows(rep)
    width = max(len(k) for k, _v in rows)
    lines = [note_line(m) for m in rep.messages[: rep.headline]]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines += [change_line(ch) for ch in rep.changes]
    lines += [note_line(m) for m in rep.messages[rep.headline :]]
    return "\n".join(lines)


def describe(ch: Change) -> str:
    def where(m) -> str:
        if m is None:
            return "-"
        values = {
            "slot": m.slot,
            "place": m.table or (_("stand %(stand)s") % {"stand": m.stand} if m.stand else ""),
            "interpreter": m.interpreter,
        }
        if values["place"] and m.interpreter:
            return _("slot %(slot)s %(place)s, interpreter %(interpreter)s") % values
        if values["place"]:
            return _("slot %(slot)s %(place)s") % values
        if m.interpreter:
            return _("slot %(slot)s, interpreter %(interpreter)s") % values
        return _("slot %(slot)s") % values

    return _("%(before)s -> %(after)s") % {"before": where(ch.before), "after": where(ch.after)}
