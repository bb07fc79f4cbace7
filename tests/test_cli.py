"""The `rabta` command speaks the operator's language (RABTA_LANGUAGE, else the POSIX locale)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from rabta.cli import cli_language

CODES = ["en", "ru", "ur"]


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ur_PK.UTF-8"}, "ur"),
        ({"LANGUAGE": "de:ru:en", "LANG": "en_GB"}, "ru"),
        ({"LC_MESSAGES": "ur_PK@nastaliq", "LANG": "ru_RU"}, "ur"),
        ({"RABTA_LANGUAGE": "ur", "LANG": "ru_RU.UTF-8"}, "ur"),
    ],
)
def test_the_language_comes_from_the_environment(environ, language):
    assert cli_language(environ, CODES, "en") == language


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_rabta_s_commands_report_in_the_operator_s_language():
    with translation.override("ru"):
        assert run("send_event_reminders") == "Напоминания отправлены 0 участникам."
        assert run("purge_protocol_data", "--dry-run") == (
            "Будет удалено 0 записей протокольного списка."
        )
        with pytest.raises(CommandError) as error:
            call_command("send_feedback_requests", "no-such-event")
        assert str(error.value) == "Нет мероприятия с адресом «no-such-event»."
    with translation.override("ur"):
        assert run("purge_protocol_data") == "پروٹوکول فہرست کے 0 اندراجات حذف کیے گئے۔"
        with pytest.raises(CommandError) as error:
            call_command("purge_protocol_data", "--now", "2027-03-11T00:00")
        assert "2027-03-11T00:00+05:00" in str(error.value)
        assert str(error.value).startswith("--now کے ساتھ")


@pytest.mark.parametrize("argv", [[], ["help"], ["--help"]])
def test_rabta_help_lists_rabta_s_own_commands_before_django_s(argv, capsys, monkeypatch):
    from rabta.cli import main

    monkeypatch.setenv("RABTA_LANGUAGE", "en")
    try:
        assert main(argv) == 0
    finally:
        translation.deactivate()
    out = capsys.readouterr().out
    assert "schedule INPUT" in out and "serve" in out and "demo" in out
    assert out.index("rabta's own commands:") < out.index("Available subcommands:")
    assert "load_demo" in out  # Django's list still follows


# A transactional test: the command closes the database connections when it ends, as every
# manage.py command does (inside a test's transaction, PostgreSQL's would be gone).
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"a": [1,2\n', "Expecting ',' delimiter"),
        (b"", "Expecting value"),
        (b'{"participants": "x"}', "Error deserializing object"),
        (bytes(range(256)) * 8, "can't decode byte"),
    ],
)
def test_a_broken_fixture_gives_one_line_and_exit_1_not_a_traceback(
    tmp_path, capsys, monkeypatch, content, says
):
    """`rabta loaddata broken.json` printed Django's 40-line traceback."""
    from rabta.cli import main
    from rabta.organisations.models import Organisation

    monkeypatch.setenv("RABTA_LANGUAGE", "en")
    fixture = tmp_path / "broken.json"
    fixture.write_bytes(content)
    before = Organisation.objects.count()
    assert main(["loaddata", str(fixture)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rabta loaddata: ") and says in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "(add --traceback for the details)" in err
    assert Organisation.objects.count() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("argv", "target"),
    [
        (
            ["db_worker", "--queue-name", "emails", "--no-startup-delay"],
            "django_tasks_db.management.commands.db_worker.Worker.run",
        ),
        (
            ["runserver", "--noreload", "--skip-checks"],
            "django.core.management.commands.runserver.Command.inner_run",
        ),
    ],
)
def test_a_worker_or_server_that_dies_leaves_its_whole_traceback(
    argv, target, capsys, monkeypatch, settings
):
    """The operator's log (systemd, the container's) needs the traceback of a worker that
    stopped, not "rabta db_worker: connection lost (add --traceback for the details)"."""
    from django.db import OperationalError

    from rabta.cli import main

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setenv("RABTA_LANGUAGE", "en")
    monkeypatch.setattr(target, lost)
    # the tests run tasks immediately; a worker serves the database backend, as in production
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(OperationalError, match="server closed the connection"):
        main(argv)  # python prints the traceback and exits 1
    assert "add --traceback" not in capsys.readouterr().err


def test_a_missing_setting_is_one_message_and_exit_2_not_a_traceback(tmp_path):
    """`rabta --help` on a production machine before SECRET_KEY is set: the settings' own
    message (what to set, how), no traceback."""
    import os
    import subprocess
    import sys

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env["RABTA_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from rabta.cli import main; sys.exit(main(['--help']))",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "SECRET_KEY is not set" in done.stderr
    assert "Traceback" not in done.stderr
