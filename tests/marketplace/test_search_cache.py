"""The marketplace's result pages, cached per page and language (issue 20): the same page as
without the cache, and a change of an opportunity or its organisation shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rabta.marketplace import services
from rabta.organisations.models import Organisation
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db
CSRF = re.compile(r"[A-Za-z0-9]{64}")


def search(client, language="en", **params):
    response = client.get(reverse("marketplace:browse"), params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return CSRF.sub("(token)", response.content.decode())  # masked afresh for each response


@pytest.fixture
def offers(settings):
    settings.RABTA_PAGE_SIZE = 3
    found = []
    for n in range(7):
        owner, _organisation = participant(name={"en": f"Works {n}", "ru": f"Завод {n}"})
        found.append((owner, publish(owner, title={"en": f"Surgical scissors lot {n}"})))
    return found


def test_the_cached_page_is_the_page(client, offers, settings):
    asks = [{"q": "surgical"}, {"q": "surgical", "page": "2"}, {"page": "9"}, {"page": "x"}, {}]
    settings.RABTA_SHARED_CACHE = False
    plain = [search(client, **ask) for ask in asks]
    settings.RABTA_SHARED_CACHE = True
    assert [search(client, **ask) for ask in asks] == plain  # computed
    assert [search(client, **ask) for ask in asks] == plain  # from the cache
    assert "Page 3 of 3" in plain[2]  # past the end: the last page


def test_a_cached_page_runs_no_query_for_its_results(client, offers):
    search(client, q="surgical")
    with CaptureQueriesContext(connection) as queries:
        page = search(client, q="surgical")
    assert "Surgical scissors lot 6" in page
    assert len(queries) == 0  # anonymous: no session, no opportunities, no count, no sectors


def test_an_edited_opportunity_shows_its_new_title(client, offers):
    owner, opportunity = offers[-1]
    assert "Surgical scissors lot 6" in search(client, q="surgical")
    services.opportunity_update(
        user=owner, opportunity=opportunity, data={"title": {"en": "Surgical forceps lot 6"}}
    )
    page = search(client, q="surgical")
    assert "Surgical forceps lot 6" in page and "Surgical scissors lot 6" not in page


def test_a_new_opportunity_shows_at_once(client, offers):
    assert "Surgical clamps" not in search(client, q="surgical")
    owner, _organisation = participant()
    publish(owner, title={"en": "Surgical clamps"})
    page = search(client, q="surgical")
    assert "Surgical clamps" in page and "8 opportunities found" in page


def test_a_rejected_organisation_takes_its_offers_away(client, offers):
    _owner, opportunity = offers[-1]
    assert "Surgical scissors lot 6" in search(client, q="surgical")
    organisation = opportunity.organisation
    organisation.validation = Organisation.Validation.REJECTED
    organisation.save()
    page = search(client, q="surgical")
    assert "Surgical scissors lot 6" not in page and "6 opportunities found" in page


def test_each_language_has_its_own_copy(client, offers):
    assert "Works 6" in search(client, "en", q="surgical")
    assert "Завод 6" in search(client, "ru", q="surgical")
    assert "Works 6" in search(client, "en", q="surgical")
