import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rabta.core.models import AuditEntry
from rabta.organisations.models import Invitation, Member, Organisation
from tests.factories import MemberFactory, OrganisationFactory, UserFactory
from tests.organisations.conftest import png_bytes

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(**overrides):
    data = {
        "name_en": "Sialkot Sports",
        "name_ru": "",
        "name_ur": "سیالکوٹ اسپورٹس",
        "kind": "company",
        "country": "PK",
        "city": "Sialkot",
        "sectors": ["sports-goods", "leather-goods"],
        "hs_codes": "9506, 4203",
        "description_en": "Footballs.",
        "description_ru": "",
        "description_ur": "",
        "website": "",
        "email": "",
        "phone": "",
    }
    data.update(overrides)
    return data


# --- directory -----------------------------------------------------------------------------


def test_directory_lists_approved_organisations_with_filters(client, organisation):
    OrganisationFactory(name={"en": "Hidden Pending"}, validation=Organisation.Validation.PENDING)
    response = client.get(reverse("organisations:directory"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sialkot Surgical Works" in page
    assert "Hidden Pending" not in page
    assert 'name="q"' in page and 'name="sector"' in page and 'name="hs"' in page


def test_directory_free_text_and_htmx_partial(client, organisation):
    OrganisationFactory(name={"en": "Ural Buyers"}, country="RU")
    response = client.get(
        reverse("organisations:directory"), {"q": "сиалкот"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "Sialkot Surgical Works" in page
    assert "Ural Buyers" not in page
    assert "<html" not in page  # only the results


def test_directory_query_count_is_constant(client, django_assert_max_num_queries, settings):
    settings.RABTA_PAGE_SIZE = 20
    for _n in range(25):
        OrganisationFactory().sectors.set([1, 2])
    with django_assert_max_num_queries(6):
        response = client.get(reverse("organisations:directory"), {"q": "company", "country": "PK"})
    assert response.status_code == 200
    assert 'rel="next"' in response.content.decode()


def test_validator_sees_pending_with_a_badge(client, validator):
    OrganisationFactory(name={"en": "Waiting Ltd"}, validation=Organisation.Validation.PENDING)
    page = signed_in(client, validator).get(reverse("organisations:directory")).content.decode()
    assert "Waiting Ltd" in page
    assert "badge--pending" in page


# --- profile page --------------------------------------------------------------------------


def test_profile_shows_public_people_and_hs_labels_but_no_contacts(
    client, organisation, admin_member
):
    MemberFactory(
        organisation=organisation, user=UserFactory(full_name="Hidden Person"), is_public=False
    )
    admin_member.position = {"en": "Export manager"}
    admin_member.save()
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert "Aisha Admin" in page and "Export manager" in page
    assert "Hidden Person" not in page
    assert "9018 — chapter 90: Optical" in page
    assert "contact@ssw.example" not in page
    assert "+92 52 1234567" not in page
    assert admin_member.user.email not in page


@pytest.mark.parametrize(
    ("who", "sees_contacts"),
    [
        ("other_participant", False),
        ("admin_member", True),
        ("validator", True),
        ("site_admin", True),
    ],
)
def test_contact_details_by_role(client, organisation, who, sees_contacts, request):
    user = request.getfixturevalue(who)
    user = user.user if isinstance(user, Member) else user
    page = (
        signed_in(client, user)
        .get(reverse("organisations:detail", args=[organisation.slug]))
        .content.decode()
    )
    assert ("contact@ssw.example" in page) is sees_contacts
    assert ("+92 52 1234567" in page) is sees_contacts


def test_description_falls_back_with_a_note(client, organisation):
    organisation.description = {"ru": "Хирургические инструменты"}
    organisation.save()
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert "Хирургические инструменты" in page
    assert "Shown in Russian: not available in your language." in page
    assert 'lang="ru"' in page


def test_pending_profile_is_hidden_from_the_public(client):
    pending = OrganisationFactory(validation=Organisation.Validation.PENDING)
    assert client.get(reverse("organisations:detail", args=[pending.slug])).status_code == 404


# --- register and edit ---------------------------------------------------------------------------


def test_register_an_organisation(client):
    user = UserFactory()
    response = signed_in(client, user).post(reverse("organisations:register"), form_data())
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organisations:manage", args=[organisation.slug])
    assert organisation.name == {"en": "Sialkot Sports", "ur": "سیالکوٹ اسپورٹس"}
    assert sorted(s.code for s in organisation.sectors.all()) == ["leather-goods", "sports-goods"]
    assert organisation.validation == Organisation.Validation.PENDING
    assert organisation.members.get().user == user


def test_register_requires_sign_in(client):
    response = client.get(reverse("organisations:register"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_register_shows_a_message_per_bad_hs_code_and_saves_nothing(client):
    response = signed_in(client, UserFactory()).post(
        reverse("organisations:register"), form_data(hs_codes="9506, 12x, 7700")
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "“12x” is not an HS code" in page
    assert "chapter 77 does not exist" in page
    assert Organisation.objects.count() == 0


def test_register_refuses_a_duplicate_name_in_the_same_country(client):
    OrganisationFactory(name={"en": "Sialkot Sports"}, country="PK")
    response = signed_in(client, UserFactory()).post(reverse("organisations:register"), form_data())
    assert response.status_code == 422
    assert (
        "An organisation with this name already exists in this country."
        in response.content.decode()
    )
    assert Organisation.objects.count() == 1


def test_edit_with_logo(client, organisation, admin_member):
    data = form_data(
        name_en="Sialkot Surgical Works", sectors=["surgical-medical-instruments"], hs_codes="9018"
    )
    data["logo"] = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = signed_in(client, admin_member.user).post(
        reverse("organisations:edit", args=[organisation.slug]), data
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert organisation.logo.url in page


def test_edit_refuses_a_text_file_as_logo(client, organisation, admin_member):
    data = form_data(name_en="Sialkot Surgical Works")
    data["logo"] = SimpleUploadedFile("logo.png", b"plain text", content_type="image/png")
    response = signed_in(client, admin_member.user).post(
        reverse("organisations:edit", args=[organisation.slug]), data
    )
    assert response.status_code == 422
    assert "The logo must be a PNG, JPEG, WebP or GIF image." in response.content.decode()


def test_edit_is_forbidden_to_others(client, organisation, not_its_administrator):
    user = not_its_administrator
    assert (
        signed_in(client, user)
        .get(reverse("organisations:edit", args=[organisation.slug]))
        .status_code
        == 403
    )


# --- people and invitations ------------------------------------------------------------------


def test_manage_page_lists_members_and_sends_an_invitation(
    client, organisation, admin_member, django_capture_on_commit_callbacks
):
    signed_in(client, admin_member.user)
    url = reverse("organisations:manage", args=[organisation.slug])
    assert "Aisha Admin" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "colleague@example.org", "language": "ur", "role": "representative"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.language == "ur"
    assert mail.outbox[0].to == ["colleague@example.org"]
    assert "colleague@example.org" in client.get(url).content.decode()


def test_invitation_link_works_for_a_new_person(
    client, organisation, admin_member, django_capture_on_commit_callbacks
):
    signed_in(client, admin_member.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisations:manage", args=[organisation.slug]),
            {"email": "new@example.org", "language": "en", "role": "representative"},
        )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invitations/" in line)
    path = link.strip().removeprefix("https://rabta.example")
    client.logout()
    # A stranger goes to sign-up with the invited address filled in, and back to the link.
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_signup"))
    signup = client.get(response.url)
    assert signup.context["form"]["email"].value() == "new@example.org"
    landed = client.post(
        response.url,
        {
            "full_name": "Nadia New",
            "email": "new@example.org",
            "password1": "Nadia-new-2026-x",
            "password2": "Nadia-new-2026-x",
        },
        follow=True,
    )
    # The link proved the address: signed in at once, on the invitation's page.
    assert landed.redirect_chain[-1][0] == path
    assert landed.context["user"].email == "new@example.org"
    joined = client.post(path)
    assert joined.status_code == 302
    member = organisation.members.get(user__email="new@example.org")
    assert member.user.full_name == "Nadia New"
    assert client.get(joined.url).status_code == 200
    # The link cannot be used twice.
    client.logout()
    assert client.get(path).status_code == 410


def test_invitation_accept_by_a_signed_in_user(
    client, organisation, admin_member, other_participant
):
    from rabta.organisations import services

    invitation = services.invitation_send(
        actor=admin_member.user, organisation=organisation, email=other_participant.email
    )
    signed_in(client, other_participant)
    response = client.post(reverse("organisations:invitation_accept", args=[invitation.key]))
    assert response.status_code == 302
    assert organisation.members.filter(user=other_participant).exists()


def test_member_edit_stores_languages_on_the_user(client, organisation, admin_member):
    url = reverse("organisations:member_edit", args=[organisation.slug, admin_member.pk])
    response = signed_in(client, admin_member.user).post(
        url,
        {
            "position_en": "Director",
            "position_ru": "Директор",
            "position_ur": "",
            "spoken_languages": ["ur", "ru"],
            "is_public": "on",
            "role": "admin",
        },
    )
    assert response.status_code == 302
    admin_member.user.refresh_from_db()
    admin_member.refresh_from_db()
    assert admin_member.user.spoken_languages == [
        "ru",
        "ur",
    ] or admin_member.user.spoken_languages == ["ur", "ru"]
    assert admin_member.position == {"en": "Director", "ru": "Директор"}


def test_member_remove(client, organisation, admin_member):
    representative = MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)
    url = reverse("organisations:member_remove", args=[organisation.slug, representative.pk])
    assert signed_in(client, admin_member.user).post(url).status_code == 302
    assert not Member.objects.filter(pk=representative.pk).exists()


def test_mine_without_membership_offers_registration(client):
    page = signed_in(client, UserFactory()).get(reverse("organisations:mine")).content.decode()
    assert reverse("organisations:register") in page


def test_mine_with_one_membership_goes_to_it(client, organisation, admin_member):
    response = signed_in(client, admin_member.user).get(reverse("organisations:mine"))
    assert response.url == reverse("organisations:manage", args=[organisation.slug])


# --- validation queue ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin_member", "other_participant"])
def test_validation_queue_is_for_validators_only(client, who, request):
    user = request.getfixturevalue(who)
    user = user.user if isinstance(user, Member) else user
    assert signed_in(client, user).get(reverse("organisations:validation_queue")).status_code == 403


def test_anonymous_is_sent_to_log_in_for_the_queue(client):
    assert client.get(reverse("organisations:validation_queue")).status_code == 302


def test_validator_approves_and_rejects_from_the_queue(client, validator):
    first = OrganisationFactory(name={"en": "First"}, validation=Organisation.Validation.PENDING)
    second = OrganisationFactory(name={"en": "Second"}, validation=Organisation.Validation.PENDING)
    signed_in(client, validator)
    page = client.get(reverse("organisations:validation_queue")).content.decode()
    assert "First" in page and "Second" in page and "badge--pending" in page
    client.post(reverse("organisations:approve", args=[first.slug]))
    response = client.post(reverse("organisations:reject", args=[second.slug]), {"reason": ""})
    assert response.status_code == 422
    client.post(
        reverse("organisations:reject", args=[second.slug]), {"reason": "Not a real company."}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.validation, second.validation) == ("approved", "rejected")
    assert second.rejection_reason == "Not a real company."
    assert AuditEntry.objects.filter(actor=validator).count() == 2


def test_participant_cannot_approve(client, organisation, admin_member):
    pending = OrganisationFactory(validation=Organisation.Validation.PENDING)
    response = signed_in(client, admin_member.user).post(
        reverse("organisations:approve", args=[pending.slug])
    )
    assert response.status_code == 403


def test_urdu_pages_render(client, organisation):
    client.cookies["rabta_language"] = "ur"
    for url in (
        reverse("organisations:directory"),
        reverse("organisations:detail", args=[organisation.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert 'dir="rtl"' in response.content.decode()


def test_hs_code_errors_show_with_the_other_form_errors(client):
    response = signed_in(client, UserFactory()).post(
        reverse("organisations:register"),
        form_data(name_en="", name_ur="", hs_codes="12x", city="x" * 120),
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "This field is required." in page
    assert "“12x” is not an HS code" in page
    assert "at most 100 characters" in page
    assert Organisation.objects.count() == 0


def test_htmx_history_restore_gets_the_whole_page(client, organisation):
    response = client.get(
        reverse("organisations:directory"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()
