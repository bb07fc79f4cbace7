"""Trend pages (the corridor at a glance, one HS chapter or heading), their exports, and the
market guides. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render

from rabta.organisations.hs import is_known_chapter
from rabta.trade import exports, pages, trends


def _code(code: str) -> str:
    if not (code.isdigit() and len(code) in (2, 4) and is_known_chapter(code[:2])):
        raise Http404
    return code


def corridor(request):
    return render(request, "trade/corridor.html", pages.corridor_context())


def hs_code(request, code: str):
    return render(request, "trade/code.html", pages.code_context(_code(code)))


def _csv(lines, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        exports.csv_lines(lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def statistics_csv(request):
    """Every figure in rabta's import format (a million rows stream; signed-in readers only)."""
    return _csv(exports.statistics_rows(), "rabta-trade-statistics")


def trends_csv(request, code: str = ""):
    code = _code(code) if code else ""
    return _csv(exports.trends_rows(code, trends.directions(code)), f"rabta-trends-{code or 'all'}")
