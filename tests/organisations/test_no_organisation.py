"""Pages that act for an organisation tell a signed-in person without one how to get one."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["marketplace:mine", "marketplace:create", "matching:recommendations"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "You are not a member of an organisation yet."),
        ("ru", "Вы пока не состоите ни в одной организации."),
        ("ur", "آپ ابھی کسی تنظیم کے رکن نہیں ہیں۔"),
    ],
)
def test_a_person_without_an_organisation_is_offered_registration(client, name, language, text):
    client.force_login(UserFactory(language=language))
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.content.decode()
    assert text in page
    assert reverse("organisations:register") in page


def test_an_interpreter_without_an_organisation_sees_the_same(client):
    client.force_login(UserFactory(is_interpreter=True))
    response = client.get(reverse("matching:recommendations"))
    assert response.status_code == 200
    assert reverse("organisations:register") in response.content.decode()
