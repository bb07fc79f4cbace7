"""Complementarity first, across the corridor: the partner on the other side of the deal and in
the other country comes before same-country, same-side peers (small constructed cases)."""

import pytest

from rabta.matching.selectors import recommendations_for
from tests.factories import SectorFactory
from tests.marketplace.helpers import participant, publish, publish_in, speaking

pytestmark = pytest.mark.django_db


def first_titles(organisation, n: int = 5) -> list[str]:
    return [
        r.title.get("en") or next(iter(r.title.values()))
        for r in recommendations_for(organisation).opportunities[:n]
    ]


def partner_names(organisation) -> list[str]:
    return [p.name["en"] for p in recommendations_for(organisation).partners]


def test_a_russian_importer_meets_the_pakistani_supplier_before_russian_firms():
    importer, importer_organisation = speaking(["ru"], country="RU")
    publish(
        importer,
        kind="sourcing_request",
        languages=["ru"],
        title={"ru": "Ищем поставщика риса"},
        description={"ru": "Партии от 20 тонн"},
        hs_codes=["1006"],
        work_languages=["ru"],
    )
    pakistani, _ = participant(country="PK", name={"en": "Gujranwala Mill"})
    publish(
        pakistani,
        title={"en": "Rice, export quality"},
        hs_codes=["1006"],
        work_languages=["en", "ur"],
    )
    russian_trader, _ = speaking(["ru"], country="RU", name={"en": "Moscow Trader"})
    publish_in(russian_trader, "ru", "Продаём рис со склада в Москве", hs_codes=["1006"])
    russian_peer, _ = speaking(["ru"], country="RU", name={"en": "Kazan Importer"})
    publish_in(russian_peer, "ru", "Тоже закупаем рис", kind="sourcing_request", hs_codes=["1006"])
    assert first_titles(importer_organisation) == [
        "Rice, export quality",
        "Продаём рис со склада в Москве",
    ]
    assert partner_names(importer_organisation) == ["Gujranwala Mill", "Moscow Trader"]


def test_a_pakistani_project_meets_the_russian_investor_before_pakistani_ones():
    SectorFactory(code="energy", name={"en": "Energy"})
    project, project_organisation = speaking(["ur", "en"], country="PK")
    publish(
        project,
        kind="joint_venture",
        role="seek",
        title={"en": "Hydropower plant seeks an investor"},
        hs_codes=[],
        sector_codes=["energy"],
        work_languages=["en", "ur"],
    )
    local_investor, _ = speaking(["ur", "en"], country="PK")
    publish(
        local_investor,
        kind="joint_venture",
        role="offer",
        title={"en": "Lahore fund invests in energy"},
        hs_codes=[],
        sector_codes=["energy"],
        work_languages=["en", "ur"],
    )
    russian_investor, _ = speaking(["ru"], country="RU")
    publish_in(
        russian_investor,
        "ru",
        "Инвестиции в энергетику",
        kind="joint_venture",
        role="offer",
        hs_codes=[],
        sector_codes=["energy"],
    )
    other_project, _ = speaking(["ur", "en"], country="RU")
    publish(
        other_project,
        kind="joint_venture",
        role="seek",
        title={"en": "Another plant seeks an investor"},
        hs_codes=[],
        sector_codes=["energy"],
    )
    assert first_titles(project_organisation) == [
        "Инвестиции в энергетику",
        "Lahore fund invests in energy",
    ]


def test_a_pakistani_university_meets_the_russian_university_before_pakistani_peers():
    SectorFactory(code="education", name={"en": "Education"})
    university, university_organisation = speaking(["en", "ur"], country="PK", kind="university")
    publish(
        university,
        kind="education",
        role="partner",
        title={"en": "Joint degree in textile engineering"},
        hs_codes=[],
        sector_codes=["education"],
        work_languages=["en", "ur"],
    )
    for n in range(3):
        peer, _ = speaking(["en", "ur"], country="PK", kind="university")
        publish(
            peer,
            kind="education",
            role="partner",
            title={"en": f"Pakistani peer programme {n}"},
            hs_codes=[],
            sector_codes=["education"],
            work_languages=["en", "ur"],
        )
    russian, _ = speaking(["ru", "en"], country="RU", kind="university")
    publish_in(
        russian,
        "ru",
        "Совместная программа по текстильной инженерии",
        kind="education",
        role="partner",
        hs_codes=[],
        sector_codes=["education"],
    )
    assert first_titles(university_organisation, 1) == [
        "Совместная программа по текстильной инженерии"
    ]


def test_a_partner_abroad_that_targets_other_countries_comes_after_one_that_targets_ours():
    importer, importer_organisation = speaking(["ru", "en"], country="RU")
    publish(
        importer,
        kind="sourcing_request",
        title={"en": "Footballs wanted"},
        hs_codes=["9506"],
        work_languages=["ru", "en"],
    )
    elsewhere, _ = participant(country="PK")
    publish(
        elsewhere,
        title={"en": "Footballs for Europe"},
        hs_codes=["9506"],
        countries=["DE"],
    )
    ours, _ = participant(country="PK")
    publish(ours, title={"en": "Footballs for Russia"}, hs_codes=["9506"], countries=["RU"])
    assert first_titles(importer_organisation) == ["Footballs for Russia", "Footballs for Europe"]


def test_the_corridors_other_country_comes_before_a_third_country():
    """Neither names a target country: for a Russian importer, the Pakistani supplier comes
    before a Kazakh one, though the Kazakh one speaks Russian (settings.RABTA_CORRIDOR)."""
    importer, importer_organisation = speaking(["ru"], country="RU")
    publish_in(
        importer, "ru", "Закупаем футбольные мячи", kind="sourcing_request", hs_codes=["9506"]
    )
    kazakh, _ = speaking(["ru"], country="KZ", name={"en": "Almaty Balls"})
    publish_in(kazakh, "ru", "Спортивный инвентарь из Казахстана", hs_codes=["9506"])
    pakistani, _ = participant(country="PK", name={"en": "Sialkot Balls"})
    publish(pakistani, title={"en": "Footballs from Sialkot"}, hs_codes=["9506"])
    assert partner_names(importer_organisation) == ["Sialkot Balls", "Almaty Balls"]


def test_a_firm_that_looks_to_other_countries_comes_after_the_one_that_looks_to_ours():
    """Interest goes both ways: a Kazakh buyer that wants partners in Uzbekistan, names more of
    our products and speaks our language still comes after the Russian buyer that looks for
    partners in Pakistan and mentions the product in its description only."""
    exporter, exporter_organisation = participant(country="PK")
    publish(
        exporter,
        title={"en": "Manicure instruments: nail nippers"},
        hs_codes=["8214"],
        countries=["RU"],
        work_languages=["en", "ur"],
    )
    russian, _ = speaking(["ru"], country="RU", name={"en": "Kazan Beauty"})
    publish(
        russian,
        kind="sourcing_request",
        languages=["ru"],
        title={"ru": "Закупки для салонов красоты"},
        description={"ru": "Маникюрные инструменты."},
        hs_codes=[],
        countries=["PK"],
        work_languages=["ru"],
    )
    elsewhere, _ = speaking(["en"], country="KZ", name={"en": "Almaty Salon Supply"})
    publish(
        elsewhere,
        kind="sourcing_request",
        title={"en": "Nail nippers, manicure sets, cuticle nippers, tweezers"},
        description={"en": "Manicure and pedicure instruments, beauty instruments."},
        hs_codes=["821420", "8214"],
        countries=["UZ"],
        work_languages=["en"],
    )
    assert partner_names(exporter_organisation)[:2] == ["Kazan Beauty", "Almaty Salon Supply"]


def test_a_hospital_software_seeker_meets_the_russian_provider_first():
    """A service across languages: a Pakistani hospital group asking in Urdu for a hospital
    information system meets the Russian provider first, before a Pakistani software house and
    a Kazakh provider that looks to Uzbekistan (and uses more of the same words)."""
    seeker, seeker_organisation = speaking(["ur", "en"], country="PK")
    publish(
        seeker,
        kind="technology",
        role="seek",
        languages=["ur"],
        title={"ur": "ہسپتال مینجمنٹ سسٹم درکار"},
        description={"ur": "ہمارے ہسپتالوں کے لیے الیکٹرانک میڈیکل ریکارڈ۔"},
        hs_codes=[],
        countries=["RU"],
        work_languages=["ur", "en"],
    )
    provider, _ = speaking(["ru"], country="RU", name={"en": "Kazan MedSoft"})
    publish(
        provider,
        kind="technology",
        role="offer",
        languages=["ru"],
        title={"ru": "Медицинская информационная система для больниц"},
        description={"ru": "Электронные медицинские карты, внедрение и поддержка."},
        hs_codes=[],
        work_languages=["ru"],
    )
    peer, _ = speaking(["ur", "en"], country="PK", name={"en": "Lahore Software House"})
    publish(
        peer,
        kind="technology",
        role="offer",
        title={"en": "Hospital management system and electronic medical records"},
        hs_codes=[],
        work_languages=["en", "ur"],
    )
    elsewhere, _ = speaking(["en"], country="KZ", name={"en": "Almaty Health IT"})
    publish(
        elsewhere,
        kind="technology",
        role="offer",
        title={"en": "Hospital information system, EMR, hospital management software"},
        hs_codes=[],
        countries=["UZ"],
        work_languages=["en"],
    )
    assert partner_names(seeker_organisation)[0] == "Kazan MedSoft"


def test_neighbouring_kinds_complement_each_other_at_a_lower_factor():
    from rabta.matching.sides import complements

    assert complements("trade.offer") == {"trade.seek": 1.0, "tech.seek": 0.5}
    assert complements("jv.seek")["tech.offer"] == 0.5
    assert complements("tech.seek")["jv.offer"] == 0.5
    assert complements("culture.seek")["edu.offer"] == 0.5
    assert "trade.offer" not in complements("trade.offer")  # two exporters stay competitors
    assert complements("edu.partner") == {
        "edu.partner": 0.8,
        "edu.offer": 0.5,
        "edu.seek": 0.5,
    }


def test_a_hydropower_project_meets_the_investor_that_offers_turbines_as_technology():
    project, project_organisation = speaking(["ur", "en"], country="PK")
    publish_in(
        project,
        "ur",
        "چھوٹے پن بجلی گھر کے لیے سرمایہ کار درکار",
        kind="joint_venture",
        role="seek",
        hs_codes=[],
        countries=["RU"],
        work_languages=["ur", "en"],
    )
    russian, _ = speaking(["ru"], country="RU", name={"en": "Ural Hydro"})
    publish_in(
        russian,
        "ru",
        "Оборудование и финансирование для малых ГЭС",
        kind="technology",
        role="offer",
        hs_codes=[],
        countries=["PK"],
    )
    assert partner_names(project_organisation) == ["Ural Hydro"]
