"""Project-level pages that gather several apps (the home page)."""

from django.shortcuts import render

from rabta.organisations import selectors as organisation_selectors


def home(request):
    return render(
        request,
        "home.html",
        {
            "stats": organisation_selectors.directory_stats(),
            "featured": organisation_selectors.featured_organisations(limit=6),
        },
    )
