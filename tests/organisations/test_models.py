import pytest

from rabta.organisations.models import Organisation
from tests.factories import OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


def make(name, **kwargs):
    organisation = Organisation(name=name, country=kwargs.pop("country", "PK"), **kwargs)
    organisation.save()
    return organisation


def test_name_key_is_the_english_name_casefolded_and_trimmed():
    assert (
        make({"en": "  Sialkot   Surgical WORKS ", "ru": "Сиалкот"}).name_key
        == "sialkot surgical works"
    )


def test_name_key_falls_back_to_the_first_name():
    assert make({"ru": "Уралмаш"}).name_key == "уралмаш"


def test_slug_from_the_english_name_and_unique():
    first = make({"en": "Punjab University"})
    second = make({"en": "Punjab University"}, country="RU")
    assert (first.slug, second.slug) == ("punjab-university", "punjab-university-2")


def test_slug_transliterates_russian_names():
    assert make({"ru": "Уральский завод «Щит»"}).slug == "uralskii-zavod-shchit"


def test_slug_transliterates_urdu_names_and_stays_unique():
    first = make({"ur": "رحمان سرجیکل"})
    second = make({"ur": "رحمان سرجیکل"}, country="RU")
    assert (first.slug, second.slug) == ("rhman-srjikl", "rhman-srjikl-2")
    assert make({"ur": "سیالکوٹ چیمبر"}).slug == "sialkot-chimbr"
    assert make({"ur": "علی ٹریڈرز، لاہور"}).slug == "ali-tridrz-lahor"


def test_slug_for_a_name_with_no_transliterable_letter_is_neutral():
    organisation = make({"ur": "★★★"})
    assert organisation.slug.startswith("org-")
    assert organisation.slug.isascii()


def test_slug_never_shadows_a_page_address():
    assert make({"en": "Register"}).slug == "register-2"


def test_slug_is_kept_when_the_name_changes():
    organisation = make({"en": "Old Name"})
    organisation.name = {"en": "New Name"}
    organisation.save()
    assert organisation.slug == "old-name"
    assert organisation.name_key == "new name"


def test_search_text_covers_every_language_city_country_sectors_and_codes():
    organisation = OrganisationFactory(
        name={"en": "Sialkot Surgical Works", "ru": "Сиалкот Хирургия", "ur": "سیالکوٹ سرجیکل"},
        description={"en": "Forceps and scissors", "ru": "Пинцеты и ножницы"},
        city="Sialkot",
        country="PK",
        hs_codes=["9018", "8213"],
    )
    organisation.sectors.set(
        [SectorFactory(code="surgical", name={"en": "Surgical", "ru": "Хирургия"})]
    )
    organisation.refresh_search_text()
    organisation.refresh_from_db()
    text = organisation.search_text
    for expected in (
        "sialkot surgical works",
        "сиалкот хирургия",
        "سیالکوٹ",
        "пинцеты",
        "forceps",
        "pakistan",
        "пакистан",
        "surgical",
        "9018",
        "8213",
    ):
        assert expected in text
