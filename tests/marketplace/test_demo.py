import pytest

from rabta.marketplace.demo import OPPORTUNITIES, load_demo_opportunities
from rabta.marketplace.models import Opportunity
from rabta.marketplace.selectors import SearchFilters, search_opportunities
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_organisations():
    slugs = sorted({demo.organisation for demo in OPPORTUNITIES})
    country = {"sokolniki-medtorg": "RU", "slovo-translation-agency": "RU"}
    return [OrganisationFactory(slug=slug, country=country.get(slug, "PK")) for slug in slugs]


def test_demo_opportunities_are_idempotent_and_searchable_in_three_languages(demo_organisations):
    written = load_demo_opportunities()
    assert written == len(OPPORTUNITIES)
    first = sorted(Opportunity.objects.values_list("id", "title"))
    assert load_demo_opportunities() == written
    assert sorted(Opportunity.objects.values_list("id", "title")) == first
    for query in ("surgical", "хирургические", "ترجمہ", "INNOPROM", "киннов"):
        assert search_opportunities(SearchFilters(q=query).clean()).exists(), query


def test_missing_organisations_are_skipped():
    OrganisationFactory(slug="indus-surgical-works")
    assert load_demo_opportunities() == 1
