"""django-allauth's interface strings that rabta shows, listed so `make messages` extracts them.

allauth has no Urdu catalogue, and rabta's pages use its form labels and error messages as they
are. Listing the exact msgids here puts them into rabta's catalogues (which come first, through
LOCALE_PATHS), so Urdu readers get them in Urdu. Nothing imports this module; the msgids must
match allauth's exactly (tests/accounts/test_allauth_pages.py checks they still exist).
"""

from django.utils.translation import gettext_noop

STRINGS = (
    # Form fields (labels double as placeholders)
    gettext_noop("Email address"),
    gettext_noop("Password (again)"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Current Password"),
    gettext_noop("Remember Me"),
    # Errors of the login, sign-up, reset and re-authentication forms
    gettext_noop("You must type the same password each time."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Incorrect password."),
    gettext_noop("Please type your current password."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("The new value must be different from the current one."),
)
