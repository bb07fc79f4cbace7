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
