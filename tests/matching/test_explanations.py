"""A reason that names no product or sector is one whole sentence in every language, never
a "your field" fragment composed into another sentence."""

import pytest
from django.utils import translation

from rabta.matching.explanations import reason_text
from rabta.matching.scoring import Reason


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "works in your field"),
        ("ru", "работает в вашей сфере деятельности"),
        ("ur", "آپ کے شعبے میں کام کرتا ہے"),
    ],
)
@pytest.mark.parametrize("code", ["complement:trade.offer", "partner:profile"])
def test_a_reason_without_products_or_sectors_is_a_whole_sentence(code, language, expected):
    with translation.override(language):
        text = reason_text(Reason(code=code, params={}), {})
    assert text == expected


def test_a_reason_with_sectors_still_names_them():
    with translation.override("en"):
        text = reason_text(
            Reason(code="complement:trade.offer", params={"sectors": ["med"]}),
            {"med": "Medical devices"},
        )
    assert text == "exports Medical devices"


@pytest.mark.django_db
def test_dental_instruments_are_explained_by_their_own_heading_not_a_word_of_the_text():
    """ "Mirrors" and "stainless steel" in a dental offer describe the instruments: the
    explanation names dental instruments and HS 9018, not glass mirrors (7007) or steel (7218)."""
    from rabta.matching.selectors import recommendations_for
    from tests.marketplace.helpers import participant, publish

    exporter, exporter_organisation = participant(country="PK")
    publish(
        exporter,
        title={"en": "Dental instruments: extraction forceps, mirrors, stainless steel"},
        hs_codes=[],
        countries=["RU"],
    )
    buyer, _ = participant(country="RU", name={"en": "Moscow Dental"})
    publish(
        buyer,
        kind="sourcing_request",
        languages=["ru"],
        title={"ru": "Стоматологические инструменты и зеркала для клиник"},
        hs_codes=[],
        countries=["PK"],
        work_languages=["ru"],
    )
    with translation.override("en"):
        partners = recommendations_for(exporter_organisation).partners
    text = partners[0].explanation
    assert partners[0].name["en"] == "Moscow Dental"
    assert "dental instruments" in text and "9018" in text
    assert not any(code in text for code in ("7007", "7009", "7218", "7219"))


def test_an_investment_is_explained_by_its_subject_not_by_the_word_investment():
    reason = Reason(
        code="complement:jv.seek",
        params={"concepts": ["investment-projects", "hydropower"], "sectors": []},
    )
    with translation.override("en"):
        text = reason_text(reason, {})
    assert text.startswith("seeks investment in hydropower")
    assert "investment, " not in text and "in investment" not in text


def test_shared_words_named_are_the_trades_own_words_as_written():
    from rabta.marketplace.text import terms
    from rabta.matching.scoring import showable

    stored = terms("Ищем поставщика нержавеющей стали, хирургические инструменты")

    assert "нержавеющеи" in stored  # the index keeps й without its breve
    assert [w for w in stored if showable(w)] == ["стали", "хирургические", "инструменты"]
    assert not showable("برآمد") and not showable("export") and showable("گلوز")


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Hand sieves and hand riddles"),
        ("ru", "Сита и решета ручные"),
        # No Urdu text of the heading: its English one.
        ("ur", "Hand sieves and hand riddles"),
    ],
)
def test_a_heading_found_by_its_own_text_is_named_in_the_readers_language(language, label):
    reason = Reason(
        code="complement:trade.offer",
        params={"concepts": ["hs-9604"], "hs_codes": ["9604"], "sectors": []},
    )
    with translation.override(language):
        text = reason_text(reason, {})
    assert label in text
    assert "9604" in text
