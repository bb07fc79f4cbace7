import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from rabta.accounts.permissions import (
    is_interpreter,
    is_organiser,
    is_site_admin,
    organiser_required,
)
from tests.factories import MemberFactory, OrganiserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (lambda: AnonymousUser(), (False, False, False)),
        (lambda: MemberFactory().user, (False, False, False)),
        (lambda: UserFactory(is_interpreter=True), (False, False, True)),
        (lambda: OrganiserFactory(), (False, True, False)),
        (lambda: UserFactory(is_superuser=True), (True, True, False)),
        (lambda: OrganiserFactory(is_active=False), (False, False, False)),
    ],
    ids=[
        "visitor",
        "participant",
        "interpreter",
        "organiser",
        "site-admin",
        "deactivated-organiser",
    ],
)
def test_roles(make_user, expected):
    user = make_user()
    assert (is_site_admin(user), is_organiser(user), is_interpreter(user)) == expected


@organiser_required
def organiser_view(request):
    return HttpResponse("ok")


def test_organiser_required(rf):
    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    assert organiser_view(request).status_code == 302

    request.user = MemberFactory().user
    with pytest.raises(PermissionDenied):
        organiser_view(request)

    request.user = OrganiserFactory()
    assert organiser_view(request).content == b"ok"
