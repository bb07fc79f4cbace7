"""The directory's results, cached per page and language (issue 20): the same page as without
the cache, and a change of an organisation or its sectors shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rabta.organisations.models import Organisation, Sector
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def directory(client, language="en", **params):
    response = client.get(reverse("organisations:directory"), params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return CSRF.sub("(token)", response.content.decode())  # masked afresh for each response


CSRF = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture
def many(settings):
    settings.RABTA_PAGE_SIZE = 5
    return [
        OrganisationFactory(
            name={"en": f"Firm {n:02}", "ru": f"Фирма {n:02}"}, name_key=f"firm {n:02}"
        )
        for n in range(12)
    ]


def test_the_cached_page_is_the_page(client, many, settings):
    settings.RABTA_SHARED_CACHE = False
    plain = [directory(client, page=n) for n in ("1", "2", "9", "x")]
    settings.RABTA_SHARED_CACHE = True
    assert [directory(client, page=n) for n in ("1", "2", "9", "x")] == plain  # computed
    assert [directory(client, page=n) for n in ("1", "2", "9", "x")] == plain  # from the cache
    assert "Firm 10" in plain[2] and "Page 3 of 3" in plain[2]  # past the end: the last page


def test_a_cached_page_runs_no_query_for_its_results(client, many):
    directory(client, page=2)
    with CaptureQueriesContext(connection) as queries:
        page = directory(client, page=2)
    assert "Firm 05" in page
    assert len(queries) == 0  # anonymous: no session, no organisations, no count


def test_a_renamed_organisation_shows_its_new_name(client, many):
    assert "Firm 00" in directory(client)
    many[0].name = {"en": "Firm 00 Renamed"}
    many[0].save()
    assert "Firm 00 Renamed" in directory(client)


def test_a_rejected_organisation_leaves_the_directory(client, many):
    assert "Firm 01" in directory(client)
    many[1].validation = Organisation.Validation.REJECTED
    many[1].save()
    page = directory(client)
    assert "Firm 01" not in page
    assert "11 organisations found" in page


def test_new_sectors_show_on_the_cards_and_in_the_filter(client, many):
    assert "Medical devices" not in directory(client)
    sector = Sector.objects.create(code="medical", name={"en": "Medical devices", "ru": "Медицина"})
    many[0].sectors.add(sector)
    page = directory(client)
    assert '<option value="medical">Medical devices</option>' in page
    assert '<li class="badge" lang="en" dir="ltr">Medical devices</li>' in page


def test_each_language_has_its_own_copy(client, many):
    assert "Firm 00" in directory(client, "en")
    assert "Фирма 00" in directory(client, "ru")
    assert "Firm 00" in directory(client, "en")


def test_a_selected_filter_is_marked(client, many):
    page = directory(client, country="PK")
    assert '<option value="PK" selected>' in page
    assert '<option value="RU" selected>' not in page
