"""Every write to organisations, their people and invitations.

Each service is keyword-only, runs in one transaction, checks permissions (raising NotPermitted),
validates everything before writing (raising InvalidInput with field errors in the active
language, nothing saved) and audits organiser and admin actions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rabta.accounts.models import hash_token, new_token, validate_spoken_languages
from rabta.core import validation
from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.core.files import delete_after_commit, random_name, removed_on_error, store
from rabta.core.i18n import clean_translations
from rabta.core.lists import split_list
from rabta.core.mail import queue_mail_to_user
from rabta.core.throttle import throttle_invitations, throttle_new_links
from rabta.organisations import permissions
from rabta.organisations.logos import reencoded_logo
from rabta.organisations.models import Invitation, Member, Organisation, Sector
from rabta.organisations.naming import make_name_key
from rabta.organisations.validators import normalise_hs_code, quoted_value, validate_hs_code

FieldErrors = dict[str, list[str]]

EDITABLE_FIELDS = (
    "name",
    "kind",
    "country",
    "city",
    "sectors",
    "hs_codes",
    "website",
    "description",
    "email",
    "phone",
    "logo",
)
MAX_HS_CODES = 50
MAX_HS_CODE_ERRORS = 5  # messages naming a bad code, at most
MAX_REASON_LENGTH = 2000


# --- parsing and validation helpers -------------------------------------------------------


def parse_hs_codes(value: str | Iterable[Any] | None) -> tuple[list[str], list[str]]:
    """("9018, 9019" or ["9018", "9019"]) → (normalised unique codes, one error per bad code)."""
    if value is None:
        return [], []
    items = split_list(value, spaces=True) if isinstance(value, str) else list(value)
    codes: list[str] = []
    errors: list[str] = []
    for item in items:
        if not isinstance(item, str):
            errors.append(_("“%(value)s” is not an HS code.") % {"value": quoted_value(item)})
            continue
        if not item.strip():
            continue
        try:
            validate_hs_code(item)
        except ValidationError as error:
            errors.extend(m for m in validation.messages(error) if m not in errors)
            continue
        code = normalise_hs_code(item)
        if code not in codes:
            codes.append(code)
    if len(errors) > MAX_HS_CODE_ERRORS:  # thousands of bad codes: name a few, count the rest
        more = len(errors) - MAX_HS_CODE_ERRORS
        errors = errors[:MAX_HS_CODE_ERRORS] + [
            ngettext(
                "%(count)d more code is not an HS code.",
                "%(count)d more codes are not HS codes.",
                more,
            )
            % {"count": more}
        ]
    if len(codes) > MAX_HS_CODES:
        errors.append(_("Enter at most %(max)d HS codes.") % {"max": MAX_HS_CODES})
    return codes, errors


def resolve_sectors(value: Iterable[Sector | str] | None) -> tuple[list[Sector], list[str]]:
    """Sector instances or codes → (sectors, errors naming each unknown code)."""
    items = list(value or [])
    wanted = [item.code if isinstance(item, Sector) else str(item) for item in items]
    found = {sector.code: sector for sector in Sector.objects.filter(code__in=wanted)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        return [], [_("Unknown sector: %(codes)s.") % {"codes": ", ".join(unknown)}]
    return [found[code] for code in dict.fromkeys(wanted)], []


def _translations(value, *, max_length: int, required: bool) -> tuple[dict[str, str], list[str]]:
    if value is not None and not isinstance(value, Mapping):
        return {}, [_('Enter a text for each language, e.g. {"en": …, "ru": …}.')]
    try:
        return clean_translations(value, max_length=max_length, required=required), []
    except ValidationError as error:
        return {}, validation.messages(error)


def _apply_changes(
    organisation: Organisation, data: Mapping[str, Any]
) -> tuple[list[Sector] | None, FieldErrors]:
    """Set the given fields on ``organisation`` (unsaved); return (sectors to set, errors)."""
    sectors, errors, _logo = _apply_profile_changes(organisation, data)
    return sectors, errors


def _apply_profile_changes(
    organisation: Organisation, data: Mapping[str, Any]
) -> tuple[list[Sector] | None, FieldErrors, tuple | None]:
    """Set the given fields on ``organisation`` (unsaved); return (sectors to set, errors,
    the new logo as (re-encoded content, content type) or None)."""
    unknown = sorted(set(data) - set(EDITABLE_FIELDS))
    errors: FieldErrors = {field: [_("This field cannot be changed here.")] for field in unknown}
    sectors: list[Sector] | None = None
    logo = None
    for field in ("name", "description"):
        if field in data:
            model_field = Organisation._meta.get_field(field)
            value, messages = _translations(
                data[field], max_length=model_field.text_max_length, required=not model_field.blank
            )
            if messages:
                errors[field] = messages
            else:
                setattr(organisation, field, value)
    for field in ("kind", "country", "city", "website", "email", "phone"):
        if field in data:
            value = data[field]
            value = "" if value is None else value
            if isinstance(value, str):
                value = value.strip()
                if field == "country":
                    value = value.upper()
            setattr(organisation, field, value)
    if "hs_codes" in data:
        codes, messages = parse_hs_codes(data["hs_codes"])
        if messages:
            errors["hs_codes"] = messages
        else:
            organisation.hs_codes = codes
    if "sectors" in data:
        sectors, messages = resolve_sectors(data["sectors"])
        if messages:
            errors["sectors"] = messages
            sectors = None
    if data.get("logo"):
        try:
            logo = reencoded_logo(data["logo"])
        except ValidationError as error:
            errors["logo"] = validation.messages(error)
    elif "logo" in data and data["logo"] is False:  # an explicit "remove the logo"
        organisation.logo = None

    exclude = [*errors, "slug", "name_key", "search_text", "sectors", "logo"]
    try:
        organisation.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in validation.message_dict(error).items():
            errors.setdefault(field, []).extend(messages)
    if "name" not in errors and ("name" in data or "country" in data):
        duplicate = Organisation.objects.filter(
            name_key=make_name_key(organisation.name), country=organisation.country
        ).exclude(pk=organisation.pk)
        if duplicate.exists():
            errors["name"] = [_("An organisation with this name already exists in this country.")]
    return sectors, errors, logo


def _save(organisation: Organisation, *, logo: tuple | None = None) -> None:
    """Save; a new logo is stored under a random name first, and the replaced one is deleted
    once the transaction commits (a failed save deletes the new one instead)."""
    new_name = None
    if logo is not None:
        content, content_type = logo
        store(organisation.logo, name=random_name(content_type), content=content, field="logo")
        new_name = organisation.logo.name
    try:
        with removed_on_error(organisation.logo.storage, new_name), transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        # The database constraint is the last line of defence against a concurrent duplicate.
        raise InvalidInput(
            field_errors={
                "name": [_("An organisation with this name already exists in this country.")]
            }
        ) from error


def _locked(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


# --- organisations --------------------------------------------------------------------------


def organisation_create(*, user, data: Mapping[str, Any]) -> Organisation:
    """A signed-in person registers an organisation; they become its admin; it awaits validation."""
    if not permissions.is_signed_in(user):
        raise NotPermitted(_("Sign in to register an organisation."))
    data = dict(data)
    data.setdefault("name", None)
    data.setdefault("country", "")
    with transaction.atomic():
        organisation = Organisation(validation=Organisation.Validation.PENDING)
        sectors, errors, logo = _apply_profile_changes(organisation, data)
        if errors:
            raise InvalidInput(field_errors=errors)
        _save(organisation, logo=logo)
        if sectors:
            organisation.sectors.set(sectors)
            organisation.refresh_search_text()
        Member.objects.create(organisation=organisation, user=user, role=Member.Role.ADMIN)
        permissions.forget_memberships(user)
        audit_log(actor=user, action="rabta.organisation.created", obj=organisation)
    return organisation


def organisation_update(
    *, actor, organisation: Organisation, data: Mapping[str, Any]
) -> Organisation:
    """Change the profile: the organisation's admins, validators and site admins."""
    if not permissions.can_edit(actor, organisation):
        raise NotPermitted()
    with transaction.atomic():
        current = _locked(organisation)
        old_logo = current.logo.name
        sectors, errors, logo = _apply_profile_changes(current, data)
        if errors:
            raise InvalidInput(field_errors=errors)
        _save(current, logo=logo)
        if old_logo and old_logo != current.logo.name:
            delete_after_commit(current.logo.storage, old_logo)
        if sectors is not None:
            current.sectors.set(sectors)
            current.refresh_search_text()
        audit_log(
            actor=actor,
            action="rabta.organisation.updated",
            obj=current,
            data={"fields": sorted(data)},
        )
    return current


def organisation_set_sectors(
    *, actor, organisation: Organisation, sectors: Iterable[Sector | str]
) -> Organisation:
    return organisation_update(
        actor=actor, organisation=organisation, data={"sectors": list(sectors)}
    )


def organisation_set_hs_codes(
    *, actor, organisation: Organisation, hs_codes: str | Iterable[str]
) -> Organisation:
    return organisation_update(actor=actor, organisation=organisation, data={"hs_codes": hs_codes})


def organisation_set_logo(*, actor, organisation: Organisation, logo) -> Organisation:
    """Upload a new logo (PNG, JPEG, WebP or GIF within settings.RABTA_LOGO_MAX_BYTES)."""
    if not logo:
        raise InvalidInput(field_errors={"logo": [_("Choose an image file.")]})
    return organisation_update(actor=actor, organisation=organisation, data={"logo": logo})


def _notify_admins(organisation: Organisation, *, decision: str) -> None:
    admins = [
        m.user for m in organisation.members.select_related("user").filter(role=Member.Role.ADMIN)
    ]
    path = reverse("organisations:detail", args=[organisation.slug])
    for user in admins:
        queue_mail_to_user(
            user_or_email=user,
            subject_template=f"organisations/emails/{decision}_subject.txt",
            body_template=f"organisations/emails/{decision}.txt",
            context={
                "organisation_name": dict(organisation.name),
                "url": settings.SITE_URL.rstrip("/") + path,
                "reason": organisation.rejection_reason,
            },
        )


def organisation_approve(*, actor, organisation: Organisation) -> Organisation:
    """A validator or site admin approves: the profile appears in the public directory."""
    if not permissions.is_staff_role(actor):
        raise NotPermitted(_("Only the site's validators can validate organisations."))
    with transaction.atomic():
        current = _locked(organisation)
        current.validation = Organisation.Validation.APPROVED
        current.rejection_reason = ""
        current.validated_by = actor
        current.validated_at = timezone.now()
        current.save(
            update_fields=["validation", "rejection_reason", "validated_by", "validated_at"]
        )
        audit_log(actor=actor, action="rabta.organisation.approved", obj=current)
        _notify_admins(current, decision="approved")
    return current


def organisation_reject(*, actor, organisation: Organisation, reason: str) -> Organisation:
    """A validator or site admin rejects, giving the reason the organisation's admins will read."""
    if not permissions.is_staff_role(actor):
        raise NotPermitted(_("Only the site's validators can validate organisations."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            field_errors={
                "reason": [_("Give a reason: the organisation's administrators will read it.")]
            }
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInput(
            field_errors={
                "reason": [
                    _("Ensure this value has at most %(max)s characters.")
                    % {"max": MAX_REASON_LENGTH}
                ]
            }
        )
    with transaction.atomic():
        current = _locked(organisation)
        current.validation = Organisation.Validation.REJECTED
        current.rejection_reason = reason
        current.validated_by = actor
        current.validated_at = timezone.now()
        current.save(
            update_fields=["validation", "rejection_reason", "validated_by", "validated_at"]
        )
        audit_log(
            actor=actor, action="rabta.organisation.rejected", obj=current, data={"reason": reason}
        )
        _notify_admins(current, decision="rejected")
    return current


# --- people -----------------------------------------------------------------------------------


def _is_last_admin(member: Member) -> bool:
    return (
        member.role == Member.Role.ADMIN
        and not Member.objects.filter(
            organisation_id=member.organisation_id, role=Member.Role.ADMIN
        )
        .exclude(pk=member.pk)
        .exists()
    )


def member_update(
    *,
    actor,
    member: Member,
    position: Mapping[str, str] | None = None,
    spoken_languages: list[str] | None = None,
    is_public: bool | None = None,
    role: str | None = None,
) -> Member:
    """Position (per language), languages spoken (kept on the person's account), visibility, role."""
    if not permissions.can_edit_member(actor, member):
        raise NotPermitted()
    errors: FieldErrors = {}
    cleaned_position: dict[str, str] | None = None
    if position is not None:
        cleaned_position, messages = _translations(position, max_length=120, required=False)
        if messages:
            errors["position"] = messages
    if spoken_languages is not None:
        try:
            validate_spoken_languages(spoken_languages)
        except ValidationError as error:
            errors["spoken_languages"] = validation.messages(error)
    if role is not None and role != member.role:
        if role not in Member.Role.values:
            errors["role"] = [_("Choose a role from the list.")]
        elif not permissions.can_manage_members(actor, member.organisation):
            raise NotPermitted(_("Only the organisation's administrators can change roles."))
        elif _is_last_admin(member):
            errors["role"] = [_("An organisation needs at least one administrator.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    with transaction.atomic():
        member = (
            Member.objects.select_for_update()
            .select_related("user", "organisation")
            .get(pk=member.pk)
        )
        changed = []
        if cleaned_position is not None:
            member.position = cleaned_position
            changed.append("position")
        if is_public is not None:
            member.is_public = bool(is_public)
            changed.append("is_public")
        if role is not None and role != member.role:
            member.role = role
            changed.append("role")
        if changed:
            member.save(update_fields=changed)
        if spoken_languages is not None:
            member.user.spoken_languages = list(dict.fromkeys(spoken_languages))
            member.user.save(update_fields=["spoken_languages"])
            changed.append("spoken_languages")
        if actor.pk != member.user_id:
            audit_log(
                actor=actor,
                action="rabta.organisation.member.updated",
                obj=member,
                data={"fields": changed},
            )
    permissions.forget_memberships(actor)
    return member


def member_remove(*, actor, member: Member) -> None:
    """The organisation's admins, validators and site admins remove someone; anyone may leave."""
    if not (
        permissions.can_manage_members(actor, member.organisation)
        or member.user_id == getattr(actor, "pk", None)
    ):
        raise NotPermitted()
    with transaction.atomic():
        member = (
            Member.objects.select_for_update()
            .select_related("organisation", "user")
            .get(pk=member.pk)
        )
        if _is_last_admin(member):
            raise InvalidInput(_("An organisation needs at least one administrator."))
        audit_log(
            actor=actor,
            action="rabta.organisation.member.removed",
            obj=member.organisation,
            data={"user": member.user.email},
        )
        member.delete()
    permissions.forget_memberships(actor)


# --- invitations -------------------------------------------------------------------------------


def invitation_validity() -> timedelta:
    return timedelta(days=settings.RABTA_INVITATION_DAYS)


def invitation_url(key: str) -> str:
    """The link e-mailed with an invitation (``key`` is its secret, known only to the e-mail)."""
    return settings.SITE_URL.rstrip("/") + reverse("organisations:invitation_accept", args=[key])


def _issue_invitation(
    *, organisation: Organisation, email: str, role: str, language: str, invited_by
) -> Invitation:
    """Create the invitation (replacing an unused earlier one to the address) and mail it.
    The returned invitation carries its secret in ``key``, once; only its hash is stored."""
    organisation.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
    key = new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(key),
        invited_by=invited_by,
        language=language,
        expires_at=timezone.now() + invitation_validity(),
    )
    invitation.key = key
    with translation.override(language):
        expires_on = formats.date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
    queue_mail_to_user(
        user_or_email=email,
        language=language,
        subject_template="organisations/emails/invitation_subject.txt",
        body_template="organisations/emails/invitation.txt",
        context={
            "organisation_name": dict(organisation.name),
            "inviter_name": str(invited_by) if invited_by else "",
            "url": invitation_url(key),
            "expires_on": expires_on,
        },
    )
    return invitation


def invitation_send(
    *,
    actor,
    organisation: Organisation,
    email: str,
    language: str = "",
    role: str = Member.Role.REPRESENTATIVE,
) -> Invitation:
    """An admin of the organisation invites a colleague by e-mail, written in ``language``.

    The link works once, for settings.RABTA_INVITATION_DAYS days; sending is limited to
    settings.RABTA_INVITATIONS_PER_HOUR addresses an hour per person (core.throttle)."""
    if not permissions.can_manage_members(actor, organisation):
        raise NotPermitted(_("Only the organisation's administrators can invite people."))
    email = (email or "").strip()
    language = language or getattr(actor, "language", "") or settings.LANGUAGE_CODE
    errors: FieldErrors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a language from the list.")]
    if role not in Member.Role.values:
        errors["role"] = [_("Choose a role from the list.")]
    if "email" not in errors and organisation.members.filter(user__email__iexact=email).exists():
        errors["email"] = [_("This person is already a member of the organisation.")]
    if errors:
        raise InvalidInput(field_errors=errors)
    throttle_invitations(sender=actor)
    with transaction.atomic():
        invitation = _issue_invitation(
            organisation=organisation, email=email, role=role, language=language, invited_by=actor
        )
        audit_log(
            actor=actor,
            action="rabta.organisation.invitation.sent",
            obj=organisation,
            data={"email": email, "role": role},
        )
    return invitation


def invitation_get(*, token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation link is not valid. Ask for a new invitation."))
    return invitation


def invitation_problem(invitation: Invitation) -> str | None:
    """Why an invitation cannot be used any more, or None."""
    if invitation.accepted_at is not None:
        return _("This invitation has already been used.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the organisation's administrator for a new one.")
    return None


def invitation_renew(*, token: str) -> Invitation:
    """An expired link asks for a new one: a fresh invitation goes to the same address (never
    to whoever clicks), at most settings.RABTA_NEW_LINKS_PER_HOUR an hour per address."""
    invitation = invitation_get(token=token)
    if invitation.accepted_at is not None:
        raise InvalidInput(
            _("This invitation has already been used: sign in with the address it was sent to.")
        )
    if invitation.expires_at > timezone.now():
        raise InvalidInput(_("This invitation is still valid: open the link in the e-mail."))
    throttle_new_links(email=invitation.email)
    with transaction.atomic():
        return _issue_invitation(
            organisation=invitation.organisation,
            email=invitation.email,
            role=invitation.role,
            language=invitation.language,
            invited_by=invitation.invited_by,
        )


def invitation_accept(*, token: str, user) -> Member:
    """A signed-in person joins with the invitation's role; the link is used up. A stranger signs
    up first (the link's page sends them to sign-up with the address filled in and proven)."""
    if not permissions.is_signed_in(user):
        raise NotPermitted(_("Sign in or sign up to accept the invitation."))
    invitation = invitation_get(token=token)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .get(pk=invitation.pk)
        )
        problem = invitation_problem(invitation)
        if problem:
            raise InvalidInput(problem)
        member, _created = Member.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_log(
            actor=user,
            action="rabta.organisation.invitation.accepted",
            obj=invitation.organisation,
        )
    permissions.forget_memberships(user)
    return member


def invitation_revoke(*, actor, invitation: Invitation) -> None:
    if not permissions.can_manage_members(actor, invitation.organisation):
        raise NotPermitted()
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="rabta.organisation.invitation.revoked",
            obj=invitation.organisation,
            data={"email": invitation.email},
        )
        invitation.delete()
