"""Reading one row of a trade statistics file: UN Comtrade's CSV export or rabta's own format.

``StatisticsFormat.detect(header)`` tells the two apart by their columns; ``parse(row)`` turns
one row (a dict by normalised column name) into a :class:`Figure` or a list of
``(column, message)`` problems, in the active language. Nothing here touches the database.

UN Comtrade (comtradeplus.un.org, "Download" as CSV) names its columns in camelCase
(``reporterISO``, ``flowCode``, ``cmdCode``, ``primaryValue`` …); its older export used
``Reporter ISO``, ``Trade Flow Code``, ``Commodity Code``, ``Trade Value (US$)`` … Both are read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rabta.core import validation
from rabta.organisations.validators import validate_hs_code

COMTRADE_SOURCE = "UN Comtrade"
DEMO_SOURCE = "Illustrative figures (rabta demo, not official)"
MAX_VALUE = Decimal("1e15")  # no single trade figure reaches a quadrillion dollars
FIRST_YEAR, LAST_YEAR = 1962, 2100  # Comtrade starts in 1962


@dataclass(frozen=True, slots=True)
class Figure:
    source: str
    reporter: str
    partner: str
    flow: str
    year: int
    month: int
    hs_code: str
    value_usd: Decimal
    net_weight_kg: Decimal | None
    quantity: Decimal | None
    quantity_unit: str

    @property
    def key(self) -> tuple:
        return (
            self.source,
            self.reporter,
            self.partner,
            self.flow,
            self.year,
            self.month,
            self.hs_code,
        )


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    help: Any = ""
    example: str = ""


# --- rabta's own format ---------------------------------------------------------------------

RABTA_COLUMNS = (
    Column(
        "source",
        True,
        gettext_lazy("Who publishes the figures, e.g. Pakistan Bureau of Statistics."),
        "Pakistan Bureau of Statistics",
    ),
    Column("reporter", True, gettext_lazy("Two-letter code of the reporting country."), "PK"),
    Column("partner", True, gettext_lazy("Two-letter code of the partner country."), "RU"),
    Column("flow", True, gettext_lazy("export or import, as the reporter sees it."), "export"),
    Column("year", True, gettext_lazy("The year, e.g. 2024."), "2024"),
    Column("month", help=gettext_lazy("1 to 12; empty for the whole year."), example=""),
    Column(
        "hs_code",
        True,
        gettext_lazy("HS code of 2, 4 or 6 digits, or TOTAL for all goods."),
        "9018",
    ),
    Column("value_usd", True, gettext_lazy("Trade value in US dollars, 0 or more."), "1250000"),
    Column("net_weight_kg", help=gettext_lazy("Net weight in kilograms."), example="5400"),
    Column("quantity", help=gettext_lazy("Quantity in the unit below."), example="120000"),
    Column("quantity_unit", help=gettext_lazy("Unit of the quantity, e.g. u, kg, l."), example="u"),
)

# --- UN Comtrade ----------------------------------------------------------------------------

# Every column of Comtrade's CSV export (current and older names, normalised: lower case,
# spaces as underscores). The ones in COMTRADE_FIELDS are read; the others are descriptions
# or breakdowns rabta does not keep and are accepted as they are.
COMTRADE_FIELDS: dict[str, tuple[str, ...]] = {
    "reporter": ("reporteriso", "reporter_iso"),
    "partner": ("partneriso", "partner_iso"),
    "flow": ("flowcode", "trade_flow_code"),
    "year": ("refyear", "year"),
    "period": ("period",),
    "frequency": ("freqcode",),
    "hs_code": ("cmdcode", "commodity_code"),
    "classification": ("classificationcode", "classification"),
    "value_usd": ("primaryvalue", "trade_value_(us$)", "tradevalueus"),
    "net_weight_kg": ("netwgt", "netweight_(kg)", "netweightkg"),
    "quantity": ("qty",),
    "quantity_unit": ("qtyunitabbr", "qty_unit"),
    # breakdowns: rabta keeps totals only, so these must say "all"
    "customs": ("customscode", "customs_proc._code"),
    "transport": ("motcode", "mode_of_transport_code"),
    "partner2": ("partner2code", "2nd_partner_code"),
}
COMTRADE_OTHER_COLUMNS = frozenset(
    [
        "typecode",
        "refperiodid",
        "refmonth",
        "reportercode",
        "reporterdesc",
        "flowdesc",
        "partnercode",
        "partnerdesc",
        "partner2iso",
        "partner2desc",
        "classificationsearchcode",
        "isoriginalclassification",
        "cmddesc",
        "aggrlevel",
        "isleaf",
        "customsdesc",
        "moscode",
        "motdesc",
        "qtyunitcode",
        "isqtyestimated",
        "altqtyunitcode",
        "altqtyunitabbr",
        "altqty",
        "isaltqtyestimated",
        "isnetwgtestimated",
        "grosswgt",
        "isgrosswgtestimated",
        "cifvalue",
        "fobvalue",
        "legacyestimationflag",
        "isreported",
        "isaggregate",
        "period_desc.",
        "aggregate_level",
        "is_leaf_code",
        "trade_flow",
        "reporter_code",
        "reporter",
        "partner_code",
        "partner",
        "2nd_partner",
        "2nd_partner_iso",
        "customs",
        "mode_of_transport",
        "commodity",
        "qty_unit_code",
        "alt_qty_unit_code",
        "alt_qty_unit",
        "alt_qty",
        "gross_weight_(kg)",
        "grossweightkg",
        "cif_trade_value",
        "cif_trade_value_(us$)",
        "cif_tradevalue",
        "fob_trade_value_(us$)",
        "flag",
    ]
)
COMTRADE_COLUMNS = frozenset(name for names in COMTRADE_FIELDS.values() for name in names) | (
    COMTRADE_OTHER_COLUMNS
)
COMTRADE_REQUIRED = ("reporter", "partner", "flow", "hs_code", "value_usd")
COMTRADE_FLOWS = {"x": "export", "m": "import", "2": "export", "1": "import"}
TOTAL_BREAKDOWN = {"customs": ("", "c00"), "transport": ("", "0"), "partner2": ("", "0")}


def is_comtrade(header: list[str]) -> bool:
    return bool({"reporteriso", "reporter_iso", "cmdcode", "commodity_code"} & set(header))


def comtrade_columns(header: list[str]) -> dict[str, str]:
    """Which column of this file holds each field Comtrade names several ways."""
    present = set(header)
    return {
        field: next((name for name in names if name in present), "")
        for field, names in COMTRADE_FIELDS.items()
    }


# --- shared cell readers --------------------------------------------------------------------


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


@cache
def country_code(value: str) -> str | None:
    """The ISO 3166 two-letter code of a country given by its two- or three-letter code."""
    code = value.strip().upper()
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3 and code.isalpha():
        country = pycountry.countries.get(alpha_3=code)
    else:
        country = None
    return country.alpha_2 if country else None


class Problems(list):
    def add(self, column: str, message: str) -> None:
        self.append((column, str(message)))


def _country(value: Any, column: str, problems: Problems) -> str:
    raw = text(value)
    if not raw:
        problems.add(column, _("The country is missing."))
        return ""
    code = country_code(raw)
    if code is None:
        problems.add(
            column,
            _(
                "“%(value)s” is not a country: rabta keeps trade between two countries "
                "(not the world, a region or “areas not elsewhere specified”). Use an ISO "
                "country code such as PK or RU (PAK or RUS in Comtrade files)."
            )
            % {"value": raw},
        )
        return ""
    return code


def _amount(value: Any, column: str, problems: Problems, *, required: bool) -> Decimal | None:
    raw = text(value).replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not raw:
        if required:
            problems.add(column, _("The trade value is missing."))
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        problems.add(column, _("“%(value)s” is not a number.") % {"value": text(value)})
        return None
    if not amount.is_finite():
        problems.add(column, _("“%(value)s” is not a number.") % {"value": text(value)})
        return None
    if amount < 0:
        problems.add(
            column,
            _("“%(value)s” is negative: trade figures are 0 or more.") % {"value": text(value)},
        )
        return None
    if amount >= MAX_VALUE:
        problems.add(column, _("“%(value)s” is too large.") % {"value": text(value)})
        return None
    return amount.quantize(Decimal("0.001"))


def _year(value: Any, column: str, problems: Problems) -> int:
    raw = text(value)
    if not (raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR):
        problems.add(
            column,
            _("“%(value)s” is not a year: write four digits, e.g. 2024.") % {"value": raw}
            if raw
            else _("The year is missing."),
        )
        return 0
    return int(raw)


def _month(raw: str, column: str, problems: Problems) -> int:
    if not raw:
        return 0
    if not (raw.isdigit() and 1 <= int(raw) <= 12):
        problems.add(
            column,
            _("“%(value)s” is not a month: write 1 to 12, or leave it empty for the whole year.")
            % {"value": raw},
        )
        return 0
    return int(raw)


def _hs_code(value: Any, column: str, problems: Problems) -> str | None:
    raw = text(value)
    if raw.upper() in ("TOTAL", "ALL"):
        return ""
    if not raw:
        problems.add(column, _("The HS code is missing: write 2, 4 or 6 digits, or TOTAL."))
        return None
    try:
        validate_hs_code(raw)
    except ValidationError as error:
        problems.add(column, " ".join(validation.messages(error)))
        return None
    return raw.replace(".", "").replace(" ", "")


def _unit(value: Any) -> str:
    return text(value)[:20]


# --- the two formats ------------------------------------------------------------------------


def parse_rabta(row: dict[str, Any]) -> tuple[Figure | None, Problems]:
    problems = Problems()
    source = text(row.get("source"))
    if not source:
        problems.add("source", _("Name the source of the figures, e.g. UN Comtrade."))
    elif len(source) > 100:
        problems.add("source", _("The source's name is longer than 100 characters."))
    reporter = _country(row.get("reporter"), "reporter", problems)
    partner = _country(row.get("partner"), "partner", problems)
    if reporter and reporter == partner:
        problems.add("partner", _("The partner is the reporter itself."))
    flow = text(row.get("flow")).lower()
    if flow not in ("export", "import"):
        problems.add(
            "flow", _("“%(value)s” is not a flow: write export or import.") % {"value": flow}
        )
    year = _year(row.get("year"), "year", problems)
    month = _month(text(row.get("month")), "month", problems)
    hs_code = _hs_code(row.get("hs_code"), "hs_code", problems)
    value = _amount(row.get("value_usd"), "value_usd", problems, required=True)
    weight = _amount(row.get("net_weight_kg"), "net_weight_kg", problems, required=False)
    quantity = _amount(row.get("quantity"), "quantity", problems, required=False)
    if problems:
        return None, problems
    return Figure(
        source, reporter, partner, flow, year, month, hs_code, value, weight, quantity,
        _unit(row.get("quantity_unit")),
    ), problems  # fmt: skip


def parse_comtrade(row: dict[str, Any], columns: dict[str, str]) -> tuple[Figure | None, Problems]:
    problems = Problems()

    def cell(field: str) -> Any:
        return row.get(columns[field]) if columns[field] else None

    classification = text(cell("classification")).upper()
    if classification and not (classification.startswith("H") or classification == "HS"):
        problems.add(
            columns["classification"],
            _(
                "The classification “%(value)s” is not the Harmonized System: download the "
                "figures in HS (H0 to H6)."
            )
            % {"value": classification},
        )
    for field, totals in TOTAL_BREAKDOWN.items():
        if columns[field] and text(cell(field)).lower() not in totals:
            problems.add(
                columns[field],
                _(
                    "This row is a breakdown (“%(value)s”): rabta keeps totals only. Download "
                    "the figures with every customs procedure, mode of transport and second "
                    "partner together (“all”)."
                )
                % {"value": text(cell(field))},
            )
    reporter = _country(cell("reporter"), columns["reporter"], problems)
    partner = _country(cell("partner"), columns["partner"], problems)
    if reporter and reporter == partner:
        problems.add(columns["partner"], _("The partner is the reporter itself."))
    flow_raw = text(cell("flow"))
    flow = COMTRADE_FLOWS.get(flow_raw.lower(), "")
    if not flow:
        problems.add(
            columns["flow"],
            _(
                "The flow “%(value)s” is not kept: rabta reads imports (M) and exports (X); "
                "re-exports, re-imports and other flows are left out of the download."
            )
            % {"value": flow_raw},
        )
    period = text(cell("period"))
    frequency = text(cell("frequency")).upper()
    year_column = columns["year"] or columns["period"]
    if columns["year"]:
        year = _year(cell("year"), columns["year"], problems)
    else:
        year = _year(period[:4], year_column or "period", problems)
    month = 0
    if frequency == "M" or (not frequency and len(period) == 6):
        if len(period) == 6 and period.isdigit():
            month = _month(str(int(period[4:])), columns["period"], problems)
        else:
            problems.add(
                columns["period"] or "period",
                _("“%(value)s” is not a month: Comtrade writes months as YYYYMM, e.g. 202403.")
                % {"value": period},
            )
    hs_code = _hs_code(cell("hs_code"), columns["hs_code"], problems)
    value = _amount(cell("value_usd"), columns["value_usd"], problems, required=True)
    weight = (
        _amount(cell("net_weight_kg"), columns["net_weight_kg"], problems, required=False)
        if columns["net_weight_kg"]
        else None
    )
    quantity = (
        _amount(cell("quantity"), columns["quantity"], problems, required=False)
        if columns["quantity"]
        else None
    )
    if problems:
        return None, problems
    return Figure(
        COMTRADE_SOURCE, reporter, partner, flow, year, month, hs_code, value, weight, quantity,
        _unit(cell("quantity_unit")),
    ), problems  # fmt: skip
