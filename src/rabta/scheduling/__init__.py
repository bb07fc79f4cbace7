"""rabta's meeting-scheduling engine: pure Python, no Django.

See docs/scheduling.md. The public API is re-exported here::

    from rabta.scheduling import solve, repair, validate, check_problem
    result = solve(problem, solver="auto", time_limit=30)

The solvers are imported on first use (PEP 562), so that ``rabta schedule
X.dzn`` and the web app's model code do not pay for the greedy, local search,
repair and explanation modules they may never call. Three of those names are
also the names of their modules (``solve``, ``repair``, ``explain``): the
package keeps the *function* under that name even after the submodule is
imported (:class:`_Package`), as the eager imports used to.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from rabta.scheduling.model import (
    Change,
    Interpreter,
    Lock,
    Meeting,
    Participant,
    Precedence,
    Problem,
    QualityReport,
    Request,
    Result,
    Schedule,
    Slot,
    Table,
)
from rabta.scheduling.validate import ProblemError, Violation, check_problem, validate

if TYPE_CHECKING:  # pragma: no cover - for readers and type checkers only
    from rabta.scheduling.explain import Unplaced, explain
    from rabta.scheduling.repair import ChangeSpec, repair
    from rabta.scheduling.report import render_text
    from rabta.scheduling.solve import (
        InternalSolverError,
        ProblemInputError,
        ProgressEvent,
        SolverUnavailable,
        solve,
    )

#: name → the module that defines it, imported on first access
_LAZY = {
    "Unplaced": "rabta.scheduling.explain",
    "explain": "rabta.scheduling.explain",
    "ChangeSpec": "rabta.scheduling.repair",
    "repair": "rabta.scheduling.repair",
    "render_text": "rabta.scheduling.report",
    "InternalSolverError": "rabta.scheduling.solve",
    "ProblemInputError": "rabta.scheduling.solve",
    "ProgressEvent": "rabta.scheduling.solve",
    "SolverUnavailable": "rabta.scheduling.solve",
    "solve": "rabta.scheduling.solve",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(types.ModuleType):
    """The package's module type: importing the submodule ``rabta.scheduling.solve``
    sets the package's attribute ``solve`` to that module; for the names of
    :data:`_LAZY` that is ignored, so the attribute stays (or becomes, through
    :func:`__getattr__`) the function, as with eager imports."""

    def __setattr__(self, name: str, value) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Change",
    "ChangeSpec",
    "Interpreter",
    "InternalSolverError",
    "Lock",
    "Precedence",
    "Meeting",
    "Participant",
    "Problem",
    "ProblemError",
    "ProblemInputError",
    "ProgressEvent",
    "QualityReport",
    "Request",
    "Result",
    "Schedule",
    "Slot",
    "SolverUnavailable",
    "Table",
    "Unplaced",
    "Violation",
    "check_problem",
    "explain",
    "render_text",
    "repair",
    "solve",
    "validate",
]
