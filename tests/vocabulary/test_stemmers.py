"""The stemmers the vocabulary runs: PyStemmer's C code, which must stem as Snowball's Python code
does (the index of every opportunity was built with those stems)."""

import re
from pathlib import Path

import snowballstemmer
import Stemmer
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.russian_stemmer import RussianStemmer

from rabta.vocabulary import text

DATA = Path(text.__file__).parent / "data"


def vocabulary_words() -> list[str]:
    words: set[str] = set()
    for path in DATA.glob("*.csv"):
        words |= set(re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8").lower()))
    return sorted(words)


def test_the_fast_stemmer_is_the_one_running():
    assert isinstance(snowballstemmer.stemmer("russian"), Stemmer.Stemmer)


def test_the_fast_stemmer_stems_every_vocabulary_word_as_snowballs_python_code():
    words = vocabulary_words()
    assert len(words) > 10_000
    for language, python_code in (("english", EnglishStemmer()), ("russian", RussianStemmer())):
        fast = Stemmer.Stemmer(language)
        differ = [w for w in words if fast.stemWord(w) != python_code.stemWord(w)]
        assert differ == [], f"{language}: {differ[:10]}"
