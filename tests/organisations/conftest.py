import io

import pytest
from PIL import Image

from rabta.accounts.services import api_token_create
from rabta.organisations.models import Member
from tests.factories import MemberFactory, OrganisationFactory, UserFactory, ValidatorFactory


def png_bytes(size: tuple[int, int] = (4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://rabta.example"


@pytest.fixture
def organisation(db):
    """An approved organisation with an admin member and contact details."""
    return OrganisationFactory(
        name={"en": "Sialkot Surgical Works", "ru": "Сиалкот Сёрджикал"},
        email="contact@ssw.example",
        phone="+92 52 1234567",
        hs_codes=["9018"],
    )


@pytest.fixture
def admin_member(organisation):
    return MemberFactory(organisation=organisation, user=UserFactory(full_name="Aisha Admin"))


@pytest.fixture
def other_participant(db):
    """A member of another organisation."""
    return MemberFactory(
        organisation=OrganisationFactory(name={"en": "Ural Buyers"}, country="RU")
    ).user


@pytest.fixture(params=["other_participant", "representative"])
def not_its_administrator(request, organisation, other_participant):
    """Someone who may not edit ``organisation``: a member of another organisation, or one of
    its representatives."""
    if request.param == "other_participant":
        return other_participant
    return MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE).user


@pytest.fixture
def validator(db):
    return ValidatorFactory(full_name="Olga Validator")


@pytest.fixture
def site_admin(db):
    return UserFactory(full_name="Sam Superuser", is_superuser=True, is_staff=True)


def bearer(user) -> dict[str, str]:
    new = api_token_create(user=user, name="tests")
    return {"Authorization": f"Bearer {new.key}"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 takes most of a test's time; these tests do not measure hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
