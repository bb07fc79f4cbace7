"""`rabta reindex` rebuilds the index that search and recommendations read, after an upgrade
changed how texts are read, and refuses a bad batch size without touching anything."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rabta.marketplace.models import Opportunity, OpportunityFeature
from rabta.matching.models import OrganisationFeature
from tests.factories import SectorFactory
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def exporter():
    SectorFactory(code="agriculture-food", name={"en": "Agriculture and food"})
    user, organisation = participant(
        country="PK", hs_codes=["1006"], description={"en": "We mill basmati rice."}
    )
    publish(user, title={"en": "Basmati rice for export"}, hs_codes=["100630"])
    publish(user, title={"en": "Sortexed sella rice"}, hs_codes=[])
    return organisation


def _rows(organisation):
    return (
        sorted(
            OpportunityFeature.objects.filter(opportunity__organisation=organisation).values_list(
                "opportunity_id", "key", "dim"
            )
        ),
        sorted(OrganisationFeature.objects.filter(organisation=organisation).values_list("key")),
        sorted(Opportunity.objects.filter(organisation=organisation).values_list("pk", "terms")),
    )


def test_a_stale_or_lost_index_is_rebuilt_as_saving_builds_it(exporter):
    built = _rows(exporter)
    assert built[0] and built[1]
    # As an older vocabulary would have left it: rows lost, stale terms.
    OpportunityFeature.objects.filter(opportunity__organisation=exporter).delete()
    OrganisationFeature.objects.filter(organisation=exporter).delete()
    Opportunity.objects.filter(organisation=exporter).update(terms="stale")

    out = StringIO()
    call_command("reindex", "--batch-size", "1", stdout=out)

    assert _rows(exporter) == built
    assert "Opportunities: 2 of 2" in out.getvalue()
    assert "The index is rebuilt." in out.getvalue()


def test_a_batch_size_below_one_is_refused_and_nothing_changes(exporter):
    before = _rows(exporter)
    with pytest.raises(CommandError, match="above zero"):
        call_command("reindex", "--batch-size", "0", stdout=StringIO())
    assert _rows(exporter) == before
