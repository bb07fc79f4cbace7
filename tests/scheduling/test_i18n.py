"""The engine speaks English, Russian and Urdu (the project's catalogue, read without Django)."""

import json
import subprocess
import sys
import threading
from dataclasses import replace

import pytest

from rabta.cli import main as rabta_main
from rabta.scheduling import Participant, Problem, Request, Slot, Table, solve
from rabta.scheduling.cli import build_parser
from rabta.scheduling.cli import main as schedule_main
from rabta.scheduling.i18n import (
    environment_language,
    get_language,
    gettext,
    language,
    ngettext,
    set_language,
)
from rabta.scheduling.io import (
    InputError,
    example_problem,
    problem_from_json,
    problem_to_json,
    write_problem_json,
)
from rabta.scheduling.model import Change, Meeting
from rabta.scheduling.report import describe, render_text, report_rows
from rabta.scheduling.validate import check_problem


def ghost_request() -> dict:
    """The example event with request 5 naming a participant nobody registered."""
    data = problem_to_json(example_problem())
    data["requests"][4]["b"] = "ghost"
    return data


def input_error(data: dict) -> str:
    with pytest.raises(InputError) as caught:
        problem_from_json(data)
    return str(caught.value)


def test_english_is_the_default():
    assert get_language() == "en"
    assert gettext("Solver") == "Solver"
    assert input_error(ghost_request()) == "requests, row 5, b: unknown participant 'ghost'"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", "requests, строка 5, b: неизвестный участник 'ghost'"),
        ("ur", "requests، قطار 5، b: نامعلوم شریک 'ghost'"),
        ("ru-RU", "requests, строка 5, b: неизвестный участник 'ghost'"),
        ("de", "requests, row 5, b: unknown participant 'ghost'"),  # not shipped: English
    ],
)
def test_an_input_error_names_sheet_row_and_field_in_the_readers_language(code, expected):
    with language(code):
        assert input_error(ghost_request()) == expected
    assert get_language() == "en"


def test_a_semantic_error_is_reported_at_its_row_in_russian():
    data = problem_to_json(example_problem())
    data["requests"][2]["b"] = data["requests"][2]["a"]
    with language("ru"):
        message = input_error(data)
    request, a = data["requests"][2]["id"], data["requests"][2]["a"]
    assert (
        f"requests, строка 3, b: запрос {request} предлагает {a} встретиться с самим собой"
        in message.splitlines()
    )


def test_plural_forms_follow_the_language():
    def count(n: int) -> str:
        return ngettext("%(count)s moved", "%(count)s moved", n) % {"count": n}

    with language("ru"):
        assert [count(n) for n in (1, 3, 5, 21)] == [
            "1 перенесена",
            "3 перенесены",
            "5 перенесено",
            "21 перенесена",
        ]
    with language("ur"):
        assert [count(n) for n in (1, 2)] == ["1 منتقل کی گئی", "2 منتقل کی گئیں"]
    assert [count(n) for n in (1, 2)] == ["1 moved", "2 moved"]


def never_met_problem() -> Problem:
    """One required request between two participants who are never free at the same time."""
    slots = (Slot("s1", "morning"), Slot("s2", "morning"))
    return Problem(
        slots=slots,
        participants=(
            Participant("p1", available=frozenset({"s1"})),
            Participant("p2", available=frozenset({"s2"})),
        ),
        requests=(Request("r1", "p1", "p2", required=True),),
        tables=(Table("T1"),),
    )


def test_infeasibility_reasons_and_the_report_are_translated():
    with language("ru"):
        result = solve(never_met_problem(), solver="greedy", time_limit=2)
        text = render_text(result.report)
    assert result.report.status == "infeasible"
    assert result.report.messages[0] == (
        "запрос r1 выполнить невозможно: у p1 и p2 нет общего свободного слота"
    )
    assert "Статус" in text and "невыполнимо" in text
    assert "примечание: запрос r1 выполнить невозможно" in text
    with language("ur"):
        rows = dict(report_rows(result.report))
    assert rows["حیثیت"] == "ناقابلِ عمل"
    assert rows["پوری کی گئی لازمی درخواستیں"] == "0 / 1"


def test_a_report_line_in_russian_and_urdu():
    result = solve(example_problem(), solver="greedy", time_limit=2)
    english = dict(report_rows(result.report))
    with language("ru"):
        russian = dict(report_rows(result.report))
    with language("ur"):
        urdu = dict(report_rows(result.report))
    scheduled, requested = result.report.meetings_scheduled, result.report.meetings_requested
    share = f"{100 * scheduled / requested:.1f}"
    assert english["Meetings scheduled"] == f"{scheduled} / {requested} ({share} %)"
    assert russian["Запланировано встреч"] == english["Meetings scheduled"]
    assert urdu["طے شدہ ملاقاتیں"] == english["Meetings scheduled"]
    assert russian["Время решения"].endswith(" с")
    assert len(russian) == len(english) == len(urdu)


def test_a_change_is_described_in_the_readers_language():
    change = Change(
        request="r3",
        kind="moved",
        before=Meeting("r3", "s1", "T1"),
        after=Meeting("r3", "s4", None, "S2", "i1"),
        participants=("p1", "p2"),
    )
    assert describe(change) == "slot s1 T1 -> slot s4 stand S2, interpreter i1"
    with language("ru"):
        assert describe(change) == "слот s1 T1 → слот s4 стенд S2, переводчик i1"
    with language("ur"):
        assert describe(change) == "سلاٹ s1 T1 ← سلاٹ s4 اسٹینڈ S2، ترجمان i1"


def test_warnings_of_the_input_check_are_translated():
    problem = example_problem()
    interpreter = replace(problem.interpreters[0], languages=frozenset({"ru"}))
    problem = replace(problem, interpreters=(interpreter, *problem.interpreters[1:]))
    with language("ur"):
        (warning,) = [e for e in check_problem(problem) if e.kind == "interpreters"]
    assert warning.message == (
        f"ترجمان {interpreter.id} دو سے کم زبانیں بولتا ہے اور کسی ملاقات میں ترجمہ نہیں کر سکتا"
    )


def test_the_language_belongs_to_its_context():
    seen = []
    set_language("ru")
    try:
        thread = threading.Thread(target=lambda: seen.append(get_language()))
        thread.start()
        thread.join()
        assert get_language() == "ru"
    finally:
        set_language("en")
    assert seen == ["en"]  # a thread of its own starts in English


def ghost_file(tmp_path):
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    src.write_text(json.dumps(ghost_request()))
    return src


def test_the_command_speaks_rabta_language(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("RABTA_LANGUAGE", "ru")
    src = ghost_file(tmp_path)
    assert schedule_main([str(src), "-o", str(tmp_path / "plan.json")]) == 2
    err = capsys.readouterr().err
    assert "rabta schedule: ошибки во входных данных event.json:" in err
    assert "requests, строка 5, b: неизвестный участник 'ghost'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def test_the_command_speaks_the_posix_locale_through_rabta(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "ur_PK.UTF-8")
    src = ghost_file(tmp_path)
    assert rabta_main(["schedule", str(src)]) == 2
    err = capsys.readouterr().err
    assert "rabta schedule: event.json میں غلط ان پٹ:" in err
    assert "requests، قطار 5، b: نامعلوم شریک 'ghost'" in err
    assert get_language() == "en"


def test_the_command_report_is_in_russian(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RABTA_LANGUAGE", "ru")
    src = tmp_path / "event.json"
    write_problem_json(example_problem(), src)
    assert schedule_main([str(src), "--solver", "greedy", "--time-limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "Качество расписания" in out and "Простои между встречами" in out
    assert "записаны " in out


def test_the_commands_own_errors_and_help_are_translated(capsys, monkeypatch):
    monkeypatch.setenv("RABTA_LANGUAGE", "ru")
    assert schedule_main(["event.json", "--repair", "plan.json"]) == 2
    assert capsys.readouterr().err == (
        "rabta schedule: --repair и --change указываются только вместе\n"
    )
    with language("ur"):
        text = build_parser().format_help()
    assert text.startswith("استعمال: rabta schedule")
    assert "مسئلے کی فائل" in text and "اختیارات" in text


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"RABTA_LANGUAGE": "ur", "LANG": "ru_RU.UTF-8"}, "ur"),
        ({"LANGUAGE": "de:ru:en"}, "ru"),
    ],
)
def test_the_command_takes_the_language_as_every_rabta_command(environ, expected):
    assert environment_language(environ) == expected


def test_the_engine_imports_nothing_from_django():
    code = (
        "import sys, rabta.scheduling.cli, rabta.scheduling.i18n, rabta.scheduling.io;"
        "from rabta.scheduling.i18n import language, gettext;"
        "language('ru').__enter__(); gettext('Solver');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
