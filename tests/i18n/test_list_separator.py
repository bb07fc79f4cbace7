"""Between a name and its country, the reader's own comma: "، " in Urdu, ", " in Russian."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "comma", "foreign"), [("ur", "، ", ", "), ("ru", ", ", "، ")])
def test_an_opportunity_names_its_organisation_and_country_with_the_reader_s_comma(
    client, language, comma, foreign
):
    user, organisation = participant(name={"en": "Sialkot Gloves"}, country="PK", city="Sialkot")
    opportunity = publish(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = {
        "detail": client.get(reverse("marketplace:detail", args=[opportunity.pk])).text,
        "list": client.get(reverse("marketplace:browse")).text,
        "profile": client.get(reverse("organisations:detail", args=[organisation.slug])).text,
        "directory": client.get(reverse("organisations:directory")).text,
    }
    for name, page in pages.items():
        bdi_end = "</bdi></a>" if name == "detail" else "</bdi>"
        assert bdi_end + comma in page, name
        assert bdi_end + foreign not in page, name
