"""The precise score of one candidate opportunity and the reasons behind it.

Pure functions over plain values, so hand-made cases can test the ranking directly.
A reason only ever uses the candidate's public opportunity data (kind, side, HS codes,
sectors, languages of work, target countries, words of its published text) and the
participant's own data: never contact details, members or anything unpublished.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rabta.marketplace.concepts import concept_headings, concept_words, is_attribute
from rabta.marketplace.features import profile_keys, side_of
from rabta.marketplace.text import GENERIC_WORDS
from rabta.matching.countries import Place, country_score, place_of, score_factor
from rabta.matching.needs import Needs, Want
from rabta.matching.rarity import key_factor
from rabta.matching.weights import (
    COMPLEMENT_SATURATION,
    DIM_WEIGHTS,
    LANGUAGE_INTERPRETER,
    LANGUAGE_SHARED,
    RELEVANCE_FLOOR,
    TEXT_EXPLAIN_THRESHOLD,
    W_COMPLEMENT,
    W_COUNTRY,
    W_LANGUAGE,
    W_TEXT,
)


@dataclass(frozen=True)
class Reason:
    """One part of an explanation: a code and the public values it is written from."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Candidate:
    """The public data of a live opportunity that scoring needs."""

    id: int
    organisation_id: int
    kind: str
    role: str
    hs_codes: list[str]
    sector_codes: list[str]
    work_languages: list[str]
    countries: list[str]
    organisation_country: str
    terms: set[str]
    product: str = ""
    # The side's content keys of its index rows ("trade.offer|cpt:basmati-rice", dim): what the
    # candidate generation matched; None (hand-made cases) derives them from codes and sectors.
    keys: list[tuple[str, int]] | None = None


@dataclass
class Scored:
    candidate: Candidate
    score: float
    parts: dict[str, float]
    reasons: list[Reason]


def _most_specific(codes: list[str]) -> list[str]:
    """Drop codes that a longer code in the list already covers (90, 9018, 901890 → 901890)."""
    return sorted(
        code
        for code in codes
        if not any(other != code and other.startswith(code) for other in codes)
    )


def content_of(candidate: Candidate) -> list[tuple[str, int]]:
    if candidate.keys is not None:
        return candidate.keys
    side = side_of(candidate.kind, candidate.role)
    keys = profile_keys(hs_codes=candidate.hs_codes, sector_codes=candidate.sector_codes)
    return [(f"{side}|{key}", dim) for key, dim in keys]


def complement_part(
    needs: Needs, candidate: Candidate, rarity: Callable[[str], float] | None = None
) -> tuple[float, Reason | None]:
    """The matched keys' weights summed (saturating at COMPLEMENT_SATURATION); a concept's weight
    times its ``rarity_factor`` when ``rarity`` is given: among the many that name generic
    medicines, the one that also names toll manufacturing (which few name) complements us more
    than one that names three more common medicines."""
    side = side_of(candidate.kind, candidate.role)
    total = 0.0
    matched: dict[str, dict[str, tuple[float, Want]]] = {"hs": {}, "sec": {}, "cpt": {}, "csec": {}}
    for key, dim in content_of(candidate):
        want = needs.wanted.get(key)
        if want is None or dim not in DIM_WEIGHTS:
            continue
        weight = DIM_WEIGHTS[dim] * want.factor
        if rarity is not None:
            weight *= key_factor(rarity, key)
        total += weight
        dimension, value = key.split("|", 1)[1].split(":", 1)
        matched["hs" if dimension.startswith("hs") else dimension][value] = (weight, want)
    if not total:
        return 0.0, None
    wants = [want for group in matched.values() for _weight, want in group.values()]
    best = max(wants, key=lambda w: w.factor)
    # The products both name first; a material or packaging only when nothing else matched.
    products = [c for c in matched["cpt"] if not is_attribute(c)] or list(matched["cpt"])
    concepts = sorted(products, key=lambda c: (-matched["cpt"][c][0], c))[:2]
    # The headings of those products first, then the weightiest: "dental instruments (HS
    # 9018)", never a stray heading of a word in the text ("mirrors", 7007) before it.
    named = {h for c in concepts for h in concept_headings(c)}
    codes = sorted(
        _most_specific(list(matched["hs"])),
        key=lambda code: (code[:4] not in named, -matched["hs"][code][0], code),
    )[:3]
    reason = Reason(
        code=f"complement:{side}" if best.our_side else f"profile:{side}",
        params={
            "hs_codes": codes,
            # A concept's sector only when nothing more precise matched.
            "sectors": sorted(matched["sec"] or ({} if codes or concepts else matched["csec"]))[:3],
            "concepts": concepts,
            # Ours, when they differ (a related concept): "exports basmati rice — you import rice".
            "our_concepts": list(
                dict.fromkeys(matched["cpt"][c][1].our_concept or c for c in concepts)
            ),
            "product": candidate.product,
            "our_side": best.our_side or "",
            "our_title": best.our_title or {},
        },
    )
    return min(1.0, total / COMPLEMENT_SATURATION), reason


def language_part(needs: Needs, candidate: Candidate) -> tuple[float, Reason | None]:
    theirs = list(dict.fromkeys(candidate.work_languages))
    if not theirs or not needs.languages:
        return 0.5, None
    shared = [code for code in theirs if code in needs.languages]
    if shared:
        return LANGUAGE_SHARED, Reason("language:shared", {"languages": shared})
    return LANGUAGE_INTERPRETER, Reason("language:interpreter", {"languages": theirs})


def place(needs: Needs, candidate: Candidate) -> Place:
    """Where the candidate stands for us (countries.py's rules)."""
    return place_of(needs, candidate.organisation_country, candidate.countries)


def country_part(
    needs: Needs, candidate: Candidate, where: Place | None = None
) -> tuple[float, Reason | None]:
    """The country part (countries.country_score: across the corridor first) and, for a
    partner in the country we look to or one that looks to ours, its reason."""
    where = where or place(needs, candidate)
    reason = None
    if where.mutual:
        ours = needs.organisation.country
        if ours and ours in candidate.countries:
            reason = Reason("country:targets_you", {"country": ours})
        else:
            reason = Reason("country:you_target", {"country": candidate.organisation_country})
    return country_score(where), reason


_VOWEL_AND_I = re.compile("[аеиоуыэюя]и")


def showable(word: str) -> bool:
    """Whether a stored word can be named in an explanation: not a generic one, and written as
    the person wrote it (the index drops the breve, so "нержавеющей" is stored "нержавеющеи":
    a Cyrillic vowel before и is almost always a lost й, and such a word is not shown)."""
    return word not in GENERIC_WORDS and not _VOWEL_AND_I.search(word)


def overlap(ours: set | frozenset, theirs: set | frozenset) -> float:
    """The cosine of two sets, |A∩B| / √(|A|·|B|) (0 when either is empty): a text that names
    everything (a long list of products) says less about each than a text about one."""
    both = len(ours) * len(theirs)
    return len(ours & theirs) / math.sqrt(both) if both else 0.0


def weighted_overlap(
    ours: set | frozenset, theirs: set | frozenset, weight: Callable[[str], float]
) -> float:
    """The cosine of two sets whose members weigh ``weight(member)``: a shared member that few
    opportunities name counts more than one that thousands name."""
    squares = {member: weight(member) ** 2 for member in ours | theirs}
    both = sum(squares[m] for m in ours) * sum(squares[m] for m in theirs)
    return sum(squares[m] for m in ours & theirs) / math.sqrt(both) if both else 0.0


@functools.lru_cache(maxsize=4096)
def _words(concepts: frozenset[str]) -> frozenset[str]:
    """The words of the concepts' names (the participant's are asked for once per candidate)."""
    return frozenset().union(*(concept_words(c) for c in concepts))


def text_part(
    needs: Needs,
    candidate: Candidate,
    similarity: float | None = None,
    rarity: Callable[[str], float] | None = None,
) -> tuple[float, Reason | None]:
    """Overlap of content words or of the concepts both texts name, whichever is higher (the
    concepts read across languages, each weighing its ``rarity`` when given: matching.rarity),
    or a given embedding similarity."""
    shared = sorted(w for w in needs.terms & candidate.terms if showable(w))
    if similarity is None:
        similarity = overlap(needs.terms, candidate.terms)
        theirs = frozenset(
            key.split("|cpt:", 1)[1] for key, _dim in content_of(candidate) if "|cpt:" in key
        )
        similarity = max(
            similarity,
            overlap(needs.concepts, theirs)
            if rarity is None
            else weighted_overlap(needs.concepts, theirs, rarity),
            overlap(_words(frozenset(needs.concepts)), _words(theirs)),
        )
    similarity = max(0.0, min(1.0, similarity))
    if similarity >= TEXT_EXPLAIN_THRESHOLD and shared:
        return similarity, Reason("text:shared_words", {"words": shared[:3]})
    return similarity, None


def score(
    needs: Needs,
    candidate: Candidate,
    *,
    similarity: float | None = None,
    rarity: Callable[[str], float] | None = None,
) -> Scored:
    complement, complement_reason = complement_part(needs, candidate, rarity)
    language, language_reason = language_part(needs, candidate)
    where = place(needs, candidate)
    country, country_reason = country_part(needs, candidate, where)
    text, text_reason = text_part(needs, candidate, similarity, rarity)
    parts = {"complement": complement, "language": language, "country": country, "text": text}
    # Language, country and text only count for a candidate that complements the participant.
    relevance = min(1.0, complement / RELEVANCE_FLOOR)
    total = W_COMPLEMENT * complement + relevance * (
        W_LANGUAGE * language + W_COUNTRY * country + W_TEXT * text
    )
    # A same-country peer comes after partners abroad; interest goes both ways: one that looks
    # to others than us comes after those that may look to us.
    total *= score_factor(where)
    reasons = [
        r
        for r in (complement_reason, language_reason, country_reason, text_reason)
        if r is not None
    ]
    return Scored(candidate=candidate, score=round(total, 6), parts=parts, reasons=reasons)


def rank(
    needs: Needs,
    candidates: list[Candidate],
    similarities: dict[int, float] | None = None,
    rarity: Callable[[str], float] | None = None,
) -> list[Scored]:
    """Best first; ties broken by id (older first) so the order is deterministic."""
    similarities = similarities or {}
    scored = [score(needs, c, similarity=similarities.get(c.id), rarity=rarity) for c in candidates]
    scored.sort(key=lambda s: (-s.score, s.candidate.id))
    return scored
