"""Peer (c): MiniZinc + Gecode on benchmarks/peers/b2bsp.mzn.

Installs Debian's ``minizinc`` package with apt-get when missing and running
as root; otherwise the peer is skipped with a clear note.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from benchmarks.peers.common import PeerResult

MODEL = Path(__file__).with_name("b2bsp.mzn")


def ensure_minizinc() -> str | None:
    """Path of the minizinc binary, installing it if possible; None if unavailable."""
    found = shutil.which("minizinc")
    if found or os.geteuid() != 0:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], capture_output=True, env=env, check=False)
    subprocess.run(
        ["apt-get", "install", "-y", "minizinc"], capture_output=True, env=env, check=False
    )
    return shutil.which("minizinc")


def solve(dzn: Path, time_limit: float) -> PeerResult:
    exe = ensure_minizinc()
    if exe is None:
        return PeerResult(
            "MiniZinc/Gecode", "skipped", note="minizinc not installed (needs root for apt-get)"
        )
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [
            exe,
            "--solver",
            "gecode",
            "-a",
            "--output-time",
            "--time-limit",
            str(int(time_limit * 1000)),
            str(MODEL),
            str(dzn),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    history: list[tuple[float, int]] = []
    status = "unknown"
    assert proc.stdout is not None
    for line in proc.stdout:
        m = re.match(r"breaks = (\d+);", line)
        if m:
            history.append((time.monotonic() - t0, int(m.group(1))))
            status = "feasible"
        if line.startswith("=========="):
            status = "optimal"
        if line.startswith("=====UNSATISFIABLE"):
            status = "infeasible"
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    seconds = time.monotonic() - t0
    if proc.returncode not in (0,) and not history:
        return PeerResult("MiniZinc/Gecode", "unknown", seconds=seconds, note=err.strip()[:200])
    best = history[-1][1] if history else None
    return PeerResult(
        "MiniZinc/Gecode",
        status,
        breaks=best,
        lower_bound=best if status == "optimal" else None,
        time_to_best=history[-1][0] if history else None,
        time_to_proof=seconds if status == "optimal" else None,
        seconds=seconds,
        history=history,
    )
