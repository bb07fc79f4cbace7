"""A vocabulary loaded from a folder reads every file of that folder, each once, and nothing of
the shipped data: its word lists (lemmas, native and unrelated words, stop words) and the -ing
nouns its own names give."""

import shutil
from collections import Counter
from pathlib import Path

import pytest

from rabta.marketplace import concepts as marketplace_concepts
from rabta.vocabulary import Vocabulary, VocabularyError, get_vocabulary
from rabta.vocabulary.vocabulary import DATA

CONCEPTS = """id,headings,sectors,en,ru,ur
copper,7403,engineering-goods,copper,медь,تانبا
honey,0409,agriculture-food,honey,мёд,شہد
tyres,4011,engineering-goods,tyres,шины,ٹائر
corks,4503,engineering-goods,corks,,
logistics,,logistics-transport,logistics,,
green-tea,0902,agriculture-food,green tea,,
black-tea,0902,agriculture-food,black tea,,
plant-hire,,construction,plant hire,,
plant-nursery,,agriculture-food,plant nursery,,
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("sectors.csv", "hs_headings.csv", "chapter_sectors.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "concepts.csv").write_text(CONCEPTS, encoding="utf-8")
    # Lists of its own, unlike the shipped ones (which keep медь apart from мёд, read
    # коррекция as no corks, and let "plant" relate nothing).
    (tmp_path / "lemmas.txt").write_text("# tyres\ntyre: tires tire\n", encoding="utf-8")
    (tmp_path / "native_words.txt").write_text("логистика логистики\n", encoding="utf-8")
    (tmp_path / "unrelated_words.txt").write_text("tea\n", encoding="utf-8")
    return tmp_path


def _found(vocabulary: Vocabulary, text: str) -> set[str]:
    return {hit.concept_id for hit in vocabulary.find(text) if hit.is_curated}


def test_the_folders_lemmas_are_read_and_not_the_shipped_ones(folder):
    vocabulary = Vocabulary.load(folder)
    assert _found(vocabulary, "used tires") == {"tyres"}
    # The shipped lemmas.txt keeps медь (copper) apart from мёд (honey); this folder's does not.
    assert _found(vocabulary, "меди") == {"copper", "honey"}
    assert _found(get_vocabulary(), "меди").isdisjoint(_found(get_vocabulary(), "мёд"))


def test_the_folders_native_words_are_read_and_not_the_shipped_ones(folder):
    vocabulary = Vocabulary.load(folder)
    assert _found(vocabulary, "логистика") == set()  # listed here as a native word
    # коррекция is a native word of the shipped list only: here it spells corks.
    assert _found(vocabulary, "коррекция") == {"corks"}
    assert "corks" not in _found(get_vocabulary(), "коррекция")


@pytest.fixture
def relations_of(monkeypatch):
    """The marketplace's relations computed from a given vocabulary (and afterwards again from
    the shipped one)."""

    def relations(vocabulary: Vocabulary):
        monkeypatch.setattr(marketplace_concepts, "get_vocabulary", lambda: vocabulary)
        marketplace_concepts._related_index.cache_clear()
        return marketplace_concepts.related_concepts

    yield relations
    marketplace_concepts._related_index.cache_clear()


def test_the_folders_unrelated_words_are_read_and_not_the_shipped_ones(folder, relations_of):
    related = relations_of(Vocabulary.load(folder))
    assert "black-tea" not in related("green-tea")  # "tea" relates nothing here
    assert "plant-nursery" in related("plant-hire")  # "plant" does (not in this folder's list)


def test_a_folder_without_the_word_lists_reads_words_only_stemmed(folder):
    for name in ("lemmas.txt", "native_words.txt", "unrelated_words.txt"):
        (folder / name).unlink()
    vocabulary = Vocabulary.load(folder)
    assert _found(vocabulary, "used tires") == set()
    assert _found(vocabulary, "логистика") == {"logistics"}
    assert vocabulary.unrelated == frozenset()
    assert vocabulary.reading.stop_words == frozenset()


def test_the_ing_nouns_come_from_the_folders_own_names(folder):
    """ "bearings" keeps its -ing form only where another name reads "bear" (shipped: teddy
    bears); this folder names no bear."""
    with (folder / "concepts.csv").open("a", encoding="utf-8") as handle:
        handle.write("bearings,8482,engineering-goods,bearings,,\n")
    vocabulary = Vocabulary.load(folder)
    assert vocabulary.reading.tokens("bearings") == vocabulary.reading.tokens("bears")
    assert get_vocabulary().reading.tokens("bearings") != get_vocabulary().reading.tokens("bears")


def test_every_file_of_the_folder_is_read_once_per_load(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    opened: Counter[Path] = Counter()
    real_open = Path.open

    def counting_open(path, *args, **kwargs):
        opened[path.resolve()] += 1
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    vocabulary = Vocabulary.load(folder)
    # Words that ask for the -ing nouns, lemmas and adjectives: nothing more is read for them.
    assert vocabulary.find("ball bearings, printing, кожаные перчатки, мёд")
    vocabulary.reading.tokens("seasonings, кожаный, медь")
    concept_files = sorted(folder.resolve().glob("concepts*.csv"))
    assert len(concept_files) > 10
    assert {path: opened[path] for path in concept_files} == dict.fromkeys(concept_files, 1)
    assert set(opened.values()) == {1}, opened
    read = {path.name for path in opened}
    assert {"lemmas.txt", "ru_adjectives.txt", "native_words.txt", "unrelated_words.txt"} <= read
    assert {"stopwords.txt", "hs_noise_words.txt", "attributes.txt", "deals.txt"} <= read
    assert all(path.parent == folder.resolve() for path in opened)  # nothing of the shipped data


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lemmas.txt", "tyre: tires\ntyres tires\n", r"lemmas.txt, line 2: is not a 'form: word"),
        ("ru_adjectives.txt", ": кожаный\n", r"ru_adjectives.txt, line 1: is not a 'form: word"),
        ("native_words.txt", "коррекция".encode("cp1251"), r"native_words.txt.*not UTF-8"),
        ("stopwords.txt", b"\xff\xfe the", r"stopwords.txt.*not UTF-8"),
    ],
)
def test_a_broken_word_list_names_the_file_and_line(folder, name, content, message):
    path = folder / name
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    with pytest.raises(VocabularyError, match=message):
        Vocabulary.load(folder)
