"""What every peer returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PeerResult:
    solver: str
    status: str  # "optimal" | "feasible" | "infeasible" | "unknown" | "skipped"
    breaks: int | None = None
    lower_bound: int | None = None
    time_to_best: float | None = None
    time_to_proof: float | None = None
    seconds: float = 0.0
    note: str = ""
    load: float | None = None  # the machine's 1-minute load average when run
    history: list[tuple[float, int]] = field(default_factory=list)
