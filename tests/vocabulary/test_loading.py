"""Vocabulary files: a broken row names file, line, column and reason; nothing half-loaded."""

import shutil
from pathlib import Path

import pytest

from rabta.vocabulary import Vocabulary, VocabularyError, get_vocabulary
from rabta.vocabulary.vocabulary import DATA

HEADER = "id,headings,sectors,en,ru,ur\n"
GOOD = "rice,1006,agriculture-food,rice,рис,چاول\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("sectors.csv", "hs_headings.csv", "chapter_sectors.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "concepts.csv").write_text(HEADER + GOOD, encoding="utf-8")
    return tmp_path


def _load_with(folder: Path, row: str) -> VocabularyError:
    (folder / "concepts.csv").write_text(HEADER + GOOD + row, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        Vocabulary.load(folder)
    return caught.value


def test_a_small_good_folder_loads(folder):
    vocabulary = Vocabulary.load(folder)
    assert [hit.concept_id for hit in vocabulary.find("рисом")] == ["rice"]


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (
            "wheat,10O1,agriculture-food,wheat,пшеница,گندم\n",
            "headings",
            "'10O1' is not a 4-digit HS heading",
        ),
        (
            "wheat,1099,agriculture-food,wheat,пшеница,گندم\n",
            "headings",
            "'1099' is not a heading of the HS",
        ),
        ("wheat,1001,farming,wheat,пшеница,گندم\n", "sectors", "unknown sector 'farming'"),
        ("rice,1001,agriculture-food,wheat,пшеница,گندم\n", "id", "'rice' is used twice"),
        ("Wheat!,1001,agriculture-food,wheat,пшеница,گندم\n", "id", "is not an id"),
        (
            "wheat,1001,agriculture-food,,пшеница,گندم\n",
            "en",
            "every concept needs an English name",
        ),
        ("wheat,1001,agriculture-food,wheat||grain,пшеница,گندم\n", "en", "empty name"),
        ("wheat,1001,agriculture-food,wheat,1001,گندم\n", "ru", "has no word to match"),
        ("wheat,,,wheat,пшеница,گندم\n", "headings", "needs an HS heading or a sector"),
    ],
)
def test_a_broken_row_names_file_line_column_and_reason(folder, row, column, reason):
    error = _load_with(folder, row)
    assert (error.file, error.line, error.column) == ("concepts.csv", 3, column)
    assert reason in error.reason
    assert str(error).startswith(f"concepts.csv, line 3, column {column!r}: ")


def test_a_row_with_too_few_columns(folder):
    error = _load_with(folder, "wheat,1001,agriculture-food,wheat\n")
    assert (error.file, error.line) == ("concepts.csv", 3)
    assert "4 columns instead of 6" in error.reason


def test_a_wrong_header_and_a_missing_file(folder):
    (folder / "concepts.csv").write_text("id,en\nrice,rice\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"concepts.csv, line 1: the header"):
        Vocabulary.load(folder)
    (folder / "sectors.csv").unlink()
    with pytest.raises(VocabularyError, match=r"sectors.csv, line 0: cannot be read"):
        Vocabulary.load(folder)


def test_a_file_that_is_not_utf8(folder):
    (folder / "concepts.csv").write_bytes(
        (HEADER + "wheat,1001,agriculture-food,wheat,пшеница,x\n").encode("cp1251")
    )
    with pytest.raises(VocabularyError, match="concepts.csv.*not UTF-8"):
        Vocabulary.load(folder)


def test_broken_rows_in_the_other_files(folder):
    (folder / "chapter_sectors.csv").write_text("code,sectors\n10,agriculture-food\n123,energy\n")
    with pytest.raises(VocabularyError, match=r"chapter_sectors.csv, line 3, column 'code'"):
        Vocabulary.load(folder)
    shutil.copy(DATA / "chapter_sectors.csv", folder / "chapter_sectors.csv")
    with (folder / "hs_headings.csv").open("a", encoding="utf-8") as handle:
        handle.write("1006,Rice again,\n")
    with pytest.raises(
        VocabularyError, match=r"hs_headings.csv, line \d+, column 'heading': 1006 is listed twice"
    ):
        Vocabulary.load(folder)


def test_a_failed_load_leaves_the_shipped_vocabulary_as_it_was(folder):
    shipped = get_vocabulary()
    _load_with(folder, "wheat,10O1,agriculture-food,wheat,пшеница,گندم\n")
    assert get_vocabulary() is shipped
    assert shipped.find("рис басмати")


def test_the_shipped_files_load_with_well_over_a_thousand_concepts():
    vocabulary = Vocabulary.load(DATA)
    assert len(vocabulary.concepts) > 1200
    curated = [c for c in vocabulary.concepts.values() if c.origin == "curated"]
    assert all(c.names["en"] and c.names["ru"] and c.names["ur"] for c in curated)


def test_an_id_used_in_two_concept_files(folder):
    (folder / "concepts_more.csv").write_text(HEADER + GOOD, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        Vocabulary.load(folder)
    assert (caught.value.file, caught.value.line, caught.value.column) == (
        "concepts_more.csv",
        2,
        "id",
    )
    assert "also in concepts.csv" in caught.value.reason


def test_an_unknown_id_in_the_attributes_list_names_the_file_and_line(folder):
    (folder / "attributes.txt").write_text("# materials\nrice no-such-concept\n")
    with pytest.raises(VocabularyError, match=r"attributes.txt, line 2: 'no-such-concept'"):
        Vocabulary.load(folder)


def test_a_name_that_is_one_word_without_its_stop_words_is_not_matched(folder):
    """ "can ends" would find every "end", «разработка ПО» every «разработка»."""
    (folder / "concepts.csv").write_text(
        HEADER + GOOD + "can-ends,8309,engineering-goods,can ends|tinplate ends,,\n",
        encoding="utf-8",
    )
    vocabulary = Vocabulary.load(folder)

    def curated(text):
        return [hit.concept_id for hit in vocabulary.find(text) if hit.is_curated]

    assert curated("the end of the season") == []
    assert curated("tinplate ends") == ["can-ends"]


@pytest.mark.parametrize(
    ("row", "line", "column", "reason"),
    [
        ("9604,Hand sieves and hand riddles\n", 3, "ru", "is not Russian text"),
        ("96O4,Сита и решета ручные\n", 3, "heading", "'96O4' is not a 4-digit HS heading"),
        ("9698,Сита\n", 3, "heading", "9698 is not a heading of hs_headings.csv"),
        ("1006,Рис\n", 3, "heading", "1006 is listed twice"),
        ("9604,\n", 3, "ru", "is empty"),
    ],
)
def test_a_broken_russian_heading_row_names_file_line_column_and_reason(
    folder, row, line, column, reason
):
    (folder / "hs_headings_ru.csv").write_text("heading,ru\n1006,Рис\n" + row, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        Vocabulary.load(folder)
    error = caught.value
    assert (error.file, error.line, error.column) == ("hs_headings_ru.csv", line, column)
    assert reason in error.reason


def test_the_russian_heading_texts_are_read_and_optional(folder):
    assert Vocabulary.load(folder).heading_label("9604", "ru") == "Hand sieves and hand riddles"
    shutil.copy(DATA / "hs_headings_ru.csv", folder / "hs_headings_ru.csv")
    vocabulary = Vocabulary.load(folder)
    assert vocabulary.heading_label("9604", "ru") == "Сита и решета ручные"
    assert vocabulary.concepts["hs-9604"].label("ur") == "Hand sieves and hand riddles"
