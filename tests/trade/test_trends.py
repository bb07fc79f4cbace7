"""The trend figures against values computed by hand from tests/trade/data.py."""

from decimal import Decimal

import pytest

from rabta.trade import trends
from tests.trade.data import PBS, ROWS, import_rows

pytestmark = pytest.mark.django_db

M = Decimal(1_000_000)


@pytest.fixture
def imported(organiser):
    import_rows(organiser, ROWS)


def test_each_direction_keeps_its_mirror_measures_apart(imported):
    to_russia, to_pakistan = trends.directions("")
    assert (to_russia.exporter, to_russia.importer) == ("PK", "RU")
    measures = {(s.key.source, s.key.reporter, s.key.flow): s for s in to_russia.series}
    assert set(measures) == {(PBS, "PK", "export"), ("Rosstat", "RU", "import")}
    exports = measures[(PBS, "PK", "export")]
    assert exports.value(2023) == 500 * M and exports.value(2024) == 600 * M
    assert exports.growth(2024) == pytest.approx(20.0)
    # Russia reports only HS 9018: its all-goods line is the sum of its chapters, 44 → 55
    mirror = measures[("Rosstat", "RU", "import")]
    assert mirror.value(2024) == 55 * M and mirror.growth(2024) == pytest.approx(25.0)
    assert [s.key.flow for s in to_pakistan.series] == ["import"]


def test_balance_is_each_reporters_own_exports_minus_imports(imported):
    (balance,) = trends.balances(trends.directions(""))
    assert (balance.reporter, balance.source) == ("PK", PBS)
    assert [(year, net) for year, _o, _i, net, _w in balance.rows] == [
        (2023, 300 * M),
        (2024, 340 * M),
    ]


def test_chapters_growing_shrinking_and_shares(imported):
    to_russia = trends.directions("")[0]
    only_exports = trends.Direction(
        "PK", "RU", [s for s in to_russia.series if s.key.source == PBS]
    )
    found = trends.breakdown(only_exports)
    assert found.year == 2024
    by_code = {item.code: item for item in found.items}
    assert by_code["90"].value == 55 * M and by_code["90"].growth == pytest.approx(10.0)
    assert by_code["61"].growth == pytest.approx(-10.0)
    assert by_code["90"].share == pytest.approx(55 / 600 * 100)
    assert by_code["61"].share == pytest.approx(15.0)
    assert [i.code for i in found.growing] == ["90"] and [i.code for i in found.shrinking] == ["61"]
    headings = trends.breakdown(only_exports, "90")
    assert {i.code: round(i.growth, 1) for i in headings.items} == {"9018": 25.0, "9019": -50.0}
    assert {i.code: round(i.share, 2) for i in headings.items} == {"9018": 90.91, "9019": 9.09}


def test_the_importers_own_figures_are_preferred_for_the_trend_line(imported):
    line = trends.trend_line(["901890"], exporter="PK")
    assert (line.code, line.series.source, line.series.reporter) == ("9018", "Rosstat", "RU")
    assert line.year == 2024 and line.value == 55 * M and line.growth == pytest.approx(25.0)
    clothing = trends.trend_line(["6109"], exporter="PK")  # no heading figures: its chapter
    assert clothing.code == "61" and clothing.growth == pytest.approx(-10.0)
    assert trends.trend_line(["8471"], exporter="PK") is None
    assert trends.trend_line(["9018"], exporter="CN") is None


def test_chapter_growth_for_sorting_the_marketplace(imported):
    growth = trends.chapter_growth(exporter="PK")
    assert growth == pytest.approx({"90": 25.0, "61": -10.0})
    assert trends.chapter_growth(exporter="RU") == {}  # one year only: no growth


def test_a_year_under_way_is_not_compared(organiser):
    rows = [
        [PBS, "PK", "RU", "export", "2024", "", "9018", "100"],
        [PBS, "PK", "RU", "export", "2025", "1", "9018", "60"],
    ]
    import_rows(organiser, rows)
    series = trends.directions("9018")[0].series[0]
    assert series.latest_whole_year == 2024 and series.growth(2025) is None
    assert series.points[2025].months == 1
