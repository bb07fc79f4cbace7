"""The vocabulary's records: concepts, what a text matched, suggested HS headings."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "ru", "ur")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be loaded: names the file, line, column and reason."""

    def __init__(self, file: str, line: int, column: str, reason: str):
        self.file, self.line, self.column, self.reason = file, line, column, reason
        where = f"{file}, line {line}" + (f", column {column!r}" if column else "")
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Concept:
    """A product, material or service with its names in each language (first name = label)."""

    id: str
    headings: tuple[str, ...]
    sectors: tuple[str, ...]
    names: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    # 'curated' (concepts.csv, phrases) or 'hs' (a heading's own text, matched word by word).
    origin: str = "curated"

    def label(self, language: str = "en") -> str:
        names = (
            self.names.get((language or "en").split("-")[0].lower()) or self.names.get("en") or ()
        )
        return names[0] if names else self.id


@dataclass(frozen=True)
class ConceptHit:
    """One concept found in a text: the words that matched and how strongly."""

    concept: Concept = field(repr=False)
    matched: str
    score: float

    @property
    def concept_id(self) -> str:
        return self.concept.id

    @property
    def headings(self) -> tuple[str, ...]:
        return self.concept.headings

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.concept.sectors

    @property
    def is_curated(self) -> bool:
        """A curated name matched (score ≥ 0.8), not an HS heading's own wording (score < 0.7)."""
        return self.concept.origin == "curated"

    def label(self, language: str = "en") -> str:
        return self.concept.label(language)


@dataclass(frozen=True)
class HeadingSuggestion:
    """A 4-digit HS heading proposed for a text, with the concepts that pointed to it."""

    heading: str
    score: float
    concept_ids: tuple[str, ...]
