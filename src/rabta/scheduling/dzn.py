"""Reader for the B2BSP literature's MiniZinc data files (``.dzn``).

The format (see docs/scheduling-cpsat.md and the B2BSP benchmark README)::

    nBusiness = 42;  nMeetings = 125;  nTables = 21;
    nTotalSlots = 8; nMorningSlots = 8;
    requested = [| 1, 8, 3 | 1, 10, 3 | ... |];   % a, b, session (1 morning, 2 afternoon, 3 either)
    nMeetingsBusiness = [8, 6, ...];               % optional, redundant
    fixat = [0, 0, ...];                           % optional, 0 = free, else a fixed slot
    forbidden = [{0,}, {8, 9, 0,}, ...];           % optional, 0 is a dummy member
    precedences = [{}, {125}, ...];                % optional: per meeting, those strictly earlier

:func:`read_dzn` turns a file into a :class:`~rabta.scheduling.model.Problem`:
slots ``"1"``..``"n"`` (sessions ``"morning"`` / ``"afternoon"``), participants
``"1"``..``"n"``, tables ``"T1"``..``"Tn"``, one required request of weight 1 per
row of ``requested`` with id ``"1"``..``"n"`` in input order, and a lock per
``fixat`` (or ``fixed``, the variants' name for it) entry above 0; ``forbidden``
slots leave a participant's availability; ``precedences[m]`` becomes a
:class:`~rabta.scheduling.model.Precedence` per member (that meeting before
``m``). An unknown field or a field given twice is refused with
:class:`DznError`: nothing is ignored silently. Malformed or inconsistent files raise :class:`DznError`
naming the key (and row) at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rabta.scheduling.i18n import _, ngettext
from rabta.scheduling.model import (
    Lock,
    Participant,
    Precedence,
    Problem,
    Request,
    Slot,
    Table,
)

MORNING = "morning"
AFTERNOON = "afternoon"
#: The one language every B2BSP participant speaks (the literature has no interpreters).
LANGUAGE = "und"
SESSION_CODES = {1: frozenset({MORNING}), 2: frozenset({AFTERNOON}), 3: None}

_TOKEN = re.compile(r"\s*(?:(-?\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\[\||\|\]|[\[\]{}|,;=]))")
_REQUIRED_KEYS = ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots", "requested")
#: Every other field the reader understands; anything else is refused, never ignored.
_OPTIONAL_KEYS = (
    "nMeetingsBusiness",
    "meetingsxBusiness",
    "fixat",
    "fixed",
    "forbidden",
    "precedences",
)


class DznError(ValueError):
    """A .dzn file is malformed or inconsistent; the message names the key at fault."""


Value = int | list


@dataclass(frozen=True, slots=True)
class DznData:
    """The raw content of a B2BSP .dzn file, 1-based as in the file."""

    n_business: int
    n_tables: int
    n_slots: int
    n_morning: int
    meetings: tuple[tuple[int, int, int], ...]
    fixat: tuple[int, ...]
    forbidden: tuple[frozenset[int], ...]
    #: ``precedences[k]``: the meetings (1-based) that take an earlier slot than meeting k + 1
    precedences: tuple[frozenset[int], ...] = ()


def _tokens(text: str) -> list[str]:
    text = re.sub(r"%[^\n]*", "", text)
    out: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            line = text.count("\n", 0, pos) + 1
            raise DznError(
                _("syntax error at line %(line)s: unexpected %(text)s")
                % {"line": line, "text": repr(text[pos:].strip()[:20])}
            )
        out.append(match.group(match.lastindex or 0))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.key = ""

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            values = {"key": self.key, "expected": repr(expected), "got": repr(tok)}
            if not self.key:
                raise DznError(
                    _("syntax error in file: expected %(expected)s, got %(got)s") % values
                    if expected
                    else _("syntax error in file: expected a value, got %(got)s") % values
                )
            raise DznError(
                _("syntax error in %(key)s: expected %(expected)s, got %(got)s") % values
                if expected
                else _("syntax error in %(key)s: expected a value, got %(got)s") % values
            )
        self.i += 1
        return tok

    def integer(self) -> int:
        tok = self.take()
        if not re.fullmatch(r"-?\d+", tok):
            raise DznError(
                _("syntax error in %(key)s: expected an integer, got %(got)s")
                % {"key": self.key, "got": repr(tok)}
            )
        return int(tok)

    def items(self, close: str, item) -> list:
        values = []
        while self.peek() != close:
            values.append(item())
            if self.peek() == ",":
                self.take(",")
            elif self.peek() != close:
                raise DznError(
                    _("syntax error in %(key)s: expected ',' or %(close)s, got %(got)s")
                    % {"key": self.key, "close": repr(close), "got": repr(self.peek())}
                )
        self.take(close)
        return values

    def value(self) -> Value:
        tok = self.peek()
        if tok == "{":
            self.take("{")
            return self.items("}", self.integer)
        if tok == "[|":
            self.take("[|")
            rows: list[list[int]] = []
            row: list[int] = []
            while True:
                nxt = self.peek()
                if nxt == "|]":
                    self.take()
                    if row:
                        rows.append(row)
                    return rows
                if nxt == "|":
                    self.take()
                    rows.append(row)
                    row = []
                elif nxt == ",":
                    self.take()
                else:
                    row.append(self.integer())
        if tok == "[":
            self.take("[")
            return self.items("]", self.value)
        return self.integer()

    def assignments(self) -> dict[str, Value]:
        result: dict[str, Value] = {}
        while self.peek() is not None:
            name = self.take()
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise DznError(
                    _("syntax error: expected a name, got %(got)s") % {"got": repr(name)}
                )
            if name in result:
                raise DznError(_("field %(key)s is given twice") % {"key": name})
            self.key = name
            self.take("=")
            result[name] = self.value()
            self.take(";")
            self.key = ""
        return result


def parse_dzn_text(text: str) -> dict[str, Value]:
    """Parse MiniZinc data assignments into a dict of ints and (nested) lists."""
    return _Parser(_tokens(text)).assignments()


# Far beyond any brokerage event (the published instances have up to 21 tables and 8 slots): a
# larger count would only make the solver build millions of variables until memory runs out.
MAX_COUNT = 10_000


def _int(values: dict[str, Value], key: str, minimum: int, maximum: int = MAX_COUNT) -> int:
    value = values[key]
    if not isinstance(value, int) or value < minimum:
        raise DznError(
            _("%(key)s must be an integer ≥ %(minimum)s, got %(got)s")
            % {"key": key, "minimum": minimum, "got": repr(value)}
        )
    if value > maximum:
        raise DznError(
            _("%(key)s = %(got)s is more than rabta schedules (at most %(maximum)s)")
            % {"key": key, "got": value, "maximum": maximum}
        )
    return value


def _int_list(values: dict[str, Value], key: str, length: int) -> list[int]:
    value = values[key]
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise DznError(_("%(key)s must be a list of integers") % {"key": key})
    if len(value) != length:
        raise DznError(
            _("%(key)s has %(count)s entries, expected %(expected)s")
            % {"key": key, "count": len(value), "expected": length}
        )
    return value


def dzn_data(values: dict[str, Value]) -> DznData:
    """Check parsed assignments and return them as :class:`DznData`."""
    for key in _REQUIRED_KEYS:
        if key not in values:
            raise DznError(_("missing key %(key)s") % {"key": key})
    unknown = sorted(set(values) - set(_REQUIRED_KEYS) - set(_OPTIONAL_KEYS))
    if unknown:
        raise DznError(
            ngettext(
                "unknown field %(keys)s (rabta reads: %(known)s)",
                "unknown fields %(keys)s (rabta reads: %(known)s)",
                len(unknown),
            )
            % {"keys": ", ".join(unknown), "known": ", ".join(_REQUIRED_KEYS + _OPTIONAL_KEYS)}
        )
    n_business = _int(values, "nBusiness", 1)
    n_meetings = _int(values, "nMeetings", 0)
    n_tables = _int(values, "nTables", 0)
    n_slots = _int(values, "nTotalSlots", 1)
    n_morning = _int(values, "nMorningSlots", 0)
    if n_morning > n_slots:
        raise DznError(
            _("nMorningSlots = %(morning)s exceeds nTotalSlots = %(slots)s")
            % {"morning": n_morning, "slots": n_slots}
        )
    rows = values["requested"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise DznError(_("requested must be a 2-d array [| a, b, session | ... |]"))
    if len(rows) != n_meetings:
        raise DznError(
            _("requested has %(rows)s rows but nMeetings = %(meetings)s")
            % {"rows": len(rows), "meetings": n_meetings}
        )
    meetings: list[tuple[int, int, int]] = []
    for k, row in enumerate(rows, start=1):
        if len(row) != 3:
            raise DznError(
                _("requested row %(row)s has %(columns)s columns, expected 3")
                % {"row": k, "columns": len(row)}
            )
        a, b, code = row
        for who in (a, b):
            if not 1 <= who <= n_business:
                raise DznError(
                    _("requested row %(row)s: participant %(participant)s out of range 1..%(last)s")
                    % {"row": k, "participant": who, "last": n_business}
                )
        if a == b:
            raise DznError(
                _("requested row %(row)s: participant %(participant)s meets itself")
                % {"row": k, "participant": a}
            )
        if code not in SESSION_CODES:
            raise DznError(
                _("requested row %(row)s: session code %(code)s (1 morning, 2 afternoon, 3 either)")
                % {"row": k, "code": code}
            )
        meetings.append((a, b, code))
    if "nMeetingsBusiness" in values:
        counts = _int_list(values, "nMeetingsBusiness", n_business)
        actual = [0] * n_business
        for a, b, _code in meetings:
            actual[a - 1] += 1
            actual[b - 1] += 1
        for p, (given, real) in enumerate(zip(counts, actual, strict=True), start=1):
            if given != real:
                raise DznError(
                    _(
                        "nMeetingsBusiness[%(participant)s] = %(given)s "
                        "but participant %(participant)s has %(count)s meetings"
                    )
                    % {"participant": p, "given": given, "count": real}
                )
    if "meetingsxBusiness" in values:
        _check_meetings_by_business(values["meetingsxBusiness"], meetings, n_business)
    fixat = [0] * n_meetings
    given = [key for key in ("fixat", "fixed") if key in values]
    for key in given:
        fixat = _int_list(values, key, n_meetings)
        for k, slot in enumerate(fixat, start=1):
            if not 0 <= slot <= n_slots:
                raise DznError(
                    _("%(key)s[%(row)s] = %(slot)s out of range 0..%(last)s")
                    % {"key": key, "row": k, "slot": slot, "last": n_slots}
                )
    if len(given) == 2 and values["fixat"] != values["fixed"]:
        raise DznError(_("fixat and fixed both fix meetings, and they disagree"))
    precedences: tuple[frozenset[int], ...] = (frozenset(),) * n_meetings
    if "precedences" in values:
        precedences = _precedences(values["precedences"], n_meetings)
    forbidden: list[frozenset[int]] = [frozenset()] * n_business
    if "forbidden" in values:
        sets = values["forbidden"]
        if not isinstance(sets, list) or len(sets) != n_business:
            raise DznError(
                _("forbidden must list one set per participant (%(count)s)") % {"count": n_business}
            )
        for p, members in enumerate(sets, start=1):
            if not isinstance(members, list) or not all(isinstance(s, int) for s in members):
                raise DznError(
                    _("forbidden[%(participant)s] must be a set of integers") % {"participant": p}
                )
            for slot in members:
                if not 0 <= slot <= n_slots:
                    raise DznError(
                        _("forbidden[%(participant)s] contains slot %(slot)s out of 0..%(last)s")
                        % {"participant": p, "slot": slot, "last": n_slots}
                    )
            forbidden[p - 1] = frozenset(s for s in members if s != 0)
    return DznData(
        n_business=n_business,
        n_tables=n_tables,
        n_slots=n_slots,
        n_morning=n_morning,
        meetings=tuple(meetings),
        fixat=tuple(fixat),
        forbidden=tuple(forbidden),
        precedences=precedences,
    )


def _check_meetings_by_business(sets: Value, meetings, n_business: int) -> None:
    """``meetingsxBusiness[p]``: meeting numbers + 1 of participant ``p``, 1 a dummy member.

    Redundant with ``requested``; read so that a file that disagrees is refused
    rather than half-believed."""
    if not isinstance(sets, list) or len(sets) != n_business:
        raise DznError(
            _("meetingsxBusiness must list one set per participant (%(count)s)")
            % {"count": n_business}
        )
    actual: list[set[int]] = [set() for _p in range(n_business)]
    for k, (a, b, _code) in enumerate(meetings, start=1):
        actual[a - 1].add(k + 1)
        actual[b - 1].add(k + 1)
    for p, members in enumerate(sets, start=1):
        if not isinstance(members, list) or not all(isinstance(m, int) for m in members):
            raise DznError(
                _("meetingsxBusiness[%(participant)s] must be a set of integers")
                % {"participant": p}
            )
        if set(members) - {1} != actual[p - 1]:
            raise DznError(
                _(
                    "meetingsxBusiness[%(participant)s] does not list the meetings "
                    "that requested gives participant %(participant)s"
                )
                % {"participant": p}
            )


def _precedences(sets: Value, n_meetings: int) -> tuple[frozenset[int], ...]:
    """``precedences[m]``: the meetings (1-based) that take a strictly earlier slot than ``m``."""
    if not isinstance(sets, list) or len(sets) != n_meetings:
        raise DznError(
            _("precedences must list one set per meeting (%(count)s)") % {"count": n_meetings}
        )
    out: list[frozenset[int]] = []
    for m, members in enumerate(sets, start=1):
        if not isinstance(members, list) or not all(isinstance(x, int) for x in members):
            raise DznError(_("precedences[%(meeting)s] must be a set of integers") % {"meeting": m})
        for x in members:
            if not 1 <= x <= n_meetings or x == m:
                raise DznError(
                    _(
                        "precedences[%(meeting)s] contains meeting %(other)s (not one of 1..%(last)s other than %(meeting)s)"
                    )
                    % {"meeting": m, "other": x, "last": n_meetings}
                )
        out.append(frozenset(members))
    return tuple(out)


def slot_session(data: DznData, slot: int) -> str:
    return MORNING if slot <= data.n_morning else AFTERNOON


def to_problem(data: DznData, name: str = "") -> Problem:
    """The general :class:`Problem` equivalent to a B2BSP instance."""
    all_slots = [str(t) for t in range(1, data.n_slots + 1)]
    slots = tuple(
        Slot(id=str(t), session=slot_session(data, t)) for t in range(1, data.n_slots + 1)
    )
    participants = tuple(
        Participant(
            id=str(p),
            languages=frozenset({LANGUAGE}),
            available=(
                frozenset(s for s in all_slots if int(s) not in data.forbidden[p - 1])
                if data.forbidden[p - 1]
                else None
            ),
        )
        for p in range(1, data.n_business + 1)
    )
    requests = tuple(
        Request(
            id=str(k),
            a=str(a),
            b=str(b),
            weight=1,
            required=True,
            sessions=SESSION_CODES[code],
        )
        for k, (a, b, code) in enumerate(data.meetings, start=1)
    )
    tables = tuple(Table(id=f"T{t}") for t in range(1, data.n_tables + 1))
    locks = tuple(
        Lock(request=str(k), slot=str(slot)) for k, slot in enumerate(data.fixat, start=1) if slot
    )
    precedences = tuple(
        Precedence(before=str(before), after=str(k))
        for k, earlier in enumerate(data.precedences, start=1)
        for before in sorted(earlier)
    )
    return Problem(
        slots=slots,
        participants=participants,
        requests=requests,
        tables=tables,
        locks=locks,
        name=name,
        precedences=precedences,
    )


def read_dzn_data(path: str | Path) -> DznData:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DznError(
            _("%(file)s: not a text file (%(error)s)") % {"file": path.name, "error": exc.reason}
        ) from exc
    try:
        return dzn_data(parse_dzn_text(text))
    except DznError as exc:
        raise DznError(f"{path.name}: {exc}") from None


def read_dzn(path: str | Path) -> Problem:
    """Read a B2BSP .dzn file into a :class:`Problem` (see the module docstring)."""
    return to_problem(read_dzn_data(path), name=Path(path).stem)
