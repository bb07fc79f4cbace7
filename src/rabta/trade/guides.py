"""Market guides: who may write and read them, the writes (services) and the reads.

Organisers write guides; everyone reads published ones; drafts are seen by organisers only.
A guide is edited by its owner or a site admin. Attachments go through rabta's safe upload code
(type from the content, random stored name, private storage, permission-checked serving).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rabta.accounts.permissions import is_organiser, is_site_admin
from rabta.core import validation
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.files import (
    checked_document,
    delete_after_commit,
    display_name,
    random_name,
    removed_on_error,
    store,
)
from rabta.core.i18n import clean_translations
from rabta.organisations.countries import COUNTRY_CODES
from rabta.organisations.hs import is_known_chapter
from rabta.trade.models import GuideAttachment, GuideSection, MarketGuide, SectionKind

MAX_ATTACHMENTS = 10


def can_write(user) -> bool:
    return is_organiser(user)


def can_edit(user, guide: MarketGuide) -> bool:
    return is_site_admin(user) or (is_organiser(user) and guide.owner_id == user.pk)


def can_read(user, guide: MarketGuide) -> bool:
    return guide.is_published or can_write(user)


def visible_guides(user):
    guides = MarketGuide.objects.select_related("sector").order_by("market", "slug")
    return guides if can_write(user) else guides.filter(status=MarketGuide.Status.PUBLISHED)


def guides_for(*, hs_codes: list[str], origin: str, sector_codes: list[str], limit: int = 3):
    """Published guides for these goods (their chapters) or sectors, for exporters from
    ``origin`` (guides for any origin included), about another country's market."""
    chapters = {str(code)[:2] for code in hs_codes}
    found = []
    for guide in MarketGuide.objects.filter(status=MarketGuide.Status.PUBLISHED).select_related(
        "sector"
    ):
        if guide.market == origin or (guide.origin and guide.origin != origin):
            continue
        if chapters & set(guide.hs_chapters or []) or (
            guide.sector and guide.sector.code in sector_codes
        ):
            found.append(guide)
    return found[:limit]


def _check(data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, required, limit in (
        ("title", True, 200),
        ("summary", False, 1000),
        ("sources", False, 4000),
    ):
        try:
            data[name] = clean_translations(
                data.get(name) or {}, max_length=limit, required=required
            )
        except ValidationError as error:
            errors[name] = validation.messages(error)
    if data.get("market") not in COUNTRY_CODES:
        errors["market"] = [_("Choose the country of the market.")]
    if data.get("origin") and data["origin"] not in COUNTRY_CODES:
        errors["origin"] = [_("Choose a country.")]
    chapters = data.get("hs_chapters") or []
    bad = [c for c in chapters if not (len(c) == 2 and c.isdigit() and is_known_chapter(c))]
    if bad:
        errors["hs_chapters"] = [
            _("“%(value)s” is not an HS chapter: write two digits, e.g. 90.") % {"value": bad[0]}
        ]
    if not data.get("last_reviewed"):
        errors["last_reviewed"] = [_("Enter the date the guide was last reviewed.")]
    return errors


def _unique_slug(title: dict, market: str) -> str:
    base = slugify(f"{market} {title.get('en') or next(iter(title.values()), '')}")[:70] or "guide"
    slug, n = base, 1
    while MarketGuide.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


FIELDS = ("title", "summary", "market", "origin", "hs_chapters", "sector", "sources", "status",
          "last_reviewed")  # fmt: skip


@transaction.atomic
def guide_save(
    *, actor, data: dict, sections: dict[str, dict], guide: MarketGuide | None = None
) -> MarketGuide:
    """Create a guide (owned by ``actor``) or change one; ``sections`` maps a topic to its text
    per language (an empty text removes the section)."""
    if guide is None and not can_write(actor):
        raise NotPermitted(_("Only organisers write market guides."))
    if guide is not None and not can_edit(actor, guide):
        raise NotPermitted(_("Only the guide's owner can change it."))
    errors = _check(data)
    cleaned_sections = {}
    for kind, body in sections.items():
        if kind not in SectionKind.values:
            errors.setdefault("sections", []).append(_("Unknown section."))
            continue
        try:
            cleaned_sections[kind] = clean_translations(
                body or {}, max_length=20000, required=False
            )
        except ValidationError as error:
            errors[f"section_{kind}"] = validation.messages(error)
    if data.get("status") not in MarketGuide.Status.values:
        errors["status"] = [_("Choose draft or published.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    created = guide is None
    if created:
        guide = MarketGuide(owner=actor, slug=_unique_slug(data["title"], data["market"]))
    for name in FIELDS:
        setattr(guide, name, data.get(name) if name != "origin" else data.get("origin") or "")
    guide.save()
    for position, kind in enumerate(SectionKind.values):
        body = cleaned_sections.get(kind)
        if body is None:
            continue
        if body:
            GuideSection.objects.update_or_create(
                guide=guide, kind=kind, defaults={"body": body, "position": position}
            )
        else:
            GuideSection.objects.filter(guide=guide, kind=kind).delete()
    audit_log(
        actor=actor,
        action="rabta.guide.created" if created else "rabta.guide.changed",
        obj=guide,
        data={"status": guide.status},
    )
    return guide


def guide_attach(*, actor, guide: MarketGuide, file) -> GuideAttachment:
    if not can_edit(actor, guide):
        raise NotPermitted(_("Only the guide's owner can change it."))
    content_type = checked_document(file, limit=settings.RABTA_ATTACHMENT_MAX_BYTES)
    if guide.attachments.count() >= MAX_ATTACHMENTS:
        raise InvalidInput(
            field_errors={
                "file": [
                    _("A guide can have at most %(max)d attachments.") % {"max": MAX_ATTACHMENTS}
                ]
            }
        )
    attachment = GuideAttachment(
        guide=guide,
        original_name=display_name(getattr(file, "name", ""), default=_("attachment")),
        content_type=content_type,
        size=file.size,
    )
    store(attachment.file, name=random_name(content_type), content=file, field="file")
    with removed_on_error(attachment.file.storage, attachment.file.name):
        attachment.save()
    return attachment


@transaction.atomic
def guide_detach(*, actor, attachment: GuideAttachment) -> None:
    if not can_edit(actor, attachment.guide):
        raise NotPermitted(_("Only the guide's owner can change it."))
    stored = attachment.file
    attachment.delete()
    delete_after_commit(stored.storage, stored.name)
