"""Read and write problems and schedules: JSON and XLSX (see docs/scheduling.md).

Every bad input raises :class:`InputError` listing all problems found, each
with its sheet (or JSON section), row (1-based, as Excel shows it; for JSON
the 1-based position in the list) and field.

``python -m rabta.scheduling.io --write-template PATH`` writes the example
input workbook (docs/examples/schedule-template.xlsx).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rabta.scheduling.i18n import _
from rabta.scheduling.model import (
    GroupMeeting,
    GroupSession,
    Interpreter,
    Lock,
    Meeting,
    Participant,
    Precedence,
    Problem,
    QualityReport,
    Request,
    Schedule,
    Slot,
    Table,
)
from rabta.scheduling.validate import check_problem

SHEETS = (
    "participants",
    "requests",
    "slots",
    "tables",
    "interpreters",
    "locks",
    "groups",
    "precedences",
)
REQUIRED_SHEETS = ("participants", "requests", "slots", "tables", "interpreters")
NONEMPTY_SHEETS = ("participants", "requests", "slots")
COLUMNS: dict[str, tuple[tuple[str, bool], ...]] = {
    # (column, required)
    "participants": (
        ("id", True),
        ("name", False),
        ("languages", False),
        ("available", False),
        ("stand", False),
        ("max_meetings", False),
        ("organisation", False),
    ),
    "requests": (
        ("id", False),
        ("a", True),
        ("b", True),
        ("weight", False),
        ("required", False),
        ("sessions", False),
        ("online", False),
    ),
    "slots": (("id", True), ("session", True), ("start", False), ("end", False)),
    "tables": (("id", True), ("available", False), ("capacity", False)),
    "interpreters": (("id", True), ("name", False), ("languages", True), ("available", False)),
    "locks": (("request", True), ("slot", True), ("table", False), ("interpreter", False)),
    "groups": (
        ("id", True),
        ("host", True),
        ("members", False),
        ("capacity", False),
        ("topic", False),
        ("slot", False),
        ("sessions", False),
    ),
    # request ``before`` is met in an earlier slot than request ``after``
    "precedences": (("before", True), ("after", True)),
}


@dataclass(frozen=True, slots=True)
class InputProblem:
    sheet: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        # sheet and field are names of the file format: they stay as they are in every language
        values = {
            "sheet": self.sheet,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }
        if self.row is not None and self.field:
            return _("%(sheet)s, row %(row)s, %(field)s: %(message)s") % values
        if self.row is not None:
            return _("%(sheet)s, row %(row)s: %(message)s") % values
        if self.field:
            return _("%(sheet)s, %(field)s: %(message)s") % values
        return _("%(sheet)s: %(message)s") % values


class InputError(ValueError):
    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --------------------------------------------------------------------------- cell parsing


# The largest whole number a problem file may hold (a weight, a capacity, a meeting count).
MAX_WHOLE = 1_000_000


class _Rows:
    """Collects problems while converting raw records (dicts) into model objects."""

    def __init__(self) -> None:
        self.problems: list[InputProblem] = []
        self.where: dict[tuple[str, str], int] = {}  # (sheet, id) -> row

    def err(self, sheet: str, row: int | None, field: str | None, msg: str) -> None:
        self.problems.append(InputProblem(sheet, row, field, msg))

    def text(self, v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    def id(self, sheet: str, row: int, field: str, v: Any, required: bool = True) -> str:
        s = self.text(v)
        if required and not s:
            self.err(sheet, row, field, _("is empty"))
        return s

    def int_(self, sheet: str, row: int, field: str, v: Any, default: int | None) -> int | None:
        if v is None or (isinstance(v, str) and not v.strip()):
            return default
        if isinstance(v, bool):
            self.err(sheet, row, field, _("%(value)s is not a whole number") % {"value": repr(v)})
            return default
        value = None
        if isinstance(v, int):
            value = v
        elif isinstance(v, float) and v.is_integer():
            value = int(v)
        else:
            s = str(v).strip()
            if re.fullmatch(r"[+-]?\d{1,30}", s):
                value = int(s)
            elif re.fullmatch(r"[+-]?\d+", s):
                value = MAX_WHOLE + 1  # thousands of digits: too large, whatever it says
        if value is None:
            self.err(sheet, row, field, _("%(value)s is not a whole number") % {"value": repr(v)})
            return default
        if abs(value) > MAX_WHOLE:
            # a weight, a capacity or a number of meetings: no event needs more, and the
            # solver cannot hold a number beyond 64 bits
            self.err(
                sheet,
                row,
                field,
                _("the number is too large (at most %(maximum)s)") % {"maximum": MAX_WHOLE},
            )
            return default
        return value

    def bool_(self, sheet: str, row: int, field: str, v: Any) -> bool:
        if v is None or v == "":
            return False
        if isinstance(v, bool):
            return v
        s = str(v).strip().lower()
        if s in ("1", "yes", "y", "true", "x", "oui", "ja", "да", "ہاں", "نعم"):
            return True
        if s in ("0", "no", "n", "false", "non", "nein", "нет", "نہیں", "لا"):
            return False
        self.err(sheet, row, field, _("%(value)s is not yes/no") % {"value": repr(v)})
        return False

    def list_(self, v: Any) -> list[str]:
        if v is None:
            return []
        if isinstance(v, list | tuple):
            return [self.text(x) for x in v if self.text(x)]
        return [x.strip() for x in re.split(r"[,;\u060c\u061b\n]", str(v)) if x.strip()]

    def slots_(
        self, sheet: str, row: int, field: str, v: Any, slot_ids: list[str]
    ) -> frozenset[str] | None:
        """Blank: all slots; ``none`` (or an empty JSON list): no slot. Else ids
        and ranges ``s1-01..s1-06`` (in slot order)."""
        if v is None:
            return None
        if isinstance(v, list | tuple) and not v:
            return frozenset()
        if isinstance(v, str) and v.strip().lower() in ("none", "-"):
            return frozenset()
        items = self.list_(v)
        if not items:
            return None
        out: set[str] = set()
        for item in items:
            if ".." in item:
                lo, hi = (x.strip() for x in item.split("..", 1))
                if lo not in slot_ids or hi not in slot_ids:
                    self.err(
                        sheet,
                        row,
                        field,
                        _("range %(range)s names an unknown slot") % {"range": repr(item)},
                    )
                    continue
                i, j = slot_ids.index(lo), slot_ids.index(hi)
                if i > j:
                    self.err(
                        sheet,
                        row,
                        field,
                        _("range %(range)s runs backwards") % {"range": repr(item)},
                    )
                    continue
                out.update(slot_ids[i : j + 1])
            else:
                if slot_ids and item not in slot_ids:
                    self.err(sheet, row, field, _("unknown slot %(slot)s") % {"slot": repr(item)})
                    continue
                out.add(item)
        return frozenset(out)

    def time_(self, sheet: str, row: int, field: str, v: Any) -> datetime | None:
        if v is None or v == "":
            return None
        if isinstance(v, datetime):
            return v
        try:
            return datetime.fromisoformat(str(v).strip())
        except ValueError:
            self.err(
                sheet,
                row,
                field,
                _("%(value)s is not a date and time (e.g. 2026-05-12 09:00)") % {"value": repr(v)},
            )
            return None


def problem_from_records(
    records: dict[str, list[tuple[int, dict[str, Any]]]], name: str = "", kind: str = "sheet"
) -> Problem:
    """Build a Problem from ``{sheet: [(row, {column: value})]}``; raises InputError."""
    rd = _Rows()
    slots: list[Slot] = []
    for row, d in records.get("slots", []):
        sid = rd.id("slots", row, "id", d.get("id"))
        session = rd.id("slots", row, "session", d.get("session"))
        start = rd.time_("slots", row, "start", d.get("start"))
        end = rd.time_("slots", row, "end", d.get("end"))
        if start and end and end <= start:
            rd.err("slots", row, "end", _("the slot ends before it starts"))
        if sid:
            rd.where.setdefault(("slots", sid), row)
        slots.append(Slot(sid, session, start, end))
    timed = [(rd.where.get(("slots", s.id)), s) for s in slots if s.start and s.end]
    for (_r1, s1), (r2, s2) in zip(timed, timed[1:], strict=False):
        if s2.start < s1.end:  # type: ignore[operator]
            rd.err(
                "slots",
                r2,
                "start",
                _("slot %(slot)s overlaps slot %(other)s or is out of time order")
                % {"slot": s2.id, "other": s1.id},
            )
    slot_ids = [s.id for s in slots]

    participants = []
    for row, d in records.get("participants", []):
        pid = rd.id("participants", row, "id", d.get("id"))
        rd.where.setdefault(("participants", pid), row)
        mm = rd.int_("participants", row, "max_meetings", d.get("max_meetings"), None)
        if mm is not None and mm < 0:
            rd.err("participants", row, "max_meetings", _("must not be negative"))
        participants.append(
            Participant(
                id=pid,
                name=rd.text(d.get("name")),
                languages=frozenset(x.lower() for x in rd.list_(d.get("languages"))),
                available=rd.slots_("participants", row, "available", d.get("available"), slot_ids),
                stand=rd.text(d.get("stand")) or None,
                max_meetings=mm,
                organisation=rd.text(d.get("organisation")) or None,
            )
        )
    people = {p.id for p in participants} | {p.organisation for p in participants if p.organisation}
    sessions = {s.session for s in slots}

    requests = []
    for n, (row, d) in enumerate(records.get("requests", []), start=1):
        rid = rd.text(d.get("id")) or f"r{n}"
        rd.where.setdefault(("requests", rid), row)
        a = rd.id("requests", row, "a", d.get("a"))
        b = rd.id("requests", row, "b", d.get("b"))
        for f, pid in (("a", a), ("b", b)):
            if pid and pid not in people:
                rd.err(
                    "requests",
                    row,
                    f,
                    _("unknown participant %(participant)s") % {"participant": repr(pid)},
                )
        w = rd.int_("requests", row, "weight", d.get("weight"), 1)
        if w is not None and w <= 0:
            rd.err("requests", row, "weight", _("%(weight)s is not positive") % {"weight": w})
        sess = rd.list_(d.get("sessions"))
        for s in sess:
            if s not in sessions:
                rd.err(
                    "requests",
                    row,
                    "sessions",
                    _("unknown session %(session)s") % {"session": repr(s)},
                )
        requests.append(
            Request(
                rid,
                a,
                b,
                w or 1,
                rd.bool_("requests", row, "required", d.get("required")),
                frozenset(sess) if sess else None,
                rd.bool_("requests", row, "online", d.get("online")),
            )
        )

    tables = []
    for row, d in records.get("tables", []):
        tid = rd.id("tables", row, "id", d.get("id"))
        rd.where.setdefault(("tables", tid), row)
        seats = rd.int_("tables", row, "capacity", d.get("capacity"), 2)
        if seats is not None and seats < 2:
            rd.err("tables", row, "capacity", _("a table seats at least two people"))
        tables.append(
            Table(
                tid,
                rd.slots_("tables", row, "available", d.get("available"), slot_ids),
                seats or 2,
            )
        )
    interpreters = []
    for row, d in records.get("interpreters", []):
        iid = rd.id("interpreters", row, "id", d.get("id"))
        rd.where.setdefault(("interpreters", iid), row)
        interpreters.append(
            Interpreter(
                iid,
                rd.text(d.get("name")),
                frozenset(x.lower() for x in rd.list_(d.get("languages"))),
                rd.slots_("interpreters", row, "available", d.get("available"), slot_ids),
            )
        )
    locks = []
    for row, d in records.get("locks", []):
        rid = rd.id("locks", row, "request", d.get("request"))
        rd.where.setdefault(("locks", rid), row)
        locks.append(
            Lock(
                rid,
                rd.id("locks", row, "slot", d.get("slot")),
                rd.text(d.get("table")) or None,
                rd.text(d.get("interpreter")) or None,
            )
        )
    groups = []
    for row, d in records.get("groups", []):
        gid = rd.id("groups", row, "id", d.get("id"))
        rd.where.setdefault(("groups", gid), row)
        capacity = rd.int_("groups", row, "capacity", d.get("capacity"), 10)
        sess = rd.list_(d.get("sessions"))
        groups.append(
            GroupSession(
                gid,
                rd.id("groups", row, "host", d.get("host")),
                tuple(rd.list_(d.get("members"))),
                10 if capacity is None else capacity,
                rd.text(d.get("topic")),
                rd.text(d.get("slot")) or None,
                frozenset(sess) if sess else None,
            )
        )
    precedences = []
    for k, (row, d) in enumerate(records.get("precedences", []), start=1):
        rd.where.setdefault(("precedences", str(k)), row)
        precedences.append(
            Precedence(
                rd.id("precedences", row, "before", d.get("before")),
                rd.id("precedences", row, "after", d.get("after")),
            )
        )
    problem = Problem(
        tuple(slots),
        tuple(participants),
        tuple(requests),
        tuple(tables),
        tuple(interpreters),
        tuple(locks),
        name,
        tuple(groups),
        precedences=tuple(precedences),
    )
    if not rd.problems:
        # semantic checks, reported at the row that holds the culprit
        for e in check_problem(problem):
            if e.severity != "error":
                continue
            row = rd.where.get((e.kind, e.id or "")) if e.kind else None
            field = e.field if e.field != "id" else "id"
            rd.err(e.kind or "problem", row, field, e.message)
    if rd.problems:
        raise InputError(rd.problems)
    return problem


# --------------------------------------------------------------------------- JSON


def problem_to_json(problem: Problem) -> dict[str, Any]:
    def av(a: frozenset[str] | None) -> list[str] | None:
        if a is None:
            return None
        order = {s.id: i for i, s in enumerate(problem.slots)}
        return sorted(a, key=lambda s: (order.get(s, 1 << 30), s))

    def t(x: datetime | None) -> str | None:
        return None if x is None else x.isoformat(timespec="minutes")

    out = {
        "name": problem.name,
        "slots": [
            {"id": s.id, "session": s.session, "start": t(s.start), "end": t(s.end)}
            for s in problem.slots
        ],
        "participants": [
            {
                "id": p.id,
                "name": p.name,
                "languages": sorted(p.languages),
                "available": av(p.available),
                "stand": p.stand,
                "max_meetings": p.max_meetings,
            }
            for p in problem.participants
        ],
        "requests": [
            {
                "id": r.id,
                "a": r.a,
                "b": r.b,
                "weight": r.weight,
                "required": r.required,
                "sessions": None if r.sessions is None else sorted(r.sessions),
                **({"online": True} if r.online else {}),
            }
            for r in problem.requests
        ],
        "tables": [{"id": x.id, "available": av(x.available)} for x in problem.tables],
        "interpreters": [
            {
                "id": i.id,
                "name": i.name,
                "languages": sorted(i.languages),
                "available": av(i.available),
            }
            for i in problem.interpreters
        ],
        "locks": [
            {
                "request": lk.request,
                "slot": lk.slot,
                "table": lk.table,
                "interpreter": lk.interpreter,
            }
            for lk in problem.locks
        ],
    }
    # the formats of several representatives, group sessions and precedences, only when used
    if problem.precedences:
        out["precedences"] = [
            {"before": pr.before, "after": pr.after} for pr in problem.precedences
        ]
    for p, row in zip(problem.participants, out["participants"], strict=True):
        if p.organisation is not None:
            row["organisation"] = p.organisation
    for t, row in zip(problem.tables, out["tables"], strict=True):
        if t.capacity != 2:
            row["capacity"] = t.capacity
    if problem.groups:
        out["groups"] = [
            {
                "id": g.id,
                "host": g.host,
                "members": list(g.members),
                "capacity": g.capacity,
                "topic": g.topic,
                "slot": g.slot,
                "sessions": None if g.sessions is None else sorted(g.sessions),
            }
            for g in problem.groups
        ]
    return out


def problem_from_json(data: Any, name: str = "") -> Problem:
    if not isinstance(data, dict):
        raise InputError([InputProblem("(file)", None, None, _("the JSON must be an object"))])
    problems: list[InputProblem] = []
    records: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for sheet in SHEETS:
        items = data.get(sheet, [] if sheet not in NONEMPTY_SHEETS else None)
        if items is None:
            problems.append(InputProblem(sheet, None, None, _("missing")))
            continue
        if not isinstance(items, list):
            problems.append(InputProblem(sheet, None, None, _("must be a list")))
            continue
        if not items and sheet in NONEMPTY_SHEETS:
            problems.append(InputProblem(sheet, None, None, _("is empty")))
        known = {c for c, _required in COLUMNS[sheet]}
        rows = []
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(InputProblem(sheet, i, None, _("must be an object")))
                continue
            for k in sorted(set(item) - known):
                problems.append(InputProblem(sheet, i, k, _("unknown field")))
            for col, req in COLUMNS[sheet]:
                if (
                    req
                    and item.get(col) in (None, "")
                    and not (sheet == "requests" and col == "id")
                ):
                    problems.append(InputProblem(sheet, i, col, _("is missing")))
            rows.append((i, item))
        records[sheet] = rows
    if problems:
        raise InputError(problems)
    return problem_from_records(records, str(data.get("name") or name), kind="json")


def meeting_to_json(m: Meeting) -> dict[str, Any]:
    out = {
        "request": m.request,
        "slot": m.slot,
        "table": m.table,
        "stand": m.stand,
        "interpreter": m.interpreter,
    }
    if m.a is not None or m.b is not None:  # the persons who meet (several representatives)
        out["a"], out["b"] = m.a, m.b
    return out


def schedule_to_json(schedule: Schedule, report: QualityReport | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"meetings": [meeting_to_json(m) for m in schedule.meetings]}
    if schedule.groups:
        out["groups"] = [
            {"group": g.group, "slot": g.slot, "table": g.table, "interpreter": g.interpreter}
            for g in schedule.groups
        ]
    if report is not None:
        rep = {
            k: getattr(report, k)
            for k in report.__dataclass_fields__
            if k not in ("changes", "messages")
        }
        rep["messages"] = list(report.messages)
        rep["changes"] = [
            {
                "request": ch.request,
                "kind": ch.kind,
                "participants": list(ch.participants),
                "before": None if ch.before is None else meeting_to_json(ch.before),
                "after": None if ch.after is None else meeting_to_json(ch.after),
            }
            for ch in report.changes
        ]
        out["report"] = rep
    return out


def schedule_from_json(data: Any) -> Schedule:
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise InputError(
            [
                InputProblem(
                    "meetings", None, None, _("a schedule is an object with a 'meetings' list")
                )
            ]
        )
    problems = []
    meetings = []
    for i, m in enumerate(data["meetings"], start=1):
        if not isinstance(m, dict):
            problems.append(InputProblem("meetings", i, None, _("must be an object")))
            continue
        for f in ("request", "slot"):
            if not m.get(f):
                problems.append(InputProblem("meetings", i, f, _("is missing")))
        meetings.append(
            Meeting(
                str(m.get("request", "")),
                str(m.get("slot", "")),
                m.get("table"),
                m.get("stand"),
                m.get("interpreter"),
                m.get("a"),
                m.get("b"),
            )
        )
    groups = []
    for i, g in enumerate(data.get("groups") or [], start=1):
        if not isinstance(g, dict):
            problems.append(InputProblem("groups", i, None, _("must be an object")))
            continue
        for f in ("group", "slot", "table"):
            if not g.get(f):
                problems.append(InputProblem("groups", i, f, _("is missing")))
        groups.append(
            GroupMeeting(
                str(g.get("group", "")),
                str(g.get("slot", "")),
                str(g.get("table", "")),
                g.get("interpreter"),
            )
        )
    if problems:
        raise InputError(problems)
    return Schedule(tuple(meetings), tuple(groups))


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:  # a directory, a file one may not read
        raise InputError(
            [
                InputProblem(
                    path.name,
                    None,
                    None,
                    _("cannot read the file: %(error)s") % {"error": exc.strerror or exc},
                )
            ]
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            [InputProblem(path.name, None, None, _("not UTF-8 text: %(error)s") % {"error": exc})]
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                InputProblem(
                    path.name,
                    exc.lineno,
                    None,
                    _("invalid JSON: %(error)s (column %(column)s)")
                    % {"error": exc.msg, "column": exc.colno},
                )
            ]
        ) from exc
    except ValueError as exc:  # a number of thousands of digits
        raise InputError(
            [InputProblem(path.name, None, None, _("a number in the file is too long"))]
        ) from exc
    except RecursionError as exc:  # [[[[… or {"a": {"a": … thousands deep: a traceback
        raise InputError(
            [InputProblem(path.name, None, None, _("the JSON is nested too deeply"))]
        ) from exc


# --------------------------------------------------------------------------- XLSX


def problem_from_xlsx(path: Path | str) -> Problem:
    import zipfile

    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            [
                InputProblem(
                    path.name, None, None, _("not an XLSX workbook: %(error)s") % {"error": exc}
                )
            ]
        ) from exc
    problems: list[InputProblem] = []
    records: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    names = {n.strip().lower(): n for n in wb.sheetnames}
    for sheet in SHEETS:
        if sheet not in names:
            if sheet in REQUIRED_SHEETS:
                problems.append(InputProblem(sheet, None, None, _("sheet is missing")))
            continue
        ws = wb[names[sheet]]
        rows = list(ws.iter_rows(values_only=True))
        while rows and all(v is None or str(v).strip() == "" for v in rows[-1]):
            rows.pop()
        if not rows:
            problems.append(InputProblem(sheet, None, None, _("sheet is empty (no header row)")))
            continue
        header = [str(v).strip().lower() if v is not None else "" for v in rows[0]]
        known = {c for c, _required in COLUMNS[sheet]}
        for j, h in enumerate(header):
            if h and h not in known:
                problems.append(
                    InputProblem(
                        sheet,
                        1,
                        h,
                        _("unknown column (expected %(columns)s)")
                        % {"columns": ", ".join(sorted(known))},
                    )
                )
            if h and header.index(h) != j:
                problems.append(InputProblem(sheet, 1, h, _("column appears twice")))
        for col, req in COLUMNS[sheet]:
            if req and col not in header:
                problems.append(InputProblem(sheet, 1, col, _("required column is missing")))
        data_rows = []
        for i, values in enumerate(rows[1:], start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            rec = {h: values[j] if j < len(values) else None for j, h in enumerate(header) if h}
            for col, req in COLUMNS[sheet]:
                if req and col in header and rd_empty(rec.get(col)):
                    problems.append(InputProblem(sheet, i, col, _("is empty")))
            data_rows.append((i, rec))
        if not data_rows and sheet in NONEMPTY_SHEETS:
            problems.append(InputProblem(sheet, None, None, _("sheet has no data rows")))
        records[sheet] = data_rows
    wb.close()
    if problems:
        raise InputError(problems)
    return problem_from_records(records, path.stem.removesuffix("-template"))


def rd_empty(v: Any) -> bool:
    return v is None or str(v).strip() == ""


def problem_to_xlsx(problem: Problem, path: Path | str) -> None:
    """Write ``problem`` as an input workbook (the template format)."""
    from openpyxl import Workbook

    data = problem_to_json(problem)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        if (sheet == "groups" and not problem.groups) or (
            sheet == "precedences" and not problem.precedences
        ):
            continue  # an optional sheet, written when used
        ws = wb.create_sheet(sheet)
        cols = [c for c, _required in COLUMNS[sheet]]
        _append(ws, cols)
        for item in data[sheet]:
            row = []
            for col in cols:
                v = item.get(col)
                if isinstance(v, list):
                    v = ", ".join(v) if v or col != "available" else "none"
                elif col in ("start", "end") and v:
                    v = datetime.fromisoformat(v)
                elif isinstance(v, bool):
                    v = "yes" if v else ""
                row.append(v)
            _append(ws, row)
        _autosize(ws)
    wb.save(path)


def _append(ws, values) -> None:
    """A row whose texts are never formulas: a participant named "=HYPERLINK(…)" is a text cell
    (rabta.core.spreadsheets)."""
    from rabta.core.spreadsheets import xlsx_row

    ws.append(xlsx_row(ws, values))


def _autosize(ws) -> None:
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths: dict[str, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                widths[cell.column_letter] = max(
                    widths.get(cell.column_letter, 0), min(60, len(str(cell.value)))
                )
    for col, w in widths.items():
        ws.column_dimensions[col].width = w + 2
    ws.freeze_panes = "B2"


def schedule_to_xlsx(
    problem: Problem, schedule: Schedule, report: QualityReport | None, path: Path | str
) -> None:
    """Output workbook: report, agendas (per participant), tables, interpreters, unscheduled."""
    from openpyxl import Workbook

    from rabta.scheduling.report import change_kind_label, describe, report_rows

    req = {r.id: r for r in problem.requests}
    slot = {s.id: s for s in problem.slots}
    names = {p.id: p.name or p.id for p in problem.participants}
    order = {s.id: i for i, s in enumerate(problem.slots)}
    meetings = sorted(schedule.meetings, key=lambda m: (order.get(m.slot, 0), m.request))

    def when(sid: str) -> str:
        s = slot.get(sid)
        if s is None or s.start is None:
            return ""
        end = f"–{s.end:%H:%M}" if s.end else ""
        return f"{s.start:%Y-%m-%d %H:%M}{end}"

    wb = Workbook()
    ws = wb.active
    ws.title = "report"
    _append(ws, ["measure", "value"])
    if report is not None:
        for k, v in report_rows(report):
            _append(ws, [k, v])
        for m in report.messages:
            _append(ws, [_("note"), m])
        for ch in report.changes:
            _append(
                ws,
                [
                    _("change: %(kind)s") % {"kind": change_kind_label(ch.kind)},
                    f"{ch.request} ({', '.join(ch.participants)}): {describe(ch)}",
                ],
            )
    _autosize(ws)

    ws = wb.create_sheet("agendas")
    _append(
        ws,
        [
            "participant",
            "name",
            "slot",
            "time",
            "with",
            "with name",
            "where",
            "interpreter",
            "request",
        ],
    )
    rows = []
    for m in meetings:
        r = req[m.request]
        where = m.table if m.table else f"stand {m.stand}" if m.stand else ""
        a, b = m.a or r.a, m.b or r.b  # the persons who meet (several representatives)
        for me, other in ((a, b), (b, a)):
            rows.append(
                (
                    me,
                    order.get(m.slot, 0),
                    [
                        me,
                        names.get(me, me),
                        m.slot,
                        when(m.slot),
                        other,
                        names.get(other, other),
                        where,
                        m.interpreter or "",
                        m.request,
                    ],
                )
            )
    groups = {g.id: g for g in problem.groups}
    for gm in schedule.groups:
        g = groups.get(gm.group)
        if g is None:
            continue
        for me in (g.host, *g.members):
            others = [x for x in (g.host, *g.members) if x != me]
            rows.append(
                (
                    me,
                    order.get(gm.slot, 0),
                    [
                        me,
                        names.get(me, me),
                        gm.slot,
                        when(gm.slot),
                        ", ".join(others),
                        g.topic or g.id,
                        gm.table,
                        gm.interpreter or "",
                        g.id,
                    ],
                )
            )
    pos = {p.id: i for i, p in enumerate(problem.participants)}
    for _who, _order, row in sorted(rows, key=lambda x: (pos.get(x[0], 0), x[1])):
        _append(ws, row)
    _autosize(ws)

    for title, key, ids in (
        ("tables", "table", [t.id for t in problem.tables]),
        ("interpreters", "interpreter", [i.id for i in problem.interpreters]),
    ):
        ws = wb.create_sheet(title)
        _append(ws, [key, *[s.id for s in problem.slots]])
        grid: dict[tuple[str, str], str] = {}
        for m in meetings:
            k = getattr(m, key)
            if k:
                r = req[m.request]
                grid[(k, m.slot)] = f"{m.a or r.a} – {m.b or r.b}"
        for gm in schedule.groups:
            k = getattr(gm, key)
            if k:
                grid[(k, gm.slot)] = gm.group
        for k in ids:
            _append(ws, [k, *[grid.get((k, s.id), "") for s in problem.slots]])
        _autosize(ws)

    ws = wb.create_sheet("unscheduled")
    _append(ws, ["request", "a", "b", "weight", "required"])
    met = {m.request for m in meetings}
    for r in problem.requests:
        if r.id not in met:
            _append(ws, [r.id, r.a, r.b, r.weight, "yes" if r.required else ""])
    _autosize(ws)
    wb.save(path)


# --------------------------------------------------------------------------- files


def read_problem(path: Path | str) -> Problem:
    path = Path(path)
    if not path.exists():
        raise InputError([InputProblem(path.name, None, None, _("file not found"))])
    suffix = path.suffix.lower()
    if suffix == ".json":
        return problem_from_json(_load_json(path), path.stem)
    if suffix in (".xlsx", ".xlsm"):
        return problem_from_xlsx(path)
    raise InputError([InputProblem(path.name, None, None, _("use a .json or .xlsx file"))])


def read_schedule(path: Path | str) -> Schedule:
    path = Path(path)
    if not path.exists():
        raise InputError([InputProblem(path.name, None, None, _("file not found"))])
    return schedule_from_json(_load_json(path))


def write_problem_json(problem: Problem, path: Path | str) -> None:
    Path(path).write_text(json.dumps(problem_to_json(problem), indent=1, ensure_ascii=False) + "\n")


def write_schedule_json(schedule: Schedule, report: QualityReport | None, path: Path | str) -> None:
    Path(path).write_text(
        json.dumps(schedule_to_json(schedule, report), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def example_problem() -> Problem:
    """The small delegation-day example shipped in docs/examples."""
    from dataclasses import replace

    from rabta.scheduling.compiled import compile_problem
    from rabta.scheduling.generate import random_problem

    p = random_problem(
        seed=7,
        participants=16,
        requests=48,
        sessions=2,
        slots_per_session=6,
        tables=4,
        interpreters=4,
        required_share=0.0,
        name="delegation-day",
    )
    # one required request and one lock, to show both
    c = compile_problem(p)
    reqs = list(p.requests)
    reqs[1] = replace(reqs[1], required=True)
    lock_req = next(cr for cr in c.requests[2:] if cr.feasible_slots and cr.needs_interpreter)
    s = p.slots[lock_req.feasible_slots[0]].id
    return replace(p, requests=tuple(reqs), locks=(Lock(lock_req.id, s),))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m rabta.scheduling.io")
    ap.add_argument("--write-template", metavar="PATH", help=_("write the example input workbook"))
    ap.add_argument("--write-example-json", metavar="PATH", help=_("write the example as JSON"))
    args = ap.parse_args(argv)
    if args.write_template:
        problem_to_xlsx(example_problem(), args.write_template)
    if args.write_example_json:
        write_problem_json(example_problem(), args.write_example_json)
    if not (args.write_template or args.write_example_json):
        ap.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
