import csv
import io
from decimal import Decimal

import pytest

from rabta.core.exceptions import NotPermitted
from rabta.core.spreadsheets import FORMULA_STARTS
from rabta.reports.models import ImportJob
from rabta.trade.models import TradeFigure, TradeTotal
from tests.factories import UserFactory
from tests.trade.data import PBS, RABTA_HEADER, ROWS, import_rows

pytestmark = pytest.mark.django_db
KEY = ("source", "reporter", "partner", "flow", "year", "month", "hs_code", "level")


def test_a_rabta_file_is_previewed_then_imported_with_its_totals(organiser):
    job = import_rows(organiser, ROWS, confirm=False)
    assert job.status == ImportJob.Status.READY and job.total_rows == len(ROWS)
    assert not TradeFigure.objects.exists()  # the preview writes nothing
    job = import_rows(organiser, ROWS)
    assert job.status == ImportJob.Status.DONE and job.created_count == len(ROWS)
    figure = TradeFigure.objects.get(source=PBS, flow="export", year=2024, hs_code="9018")
    assert (figure.reporter, figure.partner, figure.month, figure.level) == ("PK", "RU", 0, 4)
    assert figure.chapter == "90" and figure.heading == "9018"
    assert figure.value_usd == Decimal("50000000")
    # chapter 90 of Pakistan's exports = its two headings; the mirror is a series of its own
    chapter = TradeTotal.objects.get(source=PBS, reporter="PK", flow="export", year=2024, code="90")
    assert chapter.value_usd == Decimal("55000000") and chapter.months == 12
    mirror = TradeTotal.objects.get(source="Rosstat", reporter="RU", year=2024, code="90")
    assert mirror.value_usd == Decimal("55000000") and mirror.flow == "import"
    assert TradeTotal.objects.filter(year=2024, code="9018").count() == 2  # never summed


def test_round_trip_through_the_export(organiser, client):
    import_rows(organiser, ROWS)
    client.force_login(organiser)
    response = client.get("/trade/statistics.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    lines = [line.split(",") for line in text.strip().splitlines()]
    assert len(lines) == len(ROWS) + 1
    assert lines[0] == [*RABTA_HEADER, "net_weight_kg", "quantity", "quantity_unit"]
    before = set(TradeFigure.objects.values_list(*KEY, "value_usd"))
    TradeFigure.objects.all().delete()
    job = import_rows(organiser, lines[1:], header=lines[0], name="again.csv")
    assert job.status == ImportJob.Status.DONE, job.errors
    assert set(TradeFigure.objects.values_list(*KEY, "value_usd")) == before


def test_monthly_figures_add_up_and_a_year_under_way_is_marked(organiser):
    rows = [[PBS, "PK", "RU", "export", "2025", str(m), "9018", "1000"] for m in (1, 2, 3)]
    rows += [[PBS, "PK", "RU", "export", "2025", "2", "61", "500"]]
    import_rows(organiser, rows)
    total = TradeTotal.objects.get(code="90", year=2025)
    assert total.value_usd == 3000 and total.months == 3 and not total.is_whole_year
    assert TradeTotal.objects.get(code="", year=2025).value_usd == 3500


def test_a_chapter_figure_wins_over_its_lines_never_both(organiser):
    rows = [
        [PBS, "PK", "RU", "export", "2024", "", "90", "100"],
        [PBS, "PK", "RU", "export", "2024", "", "9018", "70"],
        [PBS, "PK", "RU", "export", "2024", "", "901890", "60"],
    ]
    import_rows(organiser, rows)
    assert TradeTotal.objects.get(code="90").value_usd == 100
    assert TradeTotal.objects.get(code="9018").value_usd == 70
    assert TradeTotal.objects.get(code="").value_usd == 100


def test_rows_already_stored_are_skipped_or_replaced(organiser):
    import_rows(organiser, ROWS)
    changed = [[PBS, "PK", "RU", "export", "2024", "", "9018", "51000000"]]
    job = import_rows(organiser, changed, duplicate_action="skip")
    assert job.duplicate_count == 1 and job.skipped_count == 1
    job = import_rows(organiser, changed, duplicate_action="merge")
    assert job.merged_count == 1
    assert (
        TradeTotal.objects.get(reporter="PK", flow="export", code="9018", year=2024).value_usd
        == 51000000
    )


COMTRADE_HEADER = [
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
]


def comtrade_row(period, flow, partner, code, value, *, freq="M", customs="C00"):
    cells = dict.fromkeys(COMTRADE_HEADER, "")
    cells.update(
        typeCode="C", freqCode=freq, refYear=period[:4], period=period, reporterCode="643",
        reporterISO="RUS", reporterDesc="Russian Federation", flowCode=flow, partnerISO=partner,
        partner2Code="0", classificationCode="H6", cmdCode=code, customsCode=customs, motCode="0",
        qtyUnitAbbr="kg", qty="10", netWgt="10", primaryValue=value,
    )  # fmt: skip
    return [cells[name] for name in COMTRADE_HEADER]


def test_a_comtrade_export_is_read(organiser):
    rows = [
        comtrade_row("202401", "M", "PAK", "9018", "1200.5"),
        comtrade_row("202402", "M", "PAK", "9018", "800"),
        comtrade_row("2024", "X", "PAK", "TOTAL", "9000", freq="A"),
    ]
    job = import_rows(organiser, rows, header=COMTRADE_HEADER)
    assert job.status == ImportJob.Status.DONE, job.errors
    february = TradeFigure.objects.get(month=2)
    assert (february.source, february.reporter, february.partner) == ("UN Comtrade", "RU", "PK")
    assert february.flow == "import" and february.quantity_unit == "kg"
    assert TradeTotal.objects.get(code="90").value_usd == Decimal("2000.5")
    assert TradeTotal.objects.get(code="", flow="export").value_usd == 9000


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ([PBS, "PK", "RU", "export", "2024", "", "9918", "1"], "hs_code", "chapter 99"),
        ([PBS, "PK", "RU", "export", "2024", "", "12345", "1"], "hs_code", "2, 4 or 6 digits"),
        ([PBS, "PK", "RU", "export", "2024", "", "9018", "-5"], "value_usd", "negative"),
        ([PBS, "PK", "W00", "export", "2024", "", "9018", "5"], "partner", "is not a country"),
        ([PBS, "PK", "EU", "export", "2024", "", "9018", "5"], "partner", "is not a country"),
        ([PBS, "PK", "RU", "re-export", "2024", "", "9018", "5"], "flow", "export or import"),
        ([PBS, "PK", "RU", "export", "24", "", "9018", "5"], "year", "not a year"),
        ([PBS, "PK", "RU", "export", "2024", "13", "9018", "5"], "month", "not a month"),
        ([PBS, "PK", "RU", "export", "2024", "", "9018", "lots"], "value_usd", "not a number"),
        ([PBS, "PK", "PK", "export", "2024", "", "9018", "5"], "partner", "reporter itself"),
    ],
)
def test_bad_rows_are_refused_with_line_column_and_reason(organiser, row, column, words):
    job = import_rows(organiser, [ROWS[0], row])
    assert job.status == ImportJob.Status.INVALID
    assert [(e["line"], e["column"]) for e in job.errors] == [(3, column)]
    assert words in job.errors[0]["message"]
    assert not TradeFigure.objects.exists()


def test_rows_repeated_in_the_file_are_refused(organiser):
    job = import_rows(organiser, [*ROWS, ROWS[3], ROWS[0]])
    assert job.status == ImportJob.Status.INVALID
    assert [e["line"] for e in job.errors] == [15, 16]
    assert "line 5 of this file" in job.errors[0]["message"]
    assert "line 2 of this file" in job.errors[1]["message"]
    assert not TradeFigure.objects.exists()


def test_comtrade_breakdowns_and_other_classifications_are_refused(organiser):
    breakdown = comtrade_row("202401", "M", "PAK", "9018", "1", customs="C01")
    world = comtrade_row("202401", "M", "W00", "9018", "1")
    reexport = comtrade_row("202401", "RX", "PAK", "9018", "1")
    job = import_rows(organiser, [breakdown, world, reexport], header=COMTRADE_HEADER)
    columns = [(e["line"], e["column"]) for e in job.errors]
    assert columns == [(2, "customscode"), (3, "partneriso"), (4, "flowcode")]
    assert "World" not in job.errors[1]["message"] and "W00" in job.errors[1]["message"]


def test_a_file_in_another_format_is_refused(organiser):
    job = import_rows(organiser, [["x", "y"]], header=["name_en", "country"])
    assert job.status == ImportJob.Status.INVALID
    assert "Unknown column" in job.errors[0]["message"]


def test_messages_are_in_the_uploaders_language(organiser):
    from django.utils import translation

    with translation.override("ru"):
        job = import_rows(organiser, [[PBS, "PK", "RU", "export", "2024", "", "9018", "-5"]])
    assert "отрицательн" in job.errors[0]["message"]


def test_only_organisers_import_statistics():
    with pytest.raises(NotPermitted):
        import_rows(UserFactory(), ROWS)


LEGACY_HEADER = [
    "Classification",
    "Year",
    "Period",
    "Period Desc.",
    "Aggregate Level",
    "Is Leaf Code",
    "Trade Flow Code",
    "Trade Flow",
    "Reporter Code",
    "Reporter",
    "Reporter ISO",
    "Partner Code",
    "Partner",
    "Partner ISO",
    "2nd Partner Code",
    "2nd Partner",
    "2nd Partner ISO",
    "Customs Proc. Code",
    "Customs",
    "Mode of Transport Code",
    "Mode of Transport",
    "Commodity Code",
    "Commodity",
    "Qty Unit Code",
    "Qty Unit",
    "Qty",
    "Alt Qty Unit Code",
    "Alt Qty Unit",
    "Alt Qty",
    "Netweight (kg)",
    "Gross weight (kg)",
    "Trade Value (US$)",
    "CIF Trade Value (US$)",
    "FOB Trade Value (US$)",
    "Flag",
]


def test_the_older_comtrade_export_is_read(organiser):
    def row(period, flow_code, partner_iso, code, value):
        cells = dict.fromkeys(LEGACY_HEADER, "")
        cells.update({
            "Classification": "H4", "Year": period[:4], "Period": period, "Trade Flow Code": flow_code,
            "Reporter ISO": "PAK", "Partner ISO": partner_iso, "Commodity Code": code,
            "Trade Value (US$)": value, "Netweight (kg)": "12",
        })  # fmt: skip
        return [cells[name] for name in LEGACY_HEADER]

    job = import_rows(
        organiser, [row("2016", "2", "RUS", "9018", "5000"), row("2016", "1", "RUS", "84", "700")],
        header=LEGACY_HEADER,
    )  # fmt: skip
    assert job.status == ImportJob.Status.DONE, job.errors
    assert TradeTotal.objects.get(flow="export", code="90").value_usd == 5000
    job = import_rows(organiser, [row("2016", "2", "WLD", "9018", "5")], header=LEGACY_HEADER)
    assert job.errors[0]["column"] == "partner_iso"


def test_the_template_imports_as_it_is(client, organiser):
    client.force_login(organiser)
    response = client.get("/reports/imports/templates/trade_statistics.csv")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    lines = [line.split(",") for line in text.strip().splitlines()]
    job = import_rows(organiser, lines[1:], header=lines[0])
    assert job.status == ImportJob.Status.DONE, job.errors
    assert TradeFigure.objects.get().quantity_unit == "u"


def test_a_source_that_looks_like_a_formula_is_exported_as_text_and_imports_again(
    organiser, client
):
    """A source "=cmd|' /C calc'!A0" was a bare =… cell in statistics.csv and trends.csv: a live
    formula in the reader's spreadsheet. It gets Excel's text apostrophe (the importer takes it
    off); a fall ("-50.0") stays a number."""
    evil = "=cmd|' /C calc'!A0"
    import_rows(organiser, [[evil, *row[1:]] for row in ROWS])
    client.force_login(organiser)
    for url in ("/trade/statistics.csv", "/trade/trends.csv", "/trade/hs/9019/trends.csv"):
        text = b"".join(client.get(url).streaming_content).decode()
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert "'" + evil in cells, url
        assert not any(c.startswith(FORMULA_STARTS) and c != "-50.0" for c in cells), url
    assert "-50.0" in cells  # 9019: 10 M → 5 M
    statistics = b"".join(client.get("/trade/statistics.csv").streaming_content).decode()
    lines = list(csv.reader(io.StringIO(statistics)))
    before = set(TradeFigure.objects.values_list(*KEY, "value_usd"))
    TradeFigure.objects.all().delete()
    job = import_rows(organiser, lines[1:], header=lines[0], name="again.csv")
    assert job.status == ImportJob.Status.DONE, job.errors
    assert set(TradeFigure.objects.values_list(*KEY, "value_usd")) == before
    assert set(TradeFigure.objects.values_list("source", flat=True)) == {evil}
