"""Partner organisations found through their public profile (HS codes, sectors).

Finds partners that have published no opportunity yet. Only approved organisations are indexed,
only across borders (another country than the participant's, or one it targets), and only from
what the participant's own opportunities look for (else from its profile).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from rabta.matching.countries import country_score, place_of
from rabta.matching.models import OrganisationFeature
from rabta.matching.needs import Needs
from rabta.matching.scoring import Reason
from rabta.matching.weights import (
    COMPLEMENT_SATURATION,
    DIM_WEIGHTS,
    W_PROFILE,
    W_PROFILE_COUNTRY,
)
from rabta.organisations.models import Organisation

PROFILE_CANDIDATES = 100


@dataclass
class ProfileMatch:
    organisation_id: int
    name: dict
    slug: str
    country: str
    score: float
    reasons: list[Reason]


def _wanted_dimensions(needs: Needs) -> dict[str, str]:
    """dimension key (``hs4:9018``) → the participant's side that wants it (or "")."""
    from_opportunities = {
        k.split("|", 1)[1]: w.our_side for k, w in needs.wanted.items() if w.our_side
    }
    if from_opportunities:
        return from_opportunities
    return {k.split("|", 1)[1]: "" for k in needs.wanted}


def profile_matches(
    needs: Needs, *, exclude: set[int], limit: int = PROFILE_CANDIDATES
) -> list[ProfileMatch]:
    wanted = _wanted_dimensions(needs)
    if not wanted:
        return []
    table = OrganisationFeature._meta.db_table
    weight = (
        "CASE dim " + " ".join(f"WHEN {d} THEN {w}" for d, w in DIM_WEIGHTS.items()) + " ELSE 0 END"
    )
    keys = sorted(wanted)
    sql = (
        f"SELECT organisation_id, SUM({weight}) AS s FROM {table} "
        f"WHERE key IN ({', '.join(['%s'] * len(keys))}) AND organisation_id <> %s "
        f"GROUP BY organisation_id ORDER BY s DESC, organisation_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, needs.organisation.pk, limit + len(exclude)])
        ids = [row[0] for row in cursor.fetchall() if row[0] not in exclude]
    # Across borders only (countries.py's rules; a profile names no target country).
    placed = [
        (row, place_of(needs, row["country"]))
        for row in Organisation.objects.filter(
            pk__in=ids, validation=Organisation.Validation.APPROVED
        ).values("id", "name", "slug", "country")
    ]
    rows = [(row, place) for row, place in placed if not place.home]
    # Scored on the rows of the index itself (HS codes, sectors, concepts of the description).
    indexed: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for organisation_id, key, dim in OrganisationFeature.objects.filter(
        organisation_id__in=[row["id"] for row, _place in rows], key__in=keys
    ).values_list("organisation_id", "key", "dim"):
        indexed[organisation_id].append((key, dim))
    matches = []
    for row, place in rows:
        total, codes, matched_sectors, concepts, sides = 0.0, [], [], [], []
        for key, dim in indexed[row["id"]]:
            if key not in wanted or dim not in DIM_WEIGHTS:
                continue
            total += DIM_WEIGHTS[dim]
            dimension, value = key.split(":", 1)
            group = {"sec": matched_sectors, "cpt": concepts}.get(dimension, codes)
            group.append(value)
            sides.append(wanted[key])
        if not total:
            continue
        score = W_PROFILE * min(1.0, total / COMPLEMENT_SATURATION) + (
            W_PROFILE_COUNTRY * country_score(place)
        )
        most_specific = sorted(
            c for c in codes if not any(o != c and o.startswith(c) for o in codes)
        )[:3]
        reasons = [
            Reason(
                "partner:profile",
                {
                    "hs_codes": most_specific,
                    "sectors": sorted(matched_sectors)[:3],
                    "concepts": sorted(concepts)[:2],
                    "our_side": max(sides),
                },
            )
        ]
        if place.mutual:  # based in a country we target
            reasons.append(Reason("country:you_target", {"country": row["country"]}))
        matches.append(
            ProfileMatch(
                row["id"], row["name"], row["slug"], row["country"], round(score, 6), reasons
            )
        )
    matches.sort(key=lambda m: (-m.score, m.organisation_id))
    return matches
