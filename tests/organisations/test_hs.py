from django.utils import translation

from rabta.organisations.hs import HS_CHAPTER_NUMBERS, HS_CHAPTERS, hs_code_label, is_known_chapter


def test_every_chapter_has_three_names_and_77_is_reserved():
    assert list(HS_CHAPTERS) == [f"{n:02d}" for n in range(1, 98)]
    assert all(
        set(c.names) == {"en", "ru", "ur"} and all(c.names.values()) for c in HS_CHAPTERS.values()
    )
    assert "77" not in HS_CHAPTER_NUMBERS
    assert not is_known_chapter("77")
    assert is_known_chapter("90")


def test_trade_names_of_the_corridor_chapters():
    assert HS_CHAPTERS["95"].names["en"].startswith("Toys, games and sports requisites")
    assert HS_CHAPTERS["42"].names["en"].startswith("Articles of leather")
    assert HS_CHAPTERS["30"].names["ru"] == "Фармацевтическая продукция"


def test_label_in_the_requested_language():
    assert hs_code_label("9018", "en").startswith("9018 — chapter 90: Optical, photographic")
    russian = hs_code_label("9018", "ru")  # "chapter" itself is translated ("группа")
    assert russian.startswith("9018 — ")
    assert " 90: Инструменты и аппараты оптические" in russian
    with translation.override("ur"):
        assert "کھیلوں کا سامان" in hs_code_label("9506")


def test_label_of_an_unknown_chapter_is_the_code():
    assert hs_code_label("7700", "en") == "7700"
