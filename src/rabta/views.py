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


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check (settings.CSRF_FAILURE_VIEW): said in the reader's
    language, in rabta's layout, with what to do — not Django's English technical page. The
    page sets a fresh CSRF cookie, so going back and reloading the form is enough."""
    from django.conf import settings

    return render(
        request,
        "403_csrf.html",
        {"reason": reason if settings.DEBUG else ""},
        status=403,
    )
