"""rabta's meeting-scheduling engine: pure Python, no Django.

See docs/scheduling.md. The public API is re-exported here.
"""

from rabta.scheduling.model import (
    Change,
    Interpreter,
    Lock,
    Meeting,
    Participant,
    Problem,
    QualityReport,
    Request,
    Result,
    Schedule,
    Slot,
    Table,
)

__all__ = [
    "Change",
    "Interpreter",
    "Lock",
    "Meeting",
    "Participant",
    "Problem",
    "QualityReport",
    "Request",
    "Result",
    "Schedule",
    "Slot",
    "Table",
]
