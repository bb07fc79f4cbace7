"""The weights of the recommendation score (documented in docs/marketplace.md).

score = d · (0.37 · C + r · (0.07 · L + 0.20 · K + 0.36 · T)),   r = min(1, C / 0.25)

with C complementarity, L language, K country, T text similarity, each in [0, 1]: language,
country and text only count in proportion to how much the candidate complements the participant;
d is 0.6 for a candidate in the participant's own country (unless it targets it) or for one abroad
that names target countries without the participant's (ELSEWHERE_FACTOR), else 1. The country
rules that choose K and d are in countries.py.

Complementarity counts the matched index keys (HS subheading 3.0, heading 2.0, chapter 0.75,
sector 1.0), each times the factor of the side pair (1.0 for complementary sides, 0.5 for two
partners on equal terms, 0.4 / 0.2 for keys that come from the organisation profile only), and
a matched concept also times its rarity (RARITY_REFERENCE); the sum saturates at
COMPLEMENT_SATURATION.
"""

# The text weighs as much as the complementarity: among the many that offer or seek the same
# goods (a crowded category), the one whose text is about what ours is about — not one that lists
# every product of the group — is the partner (weights chosen on 1,100 labelled queries at full
# size, docs/marketplace.md).
W_COMPLEMENT = 0.37
W_LANGUAGE = 0.07
W_COUNTRY = 0.20
W_TEXT = 0.36
RELEVANCE_FLOOR = 0.25
# Across the corridor before same-country peers: the country counts twice as much as the
# language (an interpreter is easier to find than a partner abroad).
COUNTRY_COUNTERPART = 0.8  # in the corridor's other country (RABTA_CORRIDOR), no target named
COUNTRY_ABROAD = 0.4  # in a third country, names no target country
COUNTRY_ELSEWHERE = 0.2  # based in another country, targets others than ours
# The interest is stated by one side only: it looks to us but is not where we look (a Kazakh buyer
# of Pakistani rice, for a Pakistani exporter looking to Russia), or it is where we look but looks
# to other countries. After a partner where both sides look to each other.
COUNTRY_ONE_WAY = 0.8
# A candidate in our own country (which we do not target): its whole score times this, so a
# same-country peer with many shared words still comes after a comparable partner abroad.
DOMESTIC_FACTOR = 0.6
# A candidate abroad that names its target countries, ours not among them (a Kazakh firm looking
# for partners in Uzbekistan, for a Pakistani participant): its whole score times this. A
# recommendation is good when the interest is mutual; it has said where its interest lies.
ELSEWHERE_FACTOR = 0.6
# Candidate generation: a candidate that targets us, or is based in a country we target or in
# the corridor's other country, counts its summed keys times this (the country part's share).
CORRIDOR_BOOST = 1.5


# A partner found through its profile only: 0.30 · C + 0.13 · K (below an opportunity match).
W_PROFILE = 0.30
W_PROFILE_COUNTRY = 0.13
# A partner's score is its best opportunity's, plus this for each further matching one (at most
# PARTNER_MORE_AT_MOST of them).
PARTNER_MORE = 0.007
PARTNER_MORE_AT_MOST = 3

# dim → weight: HS subheading 6, heading 4, chapter 2, sector 1; a concept the text names in
# its title or product 3, only in its description 5, the sector of a title's concept 7
# (marketplace/concepts.py).
DIM_WEIGHTS = {6: 3.0, 4: 2.0, 2: 0.75, 1: 1.0, 3: 2.0, 5: 0.75, 7: 0.5}
# A concept our own description only mentions: its want's factor times this.
MENTION_FACTOR = 0.5
# A concept related to one our title names (a rare word of their names in common): times this.
RELATED_FACTOR = 0.5
# A chosen sector of a candidate for a sector of one of our concepts: times this.
CONCEPT_SECTOR_FACTOR = 0.5
COMPLEMENT_SATURATION = 6.0
# A matched concept's weight times its inverse document frequency (matching/rarity.py) over this,
# kept within [MIN, MAX]: 6 is a concept named by about 1 in 150 opportunities (chosen on 2,076
# labelled queries at full size, flat between 6 and 7, docs/marketplace.md).
RARITY_REFERENCE = 6.0
RARITY_FACTOR_MIN = 0.5
RARITY_FACTOR_MAX = 2.0

FACTOR_COMPLEMENT = 1.0
FACTOR_PARTNER = 0.5
FACTOR_PROFILE_BUYERS = 0.4
FACTOR_PROFILE_OTHERS = 0.2

# Language: a shared language scores 1; none shared but an interpreter can bridge two of the
# platform's languages scores 0.3; otherwise 0.
LANGUAGE_SHARED = 1.0
LANGUAGE_INTERPRETER = 0.3

CANDIDATES = 150  # how many candidates the indexed lookup hands to the precise scorer
TEXT_EXPLAIN_THRESHOLD = 0.12
