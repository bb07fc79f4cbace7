"""rabta's meeting-scheduling engine: pure Python, no Django.

See docs/scheduling.md. The public API is re-exported here::

    from rabta.scheduling import solve, repair, validate, check_problem
    result = solve(problem, solver="auto", time_limit=30)
"""

from rabta.scheduling.explain import Unplaced, explain
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
from rabta.scheduling.repair import ChangeSpec, repair
from rabta.scheduling.report import render_text
from rabta.scheduling.solve import (
    InternalSolverError,
    ProblemInputError,
    ProgressEvent,
    SolverUnavailable,
    solve,
)
from rabta.scheduling.validate import ProblemError, Violation, check_problem, validate

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
