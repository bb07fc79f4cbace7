import pytest

from rabta.scheduling.i18n import LOCALE_VARIABLES


@pytest.fixture(autouse=True)
def english_operator(monkeypatch):
    """`rabta schedule` speaks the operator's language: the tests run as an English one
    (whatever the machine's locale) unless they set another."""
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
