"""Small statistics files whose trends are computed by hand in the tests."""

from __future__ import annotations

from rabta.reports.imports import import_confirm, import_start
from tests.reports.helpers import csv_file

RABTA_HEADER = ["source", "reporter", "partner", "flow", "year", "month", "hs_code", "value_usd"]

# Pakistan's exports to Russia (as Pakistan reports them) and Russia's imports from Pakistan
# (as Russia reports them): the same goods measured twice, with different numbers.
PBS = "Pakistan Bureau of Statistics"
ROWS = [
    [PBS, "PK", "RU", "export", "2023", "", "TOTAL", "500000000"],
    [PBS, "PK", "RU", "export", "2024", "", "TOTAL", "600000000"],
    [PBS, "PK", "RU", "export", "2023", "", "9018", "40000000"],
    [PBS, "PK", "RU", "export", "2024", "", "9018", "50000000"],
    [PBS, "PK", "RU", "export", "2023", "", "9019", "10000000"],
    [PBS, "PK", "RU", "export", "2024", "", "9019", "5000000"],
    [PBS, "PK", "RU", "export", "2023", "", "61", "100000000"],
    [PBS, "PK", "RU", "export", "2024", "", "61", "90000000"],
    [PBS, "PK", "RU", "import", "2023", "", "TOTAL", "200000000"],
    [PBS, "PK", "RU", "import", "2024", "", "TOTAL", "260000000"],
    [PBS, "PK", "RU", "import", "2024", "", "84", "30000000"],
    ["Rosstat", "RU", "PK", "import", "2023", "", "9018", "44000000"],
    ["Rosstat", "RU", "PK", "import", "2024", "", "9018", "55000000"],
]


def import_rows(actor, rows, *, header=RABTA_HEADER, name="stats.csv", confirm=True, **kwargs):
    job = import_start(
        actor=actor, kind="trade_statistics", upload=csv_file([header, *rows], name=name)
    )
    if confirm and job.status == "ready":
        job = import_confirm(actor=actor, job=job, **kwargs)
    return job
