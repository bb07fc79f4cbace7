import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 takes about half a second per password on this machine; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The S3 emulator (moto's server) and rabta's storages pointed at it: tests/s3_emulator.py.
from tests.s3_emulator import object_storage, s3_emulator  # noqa: E402, F401
