import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests start in English unless they switch language themselves."""
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        yield


# --- accounts/core (D2): background tasks run immediately in tests -------------------------
@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    """E-mails and other background tasks run at enqueue time, so mail.outbox sees them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
