"""The vocabulary's sectors are rabta's sectors (the organisations app seeds them)."""

import csv

import pytest

from rabta.organisations.models import Sector
from rabta.vocabulary import get_vocabulary
from rabta.vocabulary.vocabulary import DATA


@pytest.mark.django_db
def test_the_vocabulary_knows_exactly_rabtas_sectors():
    with (DATA / "sectors.csv").open(encoding="utf-8") as handle:
        listed = {row["code"] for row in csv.DictReader(handle)}
    assert listed == set(Sector.objects.values_list("code", flat=True))


def test_every_sector_has_concepts():
    with (DATA / "sectors.csv").open(encoding="utf-8") as handle:
        listed = {row["code"] for row in csv.DictReader(handle)}
    used = {
        s
        for concept in get_vocabulary().concepts.values()
        if concept.origin == "curated"
        for s in concept.sectors
    }
    assert used == listed
