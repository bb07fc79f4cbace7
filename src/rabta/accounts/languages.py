"""Languages a person can speak (for matching and interpreter planning).

ISO 639-1 codes. The names are translated in rabta's own catalogues.
"""

from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("ur", _("Urdu")),
    ("pa", _("Punjabi")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("zh", _("Chinese")),
    ("tr", _("Turkish")),
    ("de", _("German")),
    ("fr", _("French")),
    ("kk", _("Kazakh")),
    ("uz", _("Uzbek")),
    ("tt", _("Tatar")),
]
SPOKEN_LANGUAGE_CODES = frozenset(code for code, _name in SPOKEN_LANGUAGES)


def spoken_language_name(code: str) -> str:
    return str(dict(SPOKEN_LANGUAGES).get(code, code))
