"""Peer (d): the incremental SAT solver of vudangducminh/B2B-Meeting-Scheduling-Problem.

``incsat.py`` (CaDiCaL 1.9.5 through python-sat, a totalizer on the breaks and a
search on its bound) is run as it is published, never copied into this
repository: its files are checked out at benchmark time from a git directory
— $RABTA_INCSAT_REPO, else the mirror the ``fetch`` tool leaves at
/work/.mirror/vudangducminh+B2B-Meeting-Scheduling-Problem/repo — into a
temporary folder, with only the one instance in its ``input/`` folder (the
script solves every ``input/*original*.dzn`` it finds). Its own copy of the
instance (``input/<name>.original.dzn``; the same instance as ours, written
with one field a line, which its line-based reader needs) is used.

The time reported is the wall time of the whole process (Python start-up and
imports included) — compared with the same for ``rabta schedule``; incsat's own
"Total Runtime" (from reading the file to the proof, without start-up and
without its final self-check) goes into the note.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.peers.common import PeerResult

MIRROR = Path("/work/.mirror/vudangducminh+B2B-Meeting-Scheduling-Problem/repo")
NAME = "incsat (CaDiCaL)"


def repository() -> Path | None:
    path = Path(os.environ.get("RABTA_INCSAT_REPO", MIRROR))
    return path if path.exists() else None


def _git(repo: Path, *args: str) -> bytes:
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], capture_output=True, check=True
    ).stdout


def commit() -> str:
    repo = repository()
    return _git(repo, "rev-parse", "--short", "HEAD").decode().strip() if repo else ""


def solve(name: str, time_limit: float) -> PeerResult:
    """Run incsat.py on the original instance ``name`` (e.g. "tic-13crafc")."""
    repo = repository()
    if repo is None:
        return PeerResult(NAME, "skipped", note="repository not found (set RABTA_INCSAT_REPO)")
    with tempfile.TemporaryDirectory(prefix="rabta-incsat-") as tmp:
        work = Path(tmp)
        try:
            (work / "incsat.py").write_bytes(_git(repo, "show", "HEAD:incsat.py"))
            instance = _git(repo, "show", f"HEAD:input/{name}.original.dzn")
        except subprocess.CalledProcessError:
            return PeerResult(NAME, "skipped", note=f"no input/{name}.original.dzn in the repo")
        (work / "input").mkdir()
        (work / "example_output").mkdir()
        (work / "input" / f"{name}.original.dzn").write_bytes(instance)
        t0 = time.monotonic()
        try:
            run = subprocess.run(
                [sys.executable, "incsat.py"],
                cwd=work,
                capture_output=True,
                text=True,
                timeout=time_limit,
            )
        except subprocess.TimeoutExpired:
            return PeerResult(NAME, "unknown", seconds=time.monotonic() - t0, note="time limit")
        seconds = time.monotonic() - t0
        out = work / "example_output" / f"{name}.original.dzn"
        text = out.read_text() if out.exists() else ""
    cost = re.search(r"Incremental SAT found with cost: (\d+)", text)
    total = re.search(r"Total Runtime: ([\d.]+)", text)
    solved = re.search(r"Incremental SAT solving completed in ([\d.]+)", run.stdout)
    if run.returncode != 0 or cost is None:
        tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        return PeerResult(NAME, "unknown", seconds=seconds, note=f"failed: {tail[0][:80]}")
    own = float(total.group(1)) if total else None
    # the search ends when the bound meets the best cost: the cost is proven optimal
    return PeerResult(
        NAME,
        "optimal",
        breaks=int(cost.group(1)),
        lower_bound=int(cost.group(1)),
        time_to_best=seconds,
        time_to_proof=seconds,
        seconds=seconds,
        note=f"own total {own:.2f} s"
        + (" (solve " + solved.group(1)[:5] + " s)" if solved else ""),
    )
