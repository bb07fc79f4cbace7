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
        found = {f"trade.{'seek' if role == 'offer' else 'offer'}": FACTOR_COMPLEMENT}
    elif role == "offer":
        found = {f"{prefix}.seek": FACTOR_COMPLEMENT, f"{prefix}.partner": FACTOR_PARTNER}
    elif role == "seek":
        found = {f"{prefix}.offer": FACTOR_COMPLEMENT, f"{prefix}.partner": FACTOR_PARTNER}
    else:
        found = {
            f"{prefix}.partner": FACTOR_PARTNER * 1.6,
            f"{prefix}.offer": FACTOR_PARTNER,
            f"{prefix}.seek": FACTOR_PARTNER,
        }
    # Kinds that describe the same deal from two sides: a provider who lists a service or
    # machinery as an export offer and a client who asks for it as technology; a language or
    # translation course offered as education and asked for as culture (and back).
    # An investor and a project that asks for technology and equipment, or the reverse.
    if role in ("offer", "seek"):
        for other in NEIGHBOUR_KINDS.get(prefix, ()):
            found[f"{other}.{'seek' if role == 'offer' else 'offer'}"] = FACTOR_PARTNER
    return found


NEIGHBOUR_KINDS = {
    "trade": ("tech",),
    "tech": ("trade", "jv"),
    "jv": ("tech",),
    "edu": ("culture",),
    "culture": ("edu",),
}
