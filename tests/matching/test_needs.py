"""What a participant looks for is read from the index rows of its own opportunities and profile
(no vocabulary run per request) and is the same as reading their texts again."""

import pytest

from rabta.marketplace import concepts, services
from rabta.marketplace.models import OpportunityFeature
from rabta.matching.models import OrganisationFeature
from rabta.matching.needs import needs_of
from tests.factories import SectorFactory
from tests.marketplace.helpers import opportunity_data, participant, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def exporter():
    SectorFactory(code="agriculture-food", name={"en": "Agriculture and food"})
    user, organisation = participant(
        country="PK",
        hs_codes=["1006"],
        description={"en": "We mill basmati rice and export cotton yarn."},
    )
    publish(
        user,
        title={"en": "Basmati rice for export"},
        description={"en": "Long-grain basmati rice; we also trade cotton yarn."},
        hs_codes=["100630"],
        sector_codes=["agriculture-food"],
    )
    publish(
        user,
        kind="joint_venture",
        role="seek",
        title={"en": "Investor wanted for a solar energy plant"},
        hs_codes=[],
    )
    services.opportunity_create(  # a draft: no index rows, but it is ours
        user=user,
        data=opportunity_data(title={"en": "Surgical scissors"}, hs_codes=["901890"]),
        publish=False,
    )
    return organisation


def test_needs_from_the_index_equal_needs_from_the_texts(exporter):
    from_index = needs_of(exporter)
    # Without any index row, every key is read from the texts again.
    OpportunityFeature.objects.filter(opportunity__organisation=exporter).delete()
    OrganisationFeature.objects.filter(organisation=exporter).delete()
    from_texts = needs_of(exporter)
    assert from_index.wanted == from_texts.wanted
    assert from_index.concepts == from_texts.concepts
    assert "trade.seek|hs6:100630" in from_index.wanted
    assert "trade.seek|hs6:901890" in from_index.wanted  # the draft's
    assert any(key.startswith("trade.seek|cpt:") for key in from_index.wanted)
    assert any(key.startswith("jv.offer|") for key in from_index.wanted)


def test_published_opportunities_and_an_approved_profile_need_no_vocabulary_run(
    exporter, monkeypatch
):
    from rabta.marketplace.models import Opportunity

    Opportunity.objects.filter(organisation=exporter, status="draft").delete()
    expected = needs_of(exporter).wanted

    def no_vocabulary(*args, **kwargs):
        raise AssertionError("the vocabulary was run for a participant's needs")

    monkeypatch.setattr(concepts, "get_vocabulary", no_vocabulary)
    assert needs_of(exporter).wanted == expected
