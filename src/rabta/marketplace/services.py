"""Every write of the marketplace: one function per use case, permission-checked, atomic."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.files import delete_after_commit, display_name, random_name, removed_on_error, store
from rabta.core.mail import queue_mail_to_user
from rabta.marketplace.attachments import MAX_PER_OPPORTUNITY, check_attachment
from rabta.marketplace.indexing import reindex
from rabta.marketplace.models import Attachment, Interest, Opportunity
from rabta.marketplace.permissions import acting_organisation, is_validator, require_edit
from rabta.marketplace.validation import clean_opportunity
from rabta.organisations.models import Member, Organisation, Sector

EDITABLE_FIELDS = (
    "kind",
    "role",
    "languages",
    "title",
    "description",
    "work_languages",
    "hs_codes",
    "countries",
    "deadline",
    "details",
)


def current_values(opportunity: Opportunity) -> dict[str, Any]:
    values = {field: getattr(opportunity, field) for field in EDITABLE_FIELDS}
    values["sector_codes"] = [sector.code for sector in opportunity.sectors.all()]
    return values


def _apply(opportunity: Opportunity, cleaned: dict[str, Any]) -> None:
    for field in EDITABLE_FIELDS:
        setattr(opportunity, field, cleaned[field])


@transaction.atomic
def opportunity_create(
    *, user, data: dict[str, Any], organisation: Organisation | None = None, publish: bool = False
) -> Opportunity:
    """Create an opportunity (a draft unless ``publish``) for the user's organisation."""
    organisation = acting_organisation(user, organisation.pk if organisation else None)
    cleaned = clean_opportunity(data)
    opportunity = Opportunity(organisation=organisation, created_by=user)
    _apply(opportunity, cleaned)
    if publish:
        opportunity.status = Opportunity.Status.PUBLISHED
        opportunity.published_at = timezone.now()
    opportunity.save()
    opportunity.sectors.set(Sector.objects.filter(code__in=cleaned["sector_codes"]))
    reindex(opportunity)
    return opportunity


@transaction.atomic
def opportunity_update(*, user, opportunity: Opportunity, data: dict[str, Any]) -> Opportunity:
    """Change some or all fields; the result is validated as a whole."""
    require_edit(user, opportunity)
    if opportunity.status == Opportunity.Status.CLOSED:
        raise InvalidInput(_("This opportunity is closed; publish it again before changing it."))
    merged = current_values(opportunity)
    merged.update({key: value for key, value in data.items() if key in merged})
    if (
        "deadline" not in data
        and opportunity.deadline
        and opportunity.deadline < timezone.localdate()
    ):
        merged["deadline"] = None  # an expired deadline that is not being changed is dropped
    cleaned = clean_opportunity(merged)
    _apply(opportunity, cleaned)
    opportunity.save()
    opportunity.sectors.set(Sector.objects.filter(code__in=cleaned["sector_codes"]))
    reindex(opportunity)
    return opportunity


@transaction.atomic
def opportunity_publish(*, user, opportunity: Opportunity) -> Opportunity:
    require_edit(user, opportunity)
    if opportunity.deadline and opportunity.deadline < timezone.localdate():
        raise InvalidInput(
            field_errors={
                "deadline": [_("The deadline is in the past: choose today or a later date.")]
            }
        )
    opportunity.status = Opportunity.Status.PUBLISHED
    opportunity.published_at = timezone.now()
    opportunity.save(update_fields=["status", "published_at", "updated_at"])
    reindex(opportunity)
    return opportunity


@transaction.atomic
def opportunity_close(*, user, opportunity: Opportunity) -> Opportunity:
    require_edit(user, opportunity)
    opportunity.status = Opportunity.Status.CLOSED
    opportunity.save(update_fields=["status", "updated_at"])
    reindex(opportunity)
    return opportunity


@transaction.atomic
def opportunity_delete(*, user, opportunity: Opportunity) -> None:
    """Delete an opportunity with its attachments, unless another organisation has answered it.

    Once someone has expressed interest the opportunity is part of their history too (and an
    accepted interest shared contact details): it can then only be closed.
    """
    require_edit(user, opportunity)
    if opportunity.interests.exists():
        raise InvalidInput(
            _(
                "Other organisations have expressed interest in this opportunity: close it instead of deleting it."
            )
        )
    stored = [attachment.file for attachment in opportunity.attachments.all()]
    audit_log(
        actor=user,
        action="rabta.opportunity.deleted",
        obj=opportunity,
        data={"organisation": opportunity.organisation_id, "status": opportunity.status},
    )
    opportunity.delete()
    for file in stored:
        delete_after_commit(file.storage, file.name)


@transaction.atomic
def opportunity_moderate(
    *, user, opportunity: Opportunity, hidden: bool, note: str = ""
) -> Opportunity:
    """One of the site's validators hides an opportunity from everyone but its owner (or shows
    it again)."""
    if not is_validator(user):
        raise NotPermitted(_("Only the site's validators can moderate opportunities."))
    if hidden and not note.strip():
        raise InvalidInput(
            field_errors={"note": [_("Say why the opportunity is hidden; the owner will see it.")]}
        )
    opportunity.is_hidden = hidden
    opportunity.moderation_note = note.strip()
    opportunity.moderated_by = user
    opportunity.moderated_at = timezone.now()
    opportunity.save(
        update_fields=["is_hidden", "moderation_note", "moderated_by", "moderated_at", "updated_at"]
    )
    reindex(opportunity)
    audit_log(
        actor=user,
        action="rabta.opportunity.hidden" if hidden else "rabta.opportunity.shown",
        obj=opportunity,
        data={"note": opportunity.moderation_note},
    )
    return opportunity


@transaction.atomic
def attachment_add(*, user, opportunity: Opportunity, file, name: str = "") -> Attachment:
    require_edit(user, opportunity)
    content_type = check_attachment(file)
    if opportunity.attachments.count() >= MAX_PER_OPPORTUNITY:
        raise InvalidInput(
            field_errors={
                "file": [
                    _("An opportunity can have at most %(max)d attachments.")
                    % {"max": MAX_PER_OPPORTUNITY}
                ]
            }
        )
    attachment = Attachment(
        opportunity=opportunity,
        name=display_name(name or getattr(file, "name", ""), default=_("attachment")),
        content_type=content_type,
        size=file.size,
        uploaded_by=user,
    )
    # The stored name is ours: random, its extension from the content, never the uploaded name.
    store(attachment.file, name=random_name(content_type), content=file, field="file")
    with removed_on_error(attachment.file.storage, attachment.file.name):
        attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, user, attachment: Attachment) -> None:
    require_edit(user, attachment.opportunity)
    stored = attachment.file
    attachment.delete()
    delete_after_commit(stored.storage, stored.name)


def _owner_recipients(organisation: Organisation) -> list:
    members = list(
        Member.objects.filter(organisation=organisation).select_related("user").order_by("id")
    )
    admins = [m.user for m in members if m.role == Member.Role.ADMIN]
    return admins or [m.user for m in members]


@transaction.atomic
def interest_express(
    *, user, opportunity: Opportunity, message: str = "", organisation: Organisation | None = None
) -> Interest:
    """Tell the owner that the user's organisation is interested; they get an e-mail."""
    organisation = acting_organisation(user, organisation.pk if organisation else None)
    if not opportunity.is_live or not opportunity.organisation.is_approved:
        raise InvalidInput(_("This opportunity is not open for interest."))
    if opportunity.organisation_id == organisation.pk:
        raise InvalidInput(_("This is your own organisation's opportunity."))
    if not organisation.is_approved:
        raise NotPermitted(
            _("Your organisation must be approved by an organiser before it can express interest.")
        )
    message = (message or "").strip()
    if len(message) > 2000:
        raise InvalidInput(field_errors={"message": [_("Write at most 2000 characters.")]})
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                opportunity=opportunity, organisation=organisation, created_by=user, message=message
            )
    except IntegrityError:
        raise InvalidInput(
            _("Your organisation has already expressed interest in this opportunity.")
        ) from None
    for recipient in _owner_recipients(opportunity.organisation):
        language = recipient.language or None
        queue_mail_to_user(
            user_or_email=recipient,
            subject_template="marketplace/emails/interest_subject.txt",
            body_template="marketplace/emails/interest.txt",
            context={
                "organisation_name": _name_in(organisation, language),
                "opportunity_title": _title_in(opportunity, language),
                "message": message,
                "url": "/marketplace/interests/",
            },
        )
    return interest


def _name_in(organisation: Organisation, language: str | None) -> str:
    from rabta.core.i18n import localized

    return localized(organisation.name, language) or organisation.slug


def _title_in(opportunity: Opportunity, language: str | None) -> str:
    from rabta.core.i18n import localized

    return localized(opportunity.title, language)


def _decide(*, user, interest: Interest, status: str) -> Interest:
    require_edit(user, interest.opportunity)
    if interest.status != Interest.Status.PENDING:
        raise InvalidInput(_("This expression of interest has already been answered."))
    interest.status = status
    interest.decided_at = timezone.now()
    interest.decided_by = user
    interest.save(update_fields=["status", "decided_at", "decided_by"])
    if interest.created_by is not None:
        accepted = status == Interest.Status.ACCEPTED
        language = interest.created_by.language or None
        queue_mail_to_user(
            user_or_email=interest.created_by,
            subject_template="marketplace/emails/interest_answered_subject.txt",
            body_template="marketplace/emails/interest_answered.txt",
            context={
                "accepted": accepted,
                "organisation_name": _name_in(interest.opportunity.organisation, language),
                "opportunity_title": _title_in(interest.opportunity, language),
                "url": f"/marketplace/{interest.opportunity_id}/",
            },
        )
    return interest


@transaction.atomic
def interest_accept(*, user, interest: Interest) -> Interest:
    """Accepting reveals the contact details of both organisations to each other."""
    return _decide(user=user, interest=interest, status=Interest.Status.ACCEPTED)


@transaction.atomic
def interest_decline(*, user, interest: Interest) -> Interest:
    return _decide(user=user, interest=interest, status=Interest.Status.DECLINED)
