import pytest

from rabta.trade.demo import load_demo_guides, load_demo_statistics
from rabta.trade.models import MarketGuide, TradeFigure
from rabta.trade.rows import DEMO_SOURCE

pytestmark = pytest.mark.django_db


def test_the_demo_statistics_are_labelled_illustrative_and_the_guides_examples(client, organiser):
    count = load_demo_statistics()
    assert count == TradeFigure.objects.filter(source=DEMO_SOURCE).count() > 100
    assert load_demo_statistics() == count  # idempotent
    load_demo_guides(organiser)
    load_demo_guides(organiser)
    assert MarketGuide.objects.filter(is_example=True).count() == 2
    page = client.get("/trade/").content.decode()
    assert "The statistics on this site are illustrative" in page and DEMO_SOURCE in page
    assert "2025" in page and "6 months so far" in page
    machinery = MarketGuide.objects.get(slug="example-russian-machinery-into-pakistan")
    assert machinery.needs_review
    client.cookies["rabta_language"] = "ur"
    page = client.get(f"/trade/guides/{machinery.slug}/").content.decode()
    assert "data-example" in page and "data-needs-review" in page and "data-other-language" in page
