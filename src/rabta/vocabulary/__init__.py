"""rabta's trilingual trade vocabulary (English, Russian, Urdu): pure Python, no Django.

It reads what a text is about, whatever its language: the products, materials and services it
names (concepts), their HS headings and rabta's sectors. See docs/vocabulary.md::

    from rabta.vocabulary import get_vocabulary, suggest_headings, tokens
    get_vocabulary().find("Ищем поставщика риса басмати")   # [ConceptHit(basmati-rice …), …]
    suggest_headings("باسمتی چاول کی برآمد")                 # [HeadingSuggestion('1006', …)]
"""

from rabta.vocabulary.model import Concept, ConceptHit, HeadingSuggestion, VocabularyError
from rabta.vocabulary.text import normalise
from rabta.vocabulary.vocabulary import Vocabulary, get_vocabulary, suggest_headings, tokens

__all__ = [
    "Concept",
    "ConceptHit",
    "HeadingSuggestion",
    "Vocabulary",
    "VocabularyError",
    "get_vocabulary",
    "normalise",
    "suggest_headings",
    "tokens",
]
