"""``rabta schedule``: solve or repair a scheduling problem from a file.

    rabta schedule INPUT [-o OUTPUT] [--time-limit S] [--solver greedy|cpsat|auto]
                         [--seed N] [--repair PUBLISHED --change CHANGE]

INPUT is .json or .xlsx (or a B2BSP .dzn instance). The schedule is written as
JSON and XLSX (``-o x.json`` writes x.json and x.xlsx; default
``INPUT-schedule.json``/``.xlsx`` next to the input). Exit codes: 0 scheduled,
1 infeasible (required meetings not all met; files still written), 2 bad input
(nothing written).

It speaks the operator's language, as every ``rabta`` command does: RABTA_LANGUAGE
(en, ru or ur), else the POSIX locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
from pathlib import Path

from rabta.scheduling.i18n import _, environment_language, language, ngettext
from rabta.scheduling.model import Problem, QualityReport, Result

# the file formats (openpyxl) and the report are imported when a schedule is solved
# from JSON/XLSX, not for a .dzn instance (whose start-up is measured against other solvers)


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = _("usage: ")
        return super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        # argparse's own wording (e.g. "the following arguments are required") stays English
        self.print_usage(sys.stderr)
        self.exit(2, _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})


def _positive(kind, maximum):
    """An argparse type: a number above zero and at most ``maximum`` (a time limit, a count of
    workers); an infinite or absurdly large one would only fail deep inside the solver."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not value > 0:
            raise argparse.ArgumentTypeError(
                _("%(value)s is not a number above zero") % {"value": repr(text)}
            )
        if not value <= maximum:
            raise argparse.ArgumentTypeError(
                _("%(value)s is more than %(maximum)s") % {"value": repr(text), "maximum": maximum}
            )
        return value

    return parse


# CP-SAT takes a 32-bit seed; a day is longer than any solve an operator waits for.
MAX_SEED = 2**31 - 1
MAX_TIME_LIMIT = 86_400
MAX_WORKERS = 256


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a whole number from 0 to %(maximum)s")
            % {"value": repr(text), "maximum": MAX_SEED}
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(
        prog="rabta schedule",
        description=_("Schedule B2B meetings (or repair a published schedule)."),
        formatter_class=_HelpFormatter,
        add_help=False,
    )
    ap._positionals.title = _("positional arguments")
    ap._optionals.title = _("options")
    ap.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))
    ap.add_argument("input", help=_("problem file: .json, .xlsx or .dzn"))
    ap.add_argument("-o", "--output", help=_("output .json (an .xlsx is written next to it)"))
    ap.add_argument(
        "--time-limit",
        type=_positive(float, MAX_TIME_LIMIT),
        default=30.0,
        metavar="S",
        help=_("seconds (30)"),
    )
    ap.add_argument(
        "--solver",
        choices=("auto", "greedy", "cpsat"),
        default="auto",
        help=_("auto (greedy, then CP-SAT), greedy (fast) or cpsat (thorough)"),
    )
    ap.add_argument("--seed", type=_seed, default=0, help=_("random seed (0)"))
    ap.add_argument(
        "--workers", type=_positive(int, MAX_WORKERS), default=2, help=_("CP-SAT workers (2)")
    )
    ap.add_argument("--repair", metavar="PUBLISHED", help=_("published schedule (.json) to repair"))
    ap.add_argument(
        "--change",
        action="append",
        metavar="CHANGE",
        help=_(
            'change as JSON (e.g. \'{"kind": "withdraw", "participant": "p7"}\') '
            "or a .json file with one change or a list; repeatable"
        ),
    )
    return ap


def output_paths(input_path: Path, output: str | None) -> tuple[Path, Path]:
    """The JSON and XLSX files to write: the name given is kept whole.

    ``-o d7.out.json`` writes d7.out.json and d7.out.xlsx (only a final .json or
    .xlsx is swapped for the other); ``-o d7.out`` writes d7.out.json and
    d7.out.xlsx; no ``-o`` writes INPUT-schedule.json/.xlsx next to the input.
    """
    if output:
        out = Path(output)
        suffix = out.suffix.lower()
        if suffix == ".json":
            return out, out.with_name(out.name[: -len(suffix)] + ".xlsx")
        if suffix == ".xlsx":
            return out.with_name(out.name[: -len(suffix)] + ".json"), out
        return out.with_name(out.name + ".json"), out.with_name(out.name + ".xlsx")
    base = input_path.stem + "-schedule"
    return input_path.with_name(base + ".json"), input_path.with_name(base + ".xlsx")


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (also through links or ``..``)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def overwritten_input(outputs: list[Path], inputs: list[Path]) -> Path | None:
    """The first input file that one of ``outputs`` would overwrite, else None."""
    for inp in inputs:
        if any(same_file(out, inp) for out in outputs):
            return inp
    return None


def refuse_overwrite_message(path: Path) -> str:
    return _(
        "refusing to write over the input file %(file)s; choose another output name with -o"
    ) % {"file": path}


def _err(msg: str) -> None:
    print(f"rabta schedule: {msg}", file=sys.stderr)


def _parse_changes(values: list[str]) -> list:
    from rabta.scheduling.repair import parse_changes

    out = []
    for v in values:
        p = Path(v)
        text = (
            p.read_text(encoding="utf-8")
            if not v.lstrip().startswith(("{", "[")) and p.exists()
            else v
        )
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(
                _("--change %(value)s is neither JSON nor a JSON file: %(error)s")
                % {"value": repr(v), "error": exc.msg}
            ) from exc
        out.extend(parse_changes(data))
    return out


def _atomic_write(path: Path, write) -> Path:
    """Write via ``write(tmp_path)`` into a temp file next to ``path``; returns the temp path.

    The file gets the permissions any new file of the user gets (mkstemp's are owner-only)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent or "."
        )
    except OSError as error:  # named by the file asked for, not by the temporary one
        raise OSError(error.errno, error.strerror, str(path)) from error
    os.close(fd)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        write(Path(tmp))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _write_outputs(problem: Problem, result: Result, json_out: Path, xlsx_out: Path) -> None:
    """Both files or neither: each is written beside its final name, then renamed."""
    from rabta.scheduling.io import schedule_to_xlsx, write_schedule_json

    tmp_json = _atomic_write(
        json_out, lambda p: write_schedule_json(result.schedule, result.report, p)
    )
    try:
        tmp_xlsx = _atomic_write(
            xlsx_out, lambda p: schedule_to_xlsx(problem, result.schedule, result.report, p)
        )
    except BaseException:
        tmp_json.unlink(missing_ok=True)
        raise
    target = json_out
    try:
        os.replace(tmp_json, json_out)
        target = xlsx_out
        os.replace(tmp_xlsx, xlsx_out)
    except OSError as error:  # named by the file asked for, not by the temporary one
        tmp_json.unlink(missing_ok=True)
        tmp_xlsx.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(target)) from error
    except BaseException:
        tmp_json.unlink(missing_ok=True)
        tmp_xlsx.unlink(missing_ok=True)
        raise


def print_report(report: QualityReport) -> None:
    from rich.console import Console
    from rich.table import Table

    from rabta.scheduling.report import change_line, note_line, report_rows

    table = Table(title=_("Schedule quality"), show_header=False)
    table.add_column(_("measure"), style="bold")
    table.add_column(_("value"))
    for k, v in report_rows(report):
        table.add_row(k, v)
    console = Console()
    # what went wrong or was given up comes first, in words, whatever the count
    for m in report.messages[: report.headline]:
        console.print(note_line(m), markup=False)
    console.print(table)
    for ch in report.changes:
        console.print(change_line(ch), markup=False)
    rest = report.messages[report.headline :]
    for m in rest[:30]:
        console.print(note_line(m), markup=False)
    if len(rest) > 30:
        more = len(rest) - 30
        console.print(
            ngettext("note: … and %(count)s more", "note: … and %(count)s more", more)
            % {"count": more},
            markup=False,
        )


def _solve_with_progress(problem: Problem, args) -> Result:
    from rabta.scheduling.solve import solve

    options = {
        "solver": args.solver,
        "time_limit": args.time_limit,
        "seed": args.seed,
        "workers": args.workers,
    }
    if not sys.stderr.isatty():
        return solve(problem, **options)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    cancel = threading.Event()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(_("solving"), total=1.0)
        # translated here, once: CP-SAT reports progress from a thread of its own
        phases = {
            "check": _("checking the input"),
            "bound": _("upper bound"),
            "greedy": _("greedy construction"),
            "local search": _("local search"),
            "lns": _("large-neighbourhood search"),
            "cpsat": _("CP-SAT search"),
            "done": _("done"),
        }
        best_text, bound_text = _("best %(weight)s"), _("bound %(bound)s")

        def progress(ev) -> None:
            parts = [phases.get(ev.phase, ev.phase) + ":"]
            if ev.best_weight is not None:
                parts.append(best_text % {"weight": ev.best_weight})
            if ev.bound is not None:
                parts.append(
                    ("/ " if ev.best_weight is not None else "") + bound_text % {"bound": ev.bound}
                )
            bar.update(task, completed=ev.fraction, description=" ".join(parts))

        try:
            return solve(problem, **options, progress=progress, cancel=cancel)
        except KeyboardInterrupt:  # pragma: no cover - interactive
            cancel.set()
            raise


def main(argv: list[str] | None = None) -> int:
    """``rabta schedule``, in the operator's language (see the module docstring)."""
    with language(environment_language(os.environ)):
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    src = Path(args.input)
    if src.suffix.lower() == ".dzn":
        from rabta.scheduling.b2bsp import main_dzn

        if args.output and same_file(Path(args.output), src):
            _err(refuse_overwrite_message(src))
            return 2
        return main_dzn(src, args.output, args.time_limit, args.seed)
    if bool(args.repair) != bool(args.change):
        _err(_("--repair and --change go together"))
        return 2
    json_out, xlsx_out = output_paths(src, args.output)
    inputs = [src] + ([Path(args.repair)] if args.repair else [])
    inputs += [Path(v) for v in args.change or () if not v.lstrip().startswith(("{", "["))]
    clash = overwritten_input([json_out, xlsx_out], inputs)
    if clash is not None:
        _err(refuse_overwrite_message(clash))
        return 2

    from rabta.scheduling.io import (
        InputError,
        read_problem,
        read_schedule,
    )
    from rabta.scheduling.solve import ProblemInputError, SolverUnavailable

    try:
        problem = read_problem(src)
        if args.repair:
            from rabta.scheduling.repair import repair

            published = read_schedule(args.repair)
            result = repair(problem, published, _parse_changes(args.change), seed=args.seed)
            from rabta.scheduling.repair import apply_changes

            problem = apply_changes(problem, _parse_changes(args.change))
        else:
            result = _solve_with_progress(problem, args)
    except InputError as exc:
        _err(_("bad input in %(file)s:") % {"file": src.name})
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    except ProblemInputError as exc:
        _err(_("bad input in %(file)s:") % {"file": src.name})
        for e in exc.errors:
            print(f"  {e.where}: {e.message}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        _err(str(exc))
        return 2
    except SolverUnavailable as exc:
        _err(str(exc))
        return 2

    try:
        _write_outputs(problem, result, json_out, xlsx_out)
    except OSError as exc:
        _err(
            _("cannot write %(file)s: %(error)s")
            % {"file": exc.filename or json_out, "error": exc.strerror or exc}
        )
        return 2
    print_report(result.report)
    print(_("wrote %(json)s and %(xlsx)s") % {"json": json_out, "xlsx": xlsx_out})
    return 1 if result.report.status == "infeasible" else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
