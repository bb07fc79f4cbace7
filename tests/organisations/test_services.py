from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rabta.core.exceptions import InvalidInput, NotFound, NotPermitted
from rabta.core.models import AuditEntry
from rabta.organisations import services
from rabta.organisations.models import Invitation, Member, Organisation
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    SectorFactory,
    UserFactory,
)
from tests.organisations.conftest import png_bytes

pytestmark = pytest.mark.django_db

VALID = {
    "name": {"en": "Sialkot Sports", "ur": "سیالکوٹ اسپورٹس"},
    "kind": "company",
    "country": "PK",
    "city": "Sialkot",
    "sectors": ["sports-goods"],
    "hs_codes": "9506, 950662",
    "description": {"en": "Hand-stitched footballs."},
    "website": "https://sialkot-sports.example",
}


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.field_errors


# --- create ---------------------------------------------------------------------------------


def test_create_makes_the_user_its_admin_and_waits_for_validation():
    user = UserFactory()
    organisation = services.organisation_create(user=user, data=VALID)
    assert organisation.validation == Organisation.Validation.PENDING
    assert organisation.slug == "sialkot-sports"
    assert organisation.hs_codes == ["9506", "950662"]
    assert [s.code for s in organisation.sectors.all()] == ["sports-goods"]
    assert organisation.members.get().user == user
    assert organisation.members.get().role == Member.Role.ADMIN
    assert "sports goods" in Organisation.objects.get().search_text


def test_anonymous_cannot_create():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotPermitted):
        services.organisation_create(user=AnonymousUser(), data=VALID)


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"hs_codes": "9018, 12a4, 7700"}, "hs_codes", "12a4"),
        ({"sectors": ["sports-goods", "space-mining"]}, "sectors", "space-mining"),
        ({"city": "x" * 101}, "city", "at most 100 characters"),
        ({"name": {"en": "x" * 201}}, "name", "at most 200"),
        ({"name": {}}, "name", "at least one language"),
        ({"name": {"de": "Firma"}}, "name", "Unknown language"),
        ({"country": "XX"}, "country", "not a country code"),
        ({"kind": "pirate"}, "kind", "not a valid choice"),
        ({"website": "not a url"}, "website", "valid URL"),
        ({"email": "nobody"}, "email", "valid email"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(change, field, fragment):
    user = UserFactory()
    errors = errors_of(lambda: services.organisation_create(user=user, data={**VALID, **change}))
    assert field in errors
    assert any(fragment in message for message in errors[field]), errors
    assert Organisation.objects.count() == 0
    assert Member.objects.count() == 0


def test_each_bad_hs_code_gets_its_own_message():
    errors = errors_of(
        lambda: services.organisation_create(
            user=UserFactory(), data={**VALID, "hs_codes": "9018, 12a4, 7701"}
        )
    )
    assert len(errors["hs_codes"]) == 2
    assert "“12a4” is not an HS code" in errors["hs_codes"][0]
    assert "chapter 77 does not exist" in errors["hs_codes"][1]


def test_a_pasted_page_of_bad_hs_codes_gets_a_few_short_messages():
    """Thousands of bad codes, or one 10,000-digit code, give a handful of short messages (the
    form answered with 3,000 copies of one message, 300 KB, or quoted the 10,000 digits back)."""
    errors = errors_of(
        lambda: services.organisation_create(
            user=UserFactory(),
            data={**VALID, "hs_codes": "x " * 3000 + " ".join(f"a{n}" for n in range(10))},
        )
    )
    assert errors["hs_codes"] == [
        "“x” is not an HS code: use 2, 4 or 6 digits, e.g. 90, 9018 or 901890.",
        *(
            f"“a{n}” is not an HS code: use 2, 4 or 6 digits, e.g. 90, 9018 or 901890."
            for n in range(4)
        ),
        "6 more codes are not HS codes.",
    ]
    errors = errors_of(
        lambda: services.organisation_create(
            user=UserFactory(), data={**VALID, "hs_codes": "1" * 10000}
        )
    )
    [message] = errors["hs_codes"]
    assert message.startswith("“1111111111111111111…” is not an HS code") and len(message) < 100


def test_duplicate_name_in_the_same_country_is_refused():
    OrganisationFactory(name={"en": "Sialkot Sports"}, country="PK")
    errors = errors_of(
        lambda: services.organisation_create(
            user=UserFactory(), data={**VALID, "name": {"en": "  SIALKOT sports "}}
        )
    )
    assert errors["name"] == ["An organisation with this name already exists in this country."]
    assert Organisation.objects.count() == 1
    assert Member.objects.count() == 0


def test_same_name_in_another_country_is_fine():
    OrganisationFactory(name={"en": "Sialkot Sports"}, country="RU")
    assert services.organisation_create(user=UserFactory(), data=VALID).country == "PK"


# --- update, sectors, HS codes, logo --------------------------------------------------------


def test_admin_member_updates_the_profile(admin_member, organisation):
    updated = services.organisation_update(
        actor=admin_member.user,
        organisation=organisation,
        data={
            "city": "Lahore",
            "sectors": ["surgical-medical-instruments"],
            "hs_codes": ["9018", "9019"],
        },
    )
    organisation.refresh_from_db()
    assert (organisation.city, organisation.hs_codes) == ("Lahore", ["9018", "9019"])
    assert [s.code for s in updated.sectors.all()] == ["surgical-medical-instruments"]
    assert "lahore" in organisation.search_text
    assert "хирургические" in organisation.search_text


def test_failed_update_changes_nothing(admin_member, organisation):
    errors_of(
        lambda: services.organisation_update(
            actor=admin_member.user,
            organisation=organisation,
            data={"city": "Lahore", "hs_codes": "99999"},
        )
    )
    organisation.refresh_from_db()
    assert organisation.city == "Sialkot"
    assert organisation.hs_codes == ["9018"]


def test_renaming_onto_another_organisations_name_is_refused(admin_member, organisation):
    OrganisationFactory(name={"en": "Taken Name"}, country="PK")
    errors = errors_of(
        lambda: services.organisation_update(
            actor=admin_member.user, organisation=organisation, data={"name": {"en": "taken name"}}
        )
    )
    assert "name" in errors


def test_set_sectors_and_hs_codes(admin_member, organisation):
    services.organisation_set_sectors(
        actor=admin_member.user, organisation=organisation, sectors=["cutlery", "energy"]
    )
    services.organisation_set_hs_codes(
        actor=admin_member.user, organisation=organisation, hs_codes="8211; 8215"
    )
    organisation.refresh_from_db()
    assert sorted(s.code for s in organisation.sectors.all()) == ["cutlery", "energy"]
    assert organisation.hs_codes == ["8211", "8215"]


def test_logo_upload(admin_member, organisation):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    services.organisation_set_logo(actor=admin_member.user, organisation=organisation, logo=logo)
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/")


def test_a_text_file_named_png_is_not_a_logo(admin_member, organisation):
    fake = SimpleUploadedFile("logo.png", b"this is not an image", content_type="image/png")
    errors = errors_of(
        lambda: services.organisation_set_logo(
            actor=admin_member.user, organisation=organisation, logo=fake
        )
    )
    assert errors["logo"] == ["The logo must be a PNG, JPEG, WebP or GIF image."]
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_too_big_logo_is_refused(admin_member, organisation, settings):
    settings.RABTA_LOGO_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile(
        "logo.png", png_bytes() + b"\0" * (1024 * 1024 + 1), content_type="image/png"
    )
    errors = errors_of(
        lambda: services.organisation_set_logo(
            actor=admin_member.user, organisation=organisation, logo=big
        )
    )
    assert "at most 1 MB" in errors["logo"][0]


@pytest.mark.parametrize("who", ["stranger", "representative", "other_participant"])
def test_others_cannot_update(who, organisation, other_participant):
    actor = {
        "stranger": lambda: UserFactory(),
        "representative": lambda: (
            MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE).user
        ),
        "other_participant": lambda: other_participant,
    }[who]()
    with pytest.raises(NotPermitted):
        services.organisation_update(
            actor=actor, organisation=organisation, data={"city": "Karachi"}
        )


def test_validator_update_is_audited(validator, organisation):
    services.organisation_update(
        actor=validator, organisation=organisation, data={"city": "Karachi"}
    )
    entry = AuditEntry.objects.get(action="rabta.organisation.updated")
    assert entry.actor == validator
    assert entry.data == {"fields": ["city"]}


# --- approve and reject ----------------------------------------------------------------------


def test_approve_is_audited_and_mails_the_admins_in_their_language(
    validator, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(
        name={"en": "Ural Machines", "ru": "Уральские машины"},
        validation=Organisation.Validation.PENDING,
    )
    russian = MemberFactory(
        organisation=organisation, user=UserFactory(language="ru", email="ivan@ural.example")
    ).user
    MemberFactory(
        organisation=organisation, role=Member.Role.REPRESENTATIVE
    )  # not an admin: no e-mail
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_approve(actor=validator, organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.validation == Organisation.Validation.APPROVED
    assert (organisation.validated_by, organisation.rejection_reason) == (validator, "")
    assert (
        AuditEntry.objects.filter(action="rabta.organisation.approved", actor=validator).count()
        == 1
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [russian.email]
    # Rendered in Russian: the organisation's Russian name, and the HTML part's lang attribute.
    assert "Уральские машины" in message.subject
    assert 'lang="ru"' in message.alternatives[0][0]
    assert "https://rabta.example/organisations/" in message.body


def test_reject_needs_a_reason(validator, organisation):
    errors = errors_of(
        lambda: services.organisation_reject(
            actor=validator, organisation=organisation, reason="  "
        )
    )
    assert "reason" in errors
    organisation.refresh_from_db()
    assert organisation.validation == Organisation.Validation.APPROVED


def test_reject_keeps_the_reason_and_mails_it(
    site_admin, admin_member, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_reject(
            actor=site_admin, organisation=organisation, reason="Add HS codes, please."
        )
    organisation.refresh_from_db()
    assert organisation.validation == Organisation.Validation.REJECTED
    assert organisation.rejection_reason == "Add HS codes, please."
    assert AuditEntry.objects.get(action="rabta.organisation.rejected").data == {
        "reason": "Add HS codes, please."
    }
    assert mail.outbox[0].to == [admin_member.user.email]
    assert "Add HS codes, please." in mail.outbox[0].body


def test_only_validators_and_site_admins_validate(admin_member, organisation):
    with pytest.raises(NotPermitted):
        services.organisation_approve(actor=admin_member.user, organisation=organisation)
    with pytest.raises(NotPermitted):
        services.organisation_reject(
            actor=admin_member.user, organisation=organisation, reason="no"
        )


# --- people ------------------------------------------------------------------------------------


def test_member_updates_their_position_languages_and_visibility(admin_member):
    member = services.member_update(
        actor=admin_member.user,
        member=admin_member,
        position={"en": "Export manager", "ru": "Менеджер по экспорту"},
        spoken_languages=["ur", "en", "ru"],
        is_public=False,
    )
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.position == {"en": "Export manager", "ru": "Менеджер по экспорту"}
    assert member.user.spoken_languages == ["ur", "en", "ru"]
    assert member.is_public is False


def test_unknown_spoken_language_is_refused(admin_member):
    errors = errors_of(
        lambda: services.member_update(
            actor=admin_member.user, member=admin_member, spoken_languages=["xx"]
        )
    )
    assert "spoken_languages" in errors


def test_representative_cannot_edit_someone_else(organisation, admin_member):
    representative = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)
    with pytest.raises(NotPermitted):
        services.member_update(actor=representative.user, member=admin_member, is_public=False)


def test_the_last_admin_cannot_be_demoted_or_removed(admin_member):
    assert "role" in errors_of(
        lambda: services.member_update(
            actor=admin_member.user, member=admin_member, role=Member.Role.REPRESENTATIVE
        )
    )
    with pytest.raises(InvalidInput):
        services.member_remove(actor=admin_member.user, member=admin_member)


def test_admin_removes_a_member(organisation, admin_member):
    representative = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)
    services.member_remove(actor=admin_member.user, member=representative)
    assert list(organisation.members.all()) == [admin_member]


# --- invitations --------------------------------------------------------------------------------


def test_invitation_is_mailed_in_the_chosen_language(
    admin_member, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            actor=admin_member.user,
            organisation=organisation,
            email="new@ural.example",
            language="ru",
        )
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@ural.example"]
    assert "Сиалкот Сёрджикал" in message.subject
    assert f"https://rabta.example/organisations/invitations/{invitation.key}/" in message.body
    assert 'lang="ru"' in message.alternatives[0][0]


def test_only_admins_invite(organisation, other_participant):
    representative = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)
    for actor in (representative.user, other_participant):
        with pytest.raises(NotPermitted):
            services.invitation_send(
                actor=actor, organisation=organisation, email="x@example.org", language="en"
            )


def test_inviting_a_member_again_is_refused(admin_member, organisation):
    errors = errors_of(
        lambda: services.invitation_send(
            actor=admin_member.user,
            organisation=organisation,
            email=admin_member.user.email.upper(),
            language="en",
        )
    )
    assert "email" in errors


def test_accepting_needs_a_signed_in_person(admin_member, organisation):
    from django.contrib.auth.models import AnonymousUser

    invitation = services.invitation_send(
        actor=admin_member.user, organisation=organisation, email="new@example.org"
    )
    with pytest.raises(NotPermitted):
        services.invitation_accept(token=invitation.key, user=AnonymousUser())
    assert not Member.objects.filter(user__email="new@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_signed_in_user_joins(admin_member, organisation, other_participant):
    invitation = services.invitation_send(
        actor=admin_member.user, organisation=organisation, email=other_participant.email
    )
    member = services.invitation_accept(token=invitation.key, user=other_participant)
    assert member.user == other_participant
    assert other_participant.memberships.count() == 2


def test_expired_used_and_unknown_invitations(admin_member, organisation):
    invitation = services.invitation_send(
        actor=admin_member.user, organisation=organisation, email="late@example.org"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    late = UserFactory(email="late@example.org")
    with pytest.raises(InvalidInput, match="expired"):
        services.invitation_accept(token=invitation.key, user=late)
    with pytest.raises(NotFound):
        services.invitation_accept(token="nonsense", user=late)
    fresh = services.invitation_send(
        actor=admin_member.user, organisation=organisation, email="late@example.org"
    )
    services.invitation_accept(token=fresh.key, user=late)
    with pytest.raises(InvalidInput, match="already been used"):
        services.invitation_accept(token=fresh.key, user=UserFactory())


def test_sector_factory_still_works_alongside_the_seeded_taxonomy():
    assert SectorFactory(code="extra").name == {"en": "Extra"}
