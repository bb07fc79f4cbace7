from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from rabta.core.fields import LANGUAGE_LABELS


def rabta(request):
    return {
        "language_choices": [
            (code, LANGUAGE_LABELS.get(code, code)) for code, _name in settings.LANGUAGES
        ],
        "current_language": get_language(),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }
