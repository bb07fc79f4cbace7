import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests start in English unless they switch language themselves."""
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        yield
