"""The participant directory of an event as a reader in Russian or Urdu sees it."""

import re

import pytest
from django.urls import reverse

from rabta.events import services
from tests.events.conftest import rep
from tests.factories import DEFAULT_PASSWORD, SectorFactory

pytestmark = pytest.mark.django_db

RUSSIAN_NAMES = {
    "Ural Med": "Аптека Урала",
    "Kazan Sports": "Спорт Казани",
    "Forward Sports": "Форвард",
}


@pytest.fixture
def named(participants):
    for registration in participants:
        organisation = registration.organisation
        if organisation.name["en"] in RUSSIAN_NAMES:
            organisation.name = {**organisation.name, "ru": RUSSIAN_NAMES[organisation.name["en"]]}
            organisation.save()
    return participants


def page_of(client, registration, language, **query):
    user = rep(registration)
    user.language = language  # the account's language is the one its pages are in
    user.save(update_fields=["language"])
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)
    event = registration.event
    response = client.get(
        reverse("events:participants", args=[event.slug]),
        query,
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    return response.text


def table_names(html: str) -> list[str]:
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>\s*<td><bdi>([^<]+)</bdi>", table)


def test_participants_are_sorted_by_their_name_in_the_readers_language(client, named):
    surgical = named[0]
    assert table_names(page_of(client, surgical, "ru")) == [
        "Аптека Урала",
        "Спорт Казани",
        "Форвард",
    ]
    assert table_names(page_of(client, surgical, "en")) == [
        "Forward Sports",
        "Kazan Sports",
        "Ural Med",
    ]


def test_each_request_form_is_folded_until_its_button_is_pressed(client, named):
    html = page_of(client, named[0], "ru")
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 3
    for row in rows:
        folded = row.split('<details class="request-form">', 1)[1]
        assert folded.index("<summary") < folded.index("<textarea") < folded.index("</details>")
        assert "Запросить встречу" in folded.split("</summary>", 1)[0]


def test_the_country_filter_offers_the_participants_countries_by_name(client, named):
    html = page_of(client, named[0], "ru")
    assert "two letters" not in html and "две буквы" not in html
    select = html.split('<select id="f-country" name="country">', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(\w*)"[^>]*>([^<]+)<', select) == [
        ("", "Любая страна"), ("PK", "Пакистан"), ("RU", "Российская Федерация")
    ]  # fmt: skip
    filtered = page_of(client, named[0], "ru", country="RU")
    assert table_names(filtered) == ["Аптека Урала", "Спорт Казани"]
    assert '<option value="RU" selected>Российская Федерация</option>' in filtered
    urdu = page_of(client, named[0], "ur")
    assert '<option value="RU">روس</option>' in urdu


def test_recommended_cards_link_to_the_organisation_and_skip_partners_already_requested(
    client, named
):
    surgical, ural, kazan, _forward = named
    sector = SectorFactory(code="medical-devices")
    for registration in (surgical, ural, kazan):
        registration.organisation.sectors.add(sector)
    before = page_of(client, surgical, "en").split("Recommended for you", 1)[1].split("</ul>", 1)[0]
    assert f'href="/organisations/{ural.organisation.slug}/"' in before
    services.meeting_request_send(actor=rep(surgical), sender=surgical, recipient=ural)
    after = page_of(client, surgical, "en").split("Recommended for you", 1)[1].split("</ul>", 1)[0]
    assert f'href="/organisations/{kazan.organisation.slug}/"' in after
    assert ural.organisation.slug not in after
