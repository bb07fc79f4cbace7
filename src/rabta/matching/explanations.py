"""Turning reasons into a short sentence a person understands, in the reader's language."""

from __future__ import annotations

from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from rabta.accounts.languages import spoken_language_name
from rabta.core.i18n import localized
from rabta.marketplace.concepts import concept_label
from rabta.matching.scoring import Reason
from rabta.organisations.countries import country_name

# What the candidate does, by its side; %(what)s is "HS 9018 (surgical instruments)" or sectors.
SIDE_PHRASES = {
    "trade.offer": gettext_lazy("exports %(what)s"),
    "trade.seek": gettext_lazy("sources %(what)s"),
    "jv.offer": gettext_lazy("invests in %(what)s"),
    "jv.seek": gettext_lazy("seeks investment in %(what)s"),
    "jv.partner": gettext_lazy("looks for a joint-venture partner in %(what)s"),
    "tech.offer": gettext_lazy("offers technology or know-how in %(what)s"),
    "tech.seek": gettext_lazy("looks for technology or know-how in %(what)s"),
    "tech.partner": gettext_lazy("looks for a technology partner in %(what)s"),
    "edu.offer": gettext_lazy("offers an education programme in %(what)s"),
    "edu.seek": gettext_lazy("looks for an education partner in %(what)s"),
    "edu.partner": gettext_lazy("looks for a partner for a joint programme in %(what)s"),
    "culture.offer": gettext_lazy("offers a culture or translation project in %(what)s"),
    "culture.seek": gettext_lazy("looks for a culture or translation partner in %(what)s"),
    "culture.partner": gettext_lazy("looks for a partner for a culture project in %(what)s"),
}
# Why it matters to the participant, by the participant's own side.
OUR_SIDE_PHRASES = {
    "trade.offer": gettext_lazy("which you export"),
    "trade.seek": gettext_lazy("which you are sourcing"),
}
# The same, naming the concept both texts name ("exports basmati rice — you are sourcing basmati
# rice"): %(ours)s is the concept's name in the reader's language.
OUR_CONCEPT_PHRASES = {
    "trade.offer": gettext_lazy("%(phrase)s — you export %(ours)s"),
    "trade.seek": gettext_lazy("%(phrase)s — you are sourcing %(ours)s"),
}


def _isolate(text: str) -> str:
    """Bidi-isolate a piece of a user's own text (FSI…PDI) inside a sentence of the interface:
    on any page but an English one (the text may be in another language or script), or when
    the text itself has right-to-left letters."""
    rtl_letters = any("\u0590" <= char <= "\u08ff" for char in text)
    isolate = (get_language() or "en").split("-")[0] != "en" or rtl_letters
    return f"\u2068{text}\u2069" if isolate else text


# Concepts that name the form of a deal, which the sentence of its side already says ("seeks
# investment in", "looks for a partner for a joint programme in"): never its subject.
DEAL_FORMS = frozenset(
    {
        "investment",
        "investment-projects",
        "joint-ventures",
        "joint-degree",
        "university-partnership",
    }
)


def _concepts(params: dict, field: str = "concepts", *, subjects_only: bool = False) -> str:
    """The matched concepts' names in the reader's language ("рис басмати"), or ""; with
    ``subjects_only``, without the concepts that name the form of the deal."""
    language = (get_language() or "en").split("-")[0]
    names = []
    for concept_id in params.get(field) or []:
        if subjects_only and concept_id in DEAL_FORMS:
            continue
        name = concept_label(concept_id, language)
        rtl = any("\u0590" <= char <= "\u08ff" for char in name)
        names.append(f"\u2068{name}\u2069" if language == "ur" and not rtl else name)
    return _list_separator().join(names)


def _what(params: dict, sector_names: dict[str, str], *, goods: bool = True) -> str:
    """The concepts, products or sectors of a reason; empty when it names none (the caller then
    uses a whole sentence of its own, never a "your field" fragment composed into another one).
    Goods are named by their concepts first; other kinds by their sectors first (an investor
    "invests in Energy", not in the concept "investment")."""
    concepts = _concepts(params, subjects_only=not goods)
    if concepts and (goods or not params.get("sectors")):
        codes = ", ".join(params.get("hs_codes") or [])
        return f"{concepts} (HS {codes})" if codes else concepts
    pieces = []
    if params.get("hs_codes"):
        codes = ", ".join(params["hs_codes"])
        product = (params.get("product") or "").strip()
        pieces.append(f"HS {codes} ({_isolate(product)})" if product else f"HS {codes}")
    if params.get("sectors"):
        pieces.append(
            _list_separator().join(sector_names.get(code, code) for code in params["sectors"])
        )
    return _(" and ").join(pieces)


def reason_text(reason: Reason, sector_names: dict[str, str]) -> str:
    code, params = reason.code, reason.params
    if code.startswith(("complement:", "profile:")):
        side = code.split(":", 1)[1]
        what = _what(params, sector_names, goods=side.startswith("trade."))
        if what:
            phrase = str(SIDE_PHRASES.get(side, gettext_lazy("works in %(what)s"))) % {"what": what}
        else:
            phrase = _("works in your field")
        if code.startswith("profile:"):
            return _("%(phrase)s, which is in your profile") % {"phrase": phrase}
        our_side = params.get("our_side", "")
        ours = _concepts(params, "our_concepts") or _concepts(params)
        if ours and side.startswith("trade.") and our_side in OUR_CONCEPT_PHRASES:
            return str(OUR_CONCEPT_PHRASES[our_side]) % {"phrase": phrase, "ours": ours}
        if our_side in OUR_SIDE_PHRASES:
            return _("%(phrase)s, %(why)s") % {"phrase": phrase, "why": OUR_SIDE_PHRASES[our_side]}
        title = localized(params.get("our_title") or {})
        if title:
            return _("%(phrase)s, which fits your “%(title)s”") % {
                "phrase": phrase,
                "title": _isolate(title),
            }
        return phrase
    if code == "partner:profile":
        what = _what(params, sector_names)
        if not what:
            return _("works in your field")
        our_side = params.get("our_side", "")
        if our_side == "trade.offer":
            return _("works with %(what)s, which you export") % {"what": what}
        if our_side == "trade.seek":
            return _("works with %(what)s, which you are sourcing") % {"what": what}
        return _("works in %(what)s, as you do") % {"what": what}
    if code == "language:shared":
        return _("speaks %(languages)s") % {"languages": _join_languages(params["languages"])}
    if code == "language:interpreter":
        return _("works in %(languages)s: you will need an interpreter") % {
            "languages": _join_languages(params["languages"])
        }
    if code == "country:targets_you":
        return _("looks for partners in %(country)s") % {"country": country_name(params["country"])}
    if code == "country:you_target":
        return _("is based in %(country)s, where you look for partners") % {
            "country": country_name(params["country"])
        }
    if code == "text:shared_words":
        words = _list_separator().join(f"“{_isolate(word)}”" for word in params["words"])
        return _("also mentions %(words)s") % {"words": words}
    return ""


def _list_separator() -> str:
    return pgettext("between the items of a list", ", ")


def _join_languages(codes: list[str]) -> str:
    return _list_separator().join(spoken_language_name(code) for code in codes)


def explanation(reasons: list[Reason], sector_names: dict[str, str], *, limit: int = 3) -> str:
    """``Sources HS 9018 (surgical instruments), which you export; speaks English``."""
    texts = [text for text in (reason_text(r, sector_names) for r in reasons[:limit]) if text]
    sentence = pgettext("between the reasons for a recommendation", "; ").join(texts)
    return sentence[:1].upper() + sentence[1:]
