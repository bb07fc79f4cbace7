"""Which market sides complement which: complementarity matters more than similarity."""

from __future__ import annotations

from rabta.matching.weights import FACTOR_COMPLEMENT, FACTOR_PARTNER


def complements(side: str) -> dict[str, float]:
    """Sides worth meeting for an opportunity on ``side``, with their factor.

    ``trade.offer`` (export offer) ↔ ``trade.seek`` (sourcing request); for the other kinds
    ``offer`` ↔ ``seek`` (an investor and a seeker of investment), and a ``partner`` (equal
    terms) meets anyone of the same kind at a lower factor.
    """
    prefix, role = side.split(".")
    if prefix == "trade":
        return {f"trade.{'seek' if role == 'offer' else 'offer'}": FACTOR_COMPLEMENT}
    if role == "offer":
        return {f"{prefix}.seek": FACTOR_COMPLEMENT, f"{prefix}.partner": FACTOR_PARTNER}
    if role == "seek":
        return {f"{prefix}.offer": FACTOR_COMPLEMENT, f"{prefix}.partner": FACTOR_PARTNER}
    return {
        f"{prefix}.partner": FACTOR_PARTNER * 1.6,
        f"{prefix}.offer": FACTOR_PARTNER,
        f"{prefix}.seek": FACTOR_PARTNER,
    }
