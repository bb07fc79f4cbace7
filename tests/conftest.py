import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 costs ~0.5 s a user on these machines; tests need no slow hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path_factory):
    """Uploaded files (public media and private files) go to a fresh directory per test."""
    root = tmp_path_factory.mktemp("files")
    settings.MEDIA_ROOT = root / "media"
    settings.PRIVATE_MEDIA_ROOT = root / "private"


@pytest.fixture(autouse=True)
def _recommendations_from_the_database(settings):
    """Recommendations read the database directly (the in-memory index of large tables is
    switched on by the tests of matching/postings.py only), and count the concepts' rarity anew."""
    from rabta.matching import postings, rarity

    settings.RABTA_RECOMMENDATION_INDEX_MIN_ROWS = None
    postings.reset()
    rarity.reset()
    yield
    postings.reset()
    rarity.reset()


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
    """E-mails and other background tasks run at enqueue time, so mail.outbox sees them.

    A task that fails fails the test (the immediate backend would only log it).
    """
    from django_tasks import TaskResultStatus
    from django_tasks.signals import task_finished

    def fail_loudly(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            raise AssertionError(
                f"task {task_result.task.name} failed:\n{task_result.errors[-1].traceback}"
            )

    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.RABTA_TASK_QUEUES,
        }
    }
    task_finished.connect(fail_loudly, dispatch_uid="rabta.tests.fail_loudly")
    yield
    task_finished.disconnect(dispatch_uid="rabta.tests.fail_loudly")


# --- accounts (signup): rate-limit counters live in the cache; each test starts with none ---
# (and cached reads of the database, rolled back between tests, must not outlive it)
@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    """The tests run in one process, so its cache is shared by all: the caches that need one
    (participants' agendas) are on, and every test that changes an agenda checks their bumps."""
    settings.RABTA_SHARED_CACHE = True


@pytest.fixture(autouse=True)
def _static_files_from_the_source_tree(settings):
    """Tests serve static files from the source tree under their plain names, whatever a
    `collectstatic` may have left in the data directory (tests/deploy checks the collected ones)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
