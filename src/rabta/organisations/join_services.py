"""Asking to join an organisation, and its administrators' answer (every write).

A signed-in person asks to join an approved organisation; each of its administrators gets an
e-mail in their own language and sees the request on the organisation's people page; one of them
approves (the person becomes a representative) or refuses (with an optional reason); the person
is told in their language. A matching e-mail domain is only suggested (selectors.join_suggestions),
never trusted: every request needs an administrator's approval.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rabta.core.audit import audit_log
from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.i18n import localized
from rabta.core.mail import queue_mail_to_user
from rabta.organisations import permissions
from rabta.organisations.models import JoinRequest, Member, Organisation

MAX_MESSAGE_LENGTH = 1000
MAX_REASON_LENGTH = 2000


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _already_asked_message(organisation: Organisation) -> str:
    return _(
        "You have already asked to join %(organisation)s. Its administrators will answer soon."
    ) % {"organisation": localized(organisation.name)}


def _checked_text(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(
            field_errors={
                field: [_("Ensure this value has at most %(max)s characters.") % {"max": limit}]
            }
        )
    return value


def join_request_create(*, user, organisation: Organisation, message: str = "") -> JoinRequest:
    """Ask to join ``organisation``; its administrators are told by e-mail."""
    if not permissions.is_signed_in(user):
        raise NotPermitted(_("Sign in to ask to join an organisation."))
    message = _checked_text(message, field="message", limit=MAX_MESSAGE_LENGTH)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not organisation.is_approved:
            raise InvalidInput(
                _(
                    "%(organisation)s is not validated by an organiser yet, so it cannot take "
                    "requests to join. Ask one of its people to invite you instead."
                )
                % {"organisation": localized(organisation.name)}
            )
        if organisation.members.filter(user=user).exists():
            raise InvalidInput(
                _("You are already a member of %(organisation)s.")
                % {"organisation": localized(organisation.name)}
            )
        pending = organisation.join_requests.filter(user=user, status=JoinRequest.Status.PENDING)
        if pending.exists():
            raise InvalidInput(_already_asked_message(organisation))
        try:
            with transaction.atomic():
                join_request = JoinRequest.objects.create(
                    organisation=organisation, user=user, message=message
                )
        except IntegrityError as error:  # a concurrent second request
            raise InvalidInput(_already_asked_message(organisation)) from error
        _tell_admins(join_request)
    return join_request


def _tell_admins(join_request: JoinRequest) -> None:
    organisation = join_request.organisation
    admins = organisation.members.filter(role=Member.Role.ADMIN).select_related("user")
    context = {
        "organisation_name": dict(organisation.name),
        "requester_name": str(join_request.user),
        "requester_email": join_request.user.email,
        "message": join_request.message,
        "url": _absolute(reverse("organisations:manage", args=[organisation.slug])),
    }
    for admin in admins:
        queue_mail_to_user(
            user_or_email=admin.user,
            subject_template="organisations/emails/join_request_subject.txt",
            body_template="organisations/emails/join_request.txt",
            context=context,
        )


def _tell_requester(join_request: JoinRequest, decision: str) -> None:
    organisation = join_request.organisation
    path = (
        reverse("organisations:manage", args=[organisation.slug])
        if decision == "approved"
        else reverse("organisations:mine")
    )
    queue_mail_to_user(
        user_or_email=join_request.user,
        subject_template=f"organisations/emails/join_{decision}_subject.txt",
        body_template=f"organisations/emails/join_{decision}.txt",
        context={
            "organisation_name": dict(organisation.name),
            "reason": join_request.reason,
            "url": _absolute(path),
        },
    )


def _pending_locked(join_request: JoinRequest) -> JoinRequest:
    current = (
        JoinRequest.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=join_request.pk)
    )
    if current.status != JoinRequest.Status.PENDING:
        raise InvalidInput(_("This request has already been answered."))
    return current


def _decide(current: JoinRequest, *, actor, status: str, reason: str = "") -> None:
    current.status = status
    current.reason = reason
    current.decided_by = actor
    current.decided_at = timezone.now()
    current.save(update_fields=["status", "reason", "decided_by", "decided_at"])


def join_request_approve(*, actor, join_request: JoinRequest) -> Member:
    """An administrator of the organisation (or an organiser) lets the person in."""
    if not permissions.can_manage_members(actor, join_request.organisation):
        raise NotPermitted(_("Only the organisation's administrators can answer join requests."))
    with transaction.atomic():
        current = _pending_locked(join_request)
        member, _created = Member.objects.get_or_create(
            organisation=current.organisation,
            user=current.user,
            defaults={"role": Member.Role.REPRESENTATIVE},
        )
        _decide(current, actor=actor, status=JoinRequest.Status.APPROVED)
        audit_log(
            actor=actor,
            action="rabta.organisation.join_request.approved",
            obj=current.organisation,
            data={"user": current.user.email},
        )
        _tell_requester(current, "approved")
    permissions.forget_memberships(current.user)
    return member


def join_request_refuse(*, actor, join_request: JoinRequest, reason: str = "") -> JoinRequest:
    """An administrator of the organisation (or an organiser) says no, optionally saying why."""
    if not permissions.can_manage_members(actor, join_request.organisation):
        raise NotPermitted(_("Only the organisation's administrators can answer join requests."))
    reason = _checked_text(reason, field="reason", limit=MAX_REASON_LENGTH)
    with transaction.atomic():
        current = _pending_locked(join_request)
        _decide(current, actor=actor, status=JoinRequest.Status.REFUSED, reason=reason)
        audit_log(
            actor=actor,
            action="rabta.organisation.join_request.refused",
            obj=current.organisation,
            data={"user": current.user.email, "reason": reason},
        )
        _tell_requester(current, "refused")
    return current


def join_request_withdraw(*, user, join_request: JoinRequest) -> JoinRequest:
    """The person who asked takes the request back while it waits."""
    if not permissions.is_signed_in(user) or join_request.user_id != user.pk:
        raise NotPermitted()
    with transaction.atomic():
        current = _pending_locked(join_request)
        _decide(current, actor=user, status=JoinRequest.Status.WITHDRAWN)
    return current
