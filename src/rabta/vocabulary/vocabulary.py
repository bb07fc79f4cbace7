"""The trilingual trade vocabulary: which concepts (and so which HS headings and sectors) a text names.

Two kinds of concept are matched:

- **curated** concepts (concepts.csv) by their names: every word of a name must occur in the text,
  close together and in any order ("рис басмати" matches «риса басмати» and «басмати рис»); when
  one match lies inside a longer one ("rice" inside "basmati rice"), only the longer one counts;
- **HS headings** (hs_headings.csv, concept ids ``hs-NNNN``) by the words of their English texts
  (and, with ``match_russian_headings``, of their Russian ТН ВЭД texts, hs_headings_ru.csv), each
  word weighted by how rare it is among the headings, so "surgical instruments" finds 9018
  and no single common word ("parts", "fresh") is enough on its own.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rabta.vocabulary.loading import (
    heading_sectors,
    read_chapter_sectors,
    read_concepts,
    read_headings,
    read_headings_ru,
    read_ids,
    read_lemmas,
    read_sectors,
    read_word_list,
)
from rabta.vocabulary.loanwords import MAX_NAME_WORDS, Loanwords
from rabta.vocabulary.model import (
    LANGUAGES,
    Concept,
    ConceptHit,
    HeadingSuggestion,
)
from rabta.vocabulary.romanurdu import RomanUrdu, urdu_name_words
from rabta.vocabulary.text import Reading, ing_nouns, normalise, script, words

DATA = Path(__file__).resolve().parent / "data"

_HS_DETAIL_WEIGHT = 0.5  # a subheading's word counts half as much as the heading's own
_HS_MIN_EVIDENCE = 5.0  # summed rarity (idf) a heading needs before it is a hit
# In a heading's text, what follows these words qualifies it ("…, including chain modified
# polypeptides", "whether or not minced"): read as a subheading's words. What follows a word
# of exclusion names what the heading is not ("excluding fish fillets", "other than
# crustaceans") and is not read at all. Each holds to the end of its clause (the next ";").
_HS_QUALIFIER = re.compile(r"\b(?:including|whether or not|whether|not elsewhere specified)\b")
_HS_EXCLUSION = re.compile(r"\b(?:excluding|other than|except|not including)\b")


def heading_parts(text: str) -> tuple[str, str]:
    """A heading's English text as (its own words, its qualifying words), words of exclusion
    left out: "Fish; frozen, excluding fish fillets" → ("Fish; frozen,", "")."""
    own, qualifying = [], []
    for clause in text.split(";"):
        cut = _HS_EXCLUSION.search(clause)
        if cut:
            clause = clause[: cut.start()]
        qualifier = _HS_QUALIFIER.search(clause)
        if qualifier:
            own.append(clause[: qualifier.start()])
            qualifying.append(clause[qualifier.start() :])
        else:
            own.append(clause)
    return ";".join(own), ";".join(qualifying)


_HS_MAX_SCORE = 0.7  # a heading found word by word never outranks a curated name
_CURATED_MIN_SCORE = 0.8  # every curated match scores at least this (HS matches stay under 0.7)
_WINDOW_SLACK = 2
# Whether the shipped vocabulary matches a heading's Russian text (hs_headings_ru.csv) as it
# matches its English text. Off: on the quick recommendation sets it changed no recall or MRR
# (docs/vocabulary.md); the Russian texts still name the headings (heading_label, labels).
HS_MATCH_RUSSIAN = False
# Russian adjective endings (after at least three letters): «детские», «хирургического»,
# «ювелирная», «летний», «английском». An adjective alone names no heading («детские» is no
# children's book, «морскую» no sea salt); -ние/-тие words are nouns (удобрение), -ний only after
# к г х ш щ ч ж (магний, гафний are metals).
_RU_ADJECTIVE = re.compile(
    r"^[а-я]{3,}(?:ого|его|ому|ему|ыми|ими|ых|их|ый|[кгхшщчжн]ий|ая|яя|ое|ее|ые|[кгхшщчжц]ие"
    r"|ую|юю|[вкнгхчшщж]ой|[сц]ком)$"
)
_SUGGESTION_FLOOR = (
    0.3  # of the best heading's score  # words allowed between the words of one name
)


@dataclass(frozen=True)
class _Phrase:
    stems: tuple[str, ...]
    concept: Concept
    weight: float


@dataclass
class _Match:
    concept: Concept
    positions: frozenset[int]
    weight: float


class Vocabulary:
    """Concepts and their names, indexed for matching. Build it with `Vocabulary.load`."""

    def __init__(
        self,
        concepts: list[Concept],
        headings: dict[str, tuple[str, str]],
        attributes: frozenset[str] = frozenset(),
        deals: frozenset[str] = frozenset(),
        *,
        reading: Reading | None = None,
        match_russian_headings: bool = False,
        noise_words: frozenset[str] = frozenset(),
        noise_words_ru: frozenset[str] = frozenset(),
        native_words: frozenset[str] = frozenset(),
        unrelated_words: frozenset[str] = frozenset(),
        roman_urdu_function_words: frozenset[str] = frozenset(),
        english_words: frozenset[str] = frozenset(),
        roman_urdu_spellings: dict[str, str] | None = None,
    ):
        # How this vocabulary reads words (its stop words, lemmas, adjectives, -ing nouns).
        self.reading = reading or Reading()
        stem, tokens = self.reading.stem, self.reading.tokens
        # Words of HS texts and offers that name no product ("parts", "n.e.c.", "manufacturer").
        self.noise = frozenset(stem(word) for word in noise_words)
        # The same for the Russian heading texts (data/hs_noise_words_ru.txt: «прочие»,
        # «изделия», «части», «под ключ»).
        self.noise_ru = frozenset(stem(w) for word in noise_words_ru for w in words(word))
        # Russian and Urdu words that spell an English word but never mean it (пример "example"
        # is no primary, коррекция no corks).
        self.native = frozenset(s for word in native_words for s in tokens(word))
        # Words that relate no concepts (data/unrelated_words.txt): two meanings (перевод:
        # translation and money transfer; plant) or every sector uses them.
        self.unrelated = frozenset(s for word in unrelated_words for s in tokens(word))
        self.concepts: dict[str, Concept] = {concept.id: concept for concept in concepts}
        # A Russian text also finds a heading by the words of its ТН ВЭД text («копра» → 1203).
        self.match_russian_headings = match_russian_headings
        self.headings = headings
        # Materials, packaging, shipping and certificates (data/attributes.txt): beside a product
        # they describe it ("surgical instruments, stainless steel"), alone they are the product.
        self.attributes = attributes
        # The kind of deal (data/deals.txt: joint venture, investment): beside what the deal is
        # about ("a joint venture in garment manufacturing") context only; alone, the subject.
        self.deals = deals
        self._phrases: dict[str, list[_Phrase]] = defaultdict(list)
        self._hs_words: dict[str, list[tuple[Concept, float, bool]]] = defaultdict(list)
        self._index_phrases([c for c in concepts if c.origin == "curated"])
        english = self._index_headings([c for c in concepts if c.origin == "hs"])
        # Stems some name or English heading text reads; a Russian or Urdu word outside them may
        # be an English loanword of a concept's English name («логистика», لاجسٹکس → logistics).
        # The Russian heading texts' words stay out: «контейнеры» is still read as "containers".
        self._known = (
            frozenset(s for phrases in self._phrases.values() for p in phrases for s in p.stems)
            | english
        )
        self._loanwords = Loanwords(
            (
                word
                for c in concepts
                if c.origin == "curated"
                for name in c.names.get("en", ())
                for word in words(name)
                if self.reading.is_content_word(word)
            ),
            stem,
            names=(
                tuple(word for word in words(name) if self.reading.is_content_word(word))
                for c in concepts
                if c.origin == "curated"
                for name in c.names.get("en", ())
            ),
        )
        # Russian and Urdu name words that spell an English word of their own concept: the
        # curator wrote them as that loanword (ٹورازم beside "tourism"; фабрика beside "factory"
        # is no fabric).
        confirmed = set()
        for concept in concepts:
            if concept.origin != "curated":
                continue
            english = {stem(w) for name in concept.names.get("en", ()) for w in words(name)}
            for language in ("ru", "ur"):
                for name in concept.names.get(language, ()):
                    for word in words(name):
                        reading = self._loanwords.english(stem(word), script(word))
                        if reading and reading in english:
                            confirmed.add(stem(word))
        self._confirmed = frozenset(confirmed)
        # Urdu-script words of the names, which a Roman Urdu word may spell (shehad → شہد); the
        # English loanwords among them (مشین, کارک) are left out: Roman Urdu writes them in English.
        self.roman_urdu = RomanUrdu(
            (
                word
                for word in urdu_name_words(concepts, self.reading)
                if not self._loanwords.english(stem(word), "ur")
            ),
            stem,
            function_words=roman_urdu_function_words,
            english_words=english_words,
            spellings=roman_urdu_spellings,
        )
        # Latin words that only Roman Urdu names list ("sports ka saman"): a Roman Urdu word read
        # as an Urdu one may still be one of them.
        english_names = {
            stem(word)
            for c in concepts
            if c.origin == "curated"
            for name in c.names.get("en", ())
            for word in words(name)
        }
        self._roman_only = frozenset(
            s
            for c in concepts
            if c.origin == "curated"
            for name in c.names.get("ur", ())
            for s in tokens(name)
            if script(s) == "en" and s not in english_names and s not in self._hs_words
        )

    # ---- loading -------------------------------------------------------------------------

    @classmethod
    def load(
        cls, path: str | Path = DATA, *, match_russian_headings: bool = HS_MATCH_RUSSIAN
    ) -> Vocabulary:
        """Read and check every file under `path`, each once and nothing from elsewhere; raise
        VocabularyError at the first broken row."""
        folder = Path(path)
        stop_words = read_word_list(folder, "stopwords.txt")
        sectors = read_sectors(folder)
        headings = read_headings(folder)
        russian = read_headings_ru(folder, set(headings))
        chapter_sectors = read_chapter_sectors(folder, sectors)
        curated = read_concepts(folder, sectors, set(headings), stop_words)
        noise = read_word_list(folder, "hs_noise_words.txt")
        reading = Reading(
            stop_words,
            lemmas=read_lemmas(folder, "lemmas.txt"),
            adjectives=read_lemmas(folder, "ru_adjectives.txt"),
            ing_nouns=ing_nouns(
                (concept.names.get("en", ()) for concept in curated),
                [*(f"{text} {detail}" for text, detail in headings.values()), *noise],
                stop_words,
            ),
        )
        hs = [
            Concept(
                f"hs-{heading}",
                (heading,),
                heading_sectors(heading, chapter_sectors),
                {"en": (text,), "ru": (russian[heading],) if heading in russian else ()},
                origin="hs",
            )
            for heading, (text, _detail) in headings.items()
        ]
        known = {c.id for c in curated}
        return cls(
            curated + hs,
            headings,
            read_ids(folder, "attributes.txt", known),
            read_ids(folder, "deals.txt", known),
            reading=reading,
            noise_words=noise,
            noise_words_ru=read_word_list(folder, "hs_noise_words_ru.txt"),
            match_russian_headings=match_russian_headings,
            native_words=read_word_list(folder, "native_words.txt"),
            unrelated_words=read_word_list(folder, "unrelated_words.txt"),
            roman_urdu_function_words=read_word_list(folder, "roman_urdu_function_words.txt"),
            english_words=read_word_list(folder, "english_words.txt"),
            roman_urdu_spellings=read_lemmas(folder, "roman_urdu_spellings.txt"),
        )

    def _index_phrases(self, concepts: list[Concept]) -> None:
        owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
        phrases: list[tuple[tuple[str, ...], Concept]] = []
        for concept in concepts:
            for language in LANGUAGES:
                for name in concept.names.get(language, ()):
                    named = words(name)
                    content = [w for w in named if self.reading.is_content_word(w)]
                    stems = tuple(dict.fromkeys(map(self.reading.stem, content)))
                    if len(stems) == 1 < len(named) and len(content) < len(named):
                        # "fund of funds", "can ends", «разработка ПО»: without its short or
                        # stop words the name is one word, which names much more than it does.
                        continue
                    if stems:
                        phrases.append((stems, concept))
                        owners[stems].add(concept.id)
        frequency: dict[str, int] = defaultdict(int)
        for stems in owners:
            for s in stems:
                frequency[s] += 1
        for stems, concept in dict.fromkeys(phrases):
            # A longer name is more specific; a name shared by several concepts says less.
            shared = 1 + 0.1 * (len(owners[stems]) - 1)
            weight = max(_CURATED_MIN_SCORE, (1.0 + 0.25 * (len(stems) - 1)) / shared)
            anchor = min(stems, key=lambda s: (frequency[s], s))
            self._phrases[anchor].append(_Phrase(stems, concept, weight))

    def _index_headings(self, concepts: list[Concept]) -> frozenset[str]:
        """Index the words of the headings' texts (English, its subheadings', Russian); return
        the English stems."""
        stem = self.reading.stem
        bags: list[tuple[Concept, dict[str, float]]] = []
        document_frequency: dict[str, int] = defaultdict(int)
        english: set[str] = set()
        for concept in concepts:
            text, detail = self.headings[concept.headings[0]]
            bag: dict[str, float] = {}
            own, qualifiers = heading_parts(text)
            for source, weight in (
                (detail, _HS_DETAIL_WEIGHT),
                (qualifiers, _HS_DETAIL_WEIGHT),
                (own, 1.0),
            ):
                for word in words(source):
                    if self.reading.is_content_word(word) and stem(word) not in self.noise:
                        bag[stem(word)] = weight
            english.update(bag)
            if self.match_russian_headings:
                for word in words(" ".join(concept.names.get("ru", ()))):
                    if self.reading.is_content_word(word) and stem(word) not in self.noise_ru:
                        bag[stem(word)] = 1.0
            for s in bag:
                document_frequency[s] += 1
            bags.append((concept, bag))
        total = max(len(bags), 1)
        for concept, bag in bags:
            for s, weight in bag.items():
                idf = math.log(1 + total / document_frequency[s])
                self._hs_words[s].append((concept, weight * idf, weight == 1.0))
        return frozenset(english)

    # ---- matching ------------------------------------------------------------------------

    def _read(self, text: str) -> tuple[list[str], list[str], list[str], dict[str, list[int]]]:
        """`text` as read: all its words, its content words, their stems, and each stem's
        positions among the content words."""
        every = words(text)
        surface = [w for w in every if self.reading.is_content_word(w)]
        stems = [self.reading.stem(w) for w in surface]
        own: dict[str, list[int]] = {}
        for index, s in enumerate(stems):
            own.setdefault(s, []).append(index)
        return every, surface, stems, own

    def find(self, text: str) -> list[ConceptHit]:
        """The concepts `text` names, best first (empty for text with no known word)."""
        every, surface, stems, own = self._read(text)
        if not stems:
            return []
        positions: dict[str, list[int]] = defaultdict(list, {s: list(p) for s, p in own.items()})
        # A loanword is also read as its English word, for curated names only: an HS text's loose
        # words need the real word.
        for index, word in enumerate(surface):
            english = self._loanword(word, stems[index])
            if english:
                positions[english].append(index)
        # Roman Urdu: in a text that reads as Urdu in Latin letters, a word no name knows is also
        # read as the Urdu word it spells (shehad → شہد), for curated names only too.
        for index, urdu in self._roman_urdu_reads(every, surface, stems).items():
            positions[urdu].append(index)
        matches = self._phrase_matches(positions)
        # A run of words no name reads (ورک گلوز, «колд сторадж») may spell an English name of
        # several words, word by word.
        # (A word read only as a loanword of one word may be in the run: «сторадж» of «колд
        # сторадж» is the storage of cold storage.)
        read_as_itself = matches if positions.keys() == own.keys() else self._phrase_matches(own)
        consumed = set().union(*(match.positions for match in read_as_itself))
        spelled = self._loanword_names(every, surface, stems, consumed)
        if spelled:
            for index, english in spelled.items():
                positions[english].append(index)
            matches = self._phrase_matches(positions)
        hits: dict[str, ConceptHit] = {}
        for match in matches:
            matched = " ".join(surface[i] for i in sorted(match.positions))
            best = hits.get(match.concept.id)
            if best is None or match.weight > best.score:
                hits[match.concept.id] = ConceptHit(match.concept, matched, round(match.weight, 4))
        consumed = set().union(*(match.positions for match in matches))
        free = {s: [p for p in places if p not in consumed] for s, places in own.items()}
        for hit in self._heading_hits({s: places for s, places in free.items() if places}, surface):
            hits.setdefault(hit.concept_id, hit)
        return sorted(hits.values(), key=lambda hit: (-hit.score, hit.concept_id))

    def _loanword(self, word: str, stemmed: str) -> str | None:
        """The English stem of the loanword a Russian or Urdu word spells («консалтинг» →
        consulting), if exactly one, for a word no name knows or one that a concept lists as the
        loanword of its own English name (ٹورازم in «حلال ٹورازم», halal tourism)."""
        if (stemmed in self._known and stemmed not in self._confirmed) or stemmed in self.native:
            return None
        english = self._loanwords.english(stemmed, script(word), word)
        return english if english != stemmed else None

    def _loanword_names(
        self, every: list[str], surface: list[str], stems: list[str], consumed: set[int]
    ) -> dict[int, str]:
        """The English stems, by position, of the multi-word English names that runs of
        consecutive Russian or Urdu words spell (ورک گلوز → work gloves): words of one script, no
        stop word between them, none read by a name (a word read only as a loanword may be) and
        none a native word; the longest run first."""
        places = [i for i, word in enumerate(every) if self.reading.is_content_word(word)]
        reads: dict[int, str] = {}
        start = 0
        while start < len(surface) - 1:
            best = None
            for end in range(min(len(surface), start + MAX_NAME_WORDS), start + 1, -1):
                run = range(start, end)
                kind = script(surface[start])
                if (
                    kind in ("ru", "ur")
                    and places[end - 1] - places[start] == end - 1 - start
                    and not any(i in consumed or stems[i] in self.native for i in run)
                    and all(script(surface[i]) == kind for i in run)
                ):
                    best = self._loanwords.phrase(
                        tuple(stems[i] for i in run), kind, tuple(surface[i] for i in run)
                    )
                    if best:
                        reads.update(zip(run, best, strict=True))
                        start = end
                        break
            if not best:
                start += 1
        return reads

    def loanword_names(self, text: str) -> dict[str, str]:
        """The words of `text` read as a multi-word English name, each with the English stem
        it spells ({'ورک': 'work', 'گلوز': 'glove'} for "ورک گلوز")."""
        every, surface, stems, own = self._read(text)
        consumed = set().union(*(m.positions for m in self._phrase_matches(own)))
        reads = self._loanword_names(every, surface, stems, consumed)
        return {surface[index]: english for index, english in reads.items()}

    def _roman_urdu_reads(
        self, every: list[str], surface: list[str], stems: list[str]
    ) -> dict[int, str]:
        """The Urdu stems that the Latin content words of a Roman Urdu text spell, by position:
        only in a text with Roman Urdu function words, only for a word no English name or HS
        text knows (a word only Roman Urdu names list, "saman", may still be read)."""
        if not self.roman_urdu.is_roman_urdu(every):
            return {}
        reads = {}
        for index, word in enumerate(surface):
            if script(word) != "en" or (
                stems[index] in self._known and stems[index] not in self._roman_only
            ):
                continue
            urdu = self.roman_urdu.urdu(word)
            if urdu:
                reads[index] = urdu
        return reads

    def roman_urdu_reads(self, text: str) -> dict[str, str]:
        """The words of `text` read as Roman Urdu, each with the Urdu stem it spells
        ({'shehad': 'شہد'} for "Beri shehad export ke liye"); empty for English text."""
        every = words(text)
        surface = [w for w in every if self.reading.is_content_word(w)]
        reads = self._roman_urdu_reads(every, surface, [self.reading.stem(w) for w in surface])
        return {surface[index]: urdu for index, urdu in reads.items()}

    def _phrase_matches(self, positions: dict[str, list[int]]) -> list[_Match]:
        found: list[_Match] = []
        for anchor in positions:
            for phrase in self._phrases.get(anchor, ()):
                if all(s in positions for s in phrase.stems):
                    span = _closest_span(phrase.stems, positions, len(phrase.stems) + _WINDOW_SLACK)
                    if span is not None:
                        found.append(_Match(phrase.concept, span, phrase.weight))
        # A match inside a longer name written as one phrase (its words a strict subset of a
        # run of consecutive words) is dropped: "rice" inside "basmati rice".
        phrases = [m for m in found if max(m.positions) - min(m.positions) + 1 == len(m.positions)]
        return [m for m in found if not any(m.positions < other.positions for other in phrases)]

    def _heading_hits(
        self, positions: dict[str, list[int]], surface: list[str]
    ) -> list[ConceptHit]:
        evidence: dict[str, float] = defaultdict(float)
        own_words: dict[str, int] = defaultdict(int)
        matched: dict[str, list[int]] = defaultdict(list)
        concepts: dict[str, Concept] = {}
        for s, places in positions.items():
            for concept, weight, in_heading in self._hs_words.get(s, ()):
                evidence[concept.id] += weight
                own_words[concept.id] += in_heading
                matched[concept.id].append(places[0])
                concepts[concept.id] = concept
        hits = []
        for concept_id, value in evidence.items():
            # Enough rare words, one of them from the heading's own text (not only a subheading's),
            # and one not a Russian adjective.
            if (
                value >= _HS_MIN_EVIDENCE
                and own_words[concept_id]
                and not all(_RU_ADJECTIVE.match(surface[i]) for i in matched[concept_id])
            ):
                score = _HS_MAX_SCORE * (1 - math.exp(-value / (2 * _HS_MIN_EVIDENCE)))
                words_matched = " ".join(surface[i] for i in sorted(matched[concept_id]))
                hits.append(ConceptHit(concepts[concept_id], words_matched, round(score, 4)))
        return hits

    def is_attribute(self, concept_id: str) -> bool:
        """A material, packaging, shipping or certificate concept (data/attributes.txt)."""
        return concept_id in self.attributes

    def describing_dropped(self, hits: list[ConceptHit]) -> list[ConceptHit]:
        """`hits` without the attribute concepts when curated goods (with HS headings) are among
        them: in "surgical instruments, stainless steel" the steel describes the instruments;
        beside a service ("freight forwarding, sea containers") shipping stays."""
        if any(
            hit.is_curated and hit.headings and hit.concept_id not in self.attributes
            for hit in hits
        ):
            return [hit for hit in hits if hit.concept_id not in self.attributes]
        return hits

    def suggest_headings(self, text: str, limit: int = 5) -> list[HeadingSuggestion]:
        """HS headings for `text`, best first: each concept found votes for its headings."""
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[str]] = defaultdict(list)
        hits = self.describing_dropped(self.find(text))
        curated = [hit for hit in hits if hit.is_curated]
        if curated:
            # Once a curated name is found, an HS text's loose wording only backs its headings
            # ("regulations", "exchange" in a course offer propose no turbine or chemical).
            named = {heading for hit in curated for heading in hit.headings}
            hits = curated + [h for h in hits if not h.is_curated and set(h.headings) & named]
        for hit in hits:
            share = hit.score / math.sqrt(len(hit.headings)) if hit.headings else 0.0
            for rank, heading in enumerate(hit.headings):
                # A concept's first heading is its main one; the others follow it closely.
                scores[heading] += share * (1 - 0.05 * rank)
                reasons[heading].append(hit.concept_id)
        ranked = sorted(scores, key=lambda heading: (-scores[heading], heading))
        # Far weaker than the best (a stray word of another heading's text) is no suggestion.
        ranked = [h for h in ranked if scores[h] >= _SUGGESTION_FLOOR * scores[ranked[0]]]
        return [
            HeadingSuggestion(heading, round(scores[heading], 4), tuple(reasons[heading]))
            for heading in ranked[: max(limit, 0)]
        ]

    def heading_label(self, heading: str, language: str = "en") -> str:
        """A short name of `heading` in `language`: a curated concept's, else the HS text."""
        for concept in self.concepts.values():
            own = concept.origin == "curated" and concept.headings[:1] == (heading,)
            if own and (language == "en" or concept.names.get(language)):
                return concept.label(language)
        own = self.concepts.get(f"hs-{heading}")
        if own is not None and own.names.get(language):
            return own.names[language][0]  # the heading's own text in Russian
        text = self.headings.get(heading)
        return text[0] if text else heading


def _closest_span(
    stems: tuple[str, ...], positions: dict[str, list[int]], width: int
) -> frozenset[int] | None:
    """Positions of all `stems` within `width` consecutive words, if they occur so."""
    if len(stems) == 1:
        return frozenset(positions[stems[0]][:1])
    first, rest = stems[0], stems[1:]
    for start in positions[first]:
        chosen = [start]
        for s in rest:
            near = [p for p in positions[s] if abs(p - start) < width and p not in chosen]
            if not near:
                break
            chosen.append(min(near, key=lambda p: abs(p - start)))
        else:
            if max(chosen) - min(chosen) < width:
                return frozenset(chosen)
    return None


_lock = threading.Lock()
_cached: Vocabulary | None = None


def get_vocabulary() -> Vocabulary:
    """The shipped vocabulary, loaded once per process."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = Vocabulary.load(DATA)
    return _cached


def suggest_headings(text: str, limit: int = 5) -> list[HeadingSuggestion]:
    """HS headings the shipped vocabulary proposes for `text` (see Vocabulary.suggest_headings)."""
    return get_vocabulary().suggest_headings(text, limit)


def tokens(text: str) -> list[str]:
    """Normalised, stemmed content words of `text`, as the shipped vocabulary reads them (its
    stop words, lemmas, adjectives and -ing nouns; see text.Reading)."""
    return get_vocabulary().reading.tokens(text)


__all__ = ["Vocabulary", "get_vocabulary", "suggest_headings", "normalise", "tokens"]
