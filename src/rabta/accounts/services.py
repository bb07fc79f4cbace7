from django.conf import settings

from rabta.accounts.models import User


def user_set_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
