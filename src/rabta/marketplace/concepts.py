"""The concepts (products, materials, services) an opportunity's or an organisation's own text
names, read by rabta.vocabulary in any of its languages: what text adds to the match index.

A concept named in the title or the product is what the opportunity is about (``MAIN``); one
named only in the description is context (``MENTION``), weighed less. Loose matches of an HS
heading's own wording (weaker than any curated name) are too noisy to index. The same function
serves the services (API, forms), the imports and the benchmark's generator, so they all build
the same index.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from typing import Any

from rabta.vocabulary import VocabularyError, get_vocabulary

logger = logging.getLogger(__name__)

MAIN = 3  # OpportunityFeature.Dimension.CONCEPT
MENTION = 5  # OpportunityFeature.Dimension.CONCEPT_MENTION
MIN_SCORE = 0.75  # curated names score 1 or more; an HS heading's loose wording under 0.75
MAX_CONCEPTS = 12
KEY_ROOM = 40  # the longest concept id that fits an index key ("culture.partner|cpt:" + id)


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for text in value.values() if isinstance(text, str)]
    return [value] if isinstance(value, str) else []


def _found(text: str) -> list:
    if not text.strip():
        return []
    try:
        hits = get_vocabulary().find(text)
    except VocabularyError as error:  # a broken vocabulary file: no concepts, never a crash
        logger.error("The trade vocabulary could not be loaded (%s): no concepts indexed", error)
        return []
    return [hit for hit in hits if hit.score >= MIN_SCORE and len(hit.concept_id) <= KEY_ROOM]


def concepts_of_text(main: Iterable[str], context: Iterable[str] = ()) -> dict[str, int]:
    """concept id → MAIN or MENTION, the strongest first, at most MAX_CONCEPTS. A material,
    packaging, shipping or certificate concept beside goods (a concept with HS headings) named
    in the title is a mention
    ("surgical instruments, stainless steel": the instruments are what is traded); so is the
    kind of deal beside its subject ("joint venture in garment manufacturing")."""
    found: dict[str, int] = {}
    main_hits = _found("\n".join(main))
    attributes, deals = _listed("attributes"), _listed("deals")
    subjects = [hit for hit in main_hits if hit.concept_id not in attributes | deals]
    products = any(hit.headings for hit in main_hits if hit.concept_id not in attributes)
    for hit in main_hits:
        describing = (products and hit.concept_id in attributes) or (
            bool(subjects) and hit.concept_id in deals
        )
        found.setdefault(hit.concept_id, MENTION if describing else MAIN)
    for hit in _found("\n".join(context)):
        found.setdefault(hit.concept_id, MENTION)
    ordered = sorted(found.items(), key=lambda item: item[1] != MAIN)  # stable: MAIN first
    return dict(ordered[:MAX_CONCEPTS])


def is_attribute(concept_id: str) -> bool:
    """A concept that describes a product (its material, packaging, shipping, certificate)
    rather than names what is traded (the vocabulary's data/attributes.txt)."""
    return concept_id in _listed("attributes")


def _listed(name: str) -> frozenset[str]:
    """The vocabulary's ``attributes`` or ``deals`` (none when it cannot be read)."""
    try:
        return getattr(get_vocabulary(), name, frozenset())
    except VocabularyError:
        return frozenset()


def concepts_of_opportunity(
    *, title: Any, description: Any, details: dict | None
) -> dict[str, int]:
    product = (details or {}).get("product")
    return concepts_of_text(_texts(title) + _texts(product), _texts(description))


def concepts_of_organisation(organisation) -> dict[str, int]:
    """What an organisation's public description says it makes, trades or teaches."""
    return concepts_of_text(_texts(organisation.description))


def concept_sectors(concepts: dict[str, int]) -> list[str]:
    """The sectors of the main concepts (for an opportunity that chose no sector itself)."""
    try:
        known = _all_concepts()
    except VocabularyError:
        return []
    sectors: dict[str, None] = {}
    for concept_id, level in concepts.items():
        if level == MAIN and concept_id in known:
            sectors.update(dict.fromkeys(known[concept_id].sectors))
    return list(sectors)


RELATED_WORD_MAX = 6  # a word in the names of more concepts than this relates nothing,
RELATED_WORD_SHARE = 130  # or, in a larger vocabulary, of more than 1 in 130 of its concepts


def related_word_max(curated: int) -> int:
    """How many concepts a word may name and still relate them: a word shared by a few is a
    family ("steel", "stainless steel", "steel pipes"), one shared by many says nothing. The
    bound grows with the vocabulary, so adding concepts to a family does not cut it apart."""
    return max(RELATED_WORD_MAX, curated // RELATED_WORD_SHARE)


@functools.cache
def _related_index() -> dict[str, frozenset[str]]:
    """concept id → the curated concepts whose names (en, ru, ur labels) share a rare word with
    its own, or that list one of its names as well ("solar energy" and «солнечные проекты» / "solar projects"; "Russian language" and
    "language courses"). Built once from the vocabulary's own names. A word of
    ``data/unrelated_words.txt`` relates nothing: «перевод» is a translation and a money transfer,
    "plant" a factory and a plant that grows."""
    try:
        vocabulary = get_vocabulary()
    except VocabularyError:
        return {}
    concepts = vocabulary.concepts
    tokens, unrelated = vocabulary.reading.tokens, vocabulary.unrelated
    words: dict[str, set[str]] = {}
    names: dict[tuple[str, ...], set[str]] = {}
    curated = 0
    for concept_id, concept in concepts.items():
        if getattr(concept, "origin", "curated") != "curated":
            continue
        curated += 1
        for language in ("en", "ru", "ur"):
            for word in tokens(concept.label(language)):
                if word in unrelated:
                    continue
                words.setdefault(word, set()).add(concept_id)
            for name in (getattr(concept, "names", None) or {}).get(language, ()):
                named = tuple(sorted(set(tokens(name))))
                if set(named) - unrelated:  # «او ایس پی» (O, S, P) names too much
                    names.setdefault(named, set()).add(concept_id)
    related: dict[str, set[str]] = {}
    # Concepts that list the same name ("грузоперевозки" under logistics and freight
    # forwarding) are near neighbours too.
    most = related_word_max(curated)
    for owners in [*words.values(), *names.values()]:
        if 1 < len(owners) <= most:
            for concept_id in owners:
                related.setdefault(concept_id, set()).update(owners - {concept_id})
    return {concept_id: frozenset(others) for concept_id, others in related.items()}


def related_concepts(concept_id: str) -> frozenset[str]:
    return _related_index().get(concept_id, frozenset())


def _all_concepts() -> dict:
    """The vocabulary's concepts by id (``Vocabulary.concepts``); empty if it has none."""
    return getattr(get_vocabulary(), "concepts", None) or {}


@functools.lru_cache(maxsize=4096)
def concept_words(concept_id: str) -> frozenset[str]:
    """The stemmed words of a concept's English name: related concepts share some ("Russian
    language" and "language courses"), which the text similarity counts."""
    try:
        vocabulary = get_vocabulary()
    except VocabularyError:
        return frozenset()
    concept = vocabulary.concepts.get(concept_id)
    return frozenset(vocabulary.reading.tokens(concept.label("en"))) if concept else frozenset()


def concept_headings(concept_id: str) -> tuple[str, ...]:
    """The HS headings of a concept (none for services or an unknown id)."""
    try:
        concept = _all_concepts().get(concept_id)
    except VocabularyError:
        concept = None
    return tuple(concept.headings) if concept else ()


def concept_label(concept_id: str, language: str) -> str:
    """The concept's name in ``language`` (its English name, else its id, when it has none)."""
    try:
        concept = _all_concepts().get(concept_id)
    except VocabularyError:
        concept = None
    return concept.label((language or "en").split("-")[0]) if concept else concept_id
