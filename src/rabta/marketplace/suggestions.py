"""HS headings proposed from an opportunity's text (rabta.vocabulary), for the owner to confirm.

The proposal is stored on the opportunity (``suggested_headings``) whenever its text changes,
so matching can read ``opportunity.hs_codes or opportunity.suggested_headings``.
"""

from __future__ import annotations

from typing import Any

from rabta.vocabulary import HeadingSuggestion, get_vocabulary

LIMIT = 5


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for text in value.values() if isinstance(text, str)]
    return [value] if isinstance(value, str) else []


def text_of(*, title: Any, description: Any = None, details: dict | None = None) -> str:
    """Every language of the title and description, and the product named in the details."""
    product = (details or {}).get("product")
    parts = _texts(title) + _texts(description) + _texts(product)
    return "\n".join(part for part in parts if part)


def suggest(
    *, title: Any, description: Any = None, details: dict | None = None
) -> list[HeadingSuggestion]:
    return get_vocabulary().suggest_headings(
        text_of(title=title, description=description, details=details), LIMIT
    )


# Kinds that trade no goods: an education or culture project that names textiles or books is not
# a textile or book trade, so its text proposes no HS heading to match on.
WITHOUT_GOODS = frozenset({"education", "culture"})


def suggested_headings_of(opportunity) -> list[str]:
    """The 4-digit headings the opportunity's own text proposes (best first; may be empty)."""
    if opportunity.kind in WITHOUT_GOODS:
        return []
    return [
        s.heading
        for s in suggest(
            title=opportunity.title,
            description=opportunity.description,
            details=opportunity.details,
        )
    ]


def heading_name(heading: str, language: str) -> str:
    """A short name of the heading in `language` ("рис" for 1006)."""
    return get_vocabulary().heading_label(heading, (language or "en").split("-")[0])


def heading_label(heading: str, language: str) -> str:
    """ "1006 — рис": the heading and its short name in `language`."""
    return f"{heading} — {heading_name(heading, language)}"
