"""Joining an existing organisation: the request, the administrators' answer, pages and API."""

import pytest
from django.core import mail
from django.urls import reverse

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.models import AuditEntry
from rabta.organisations import join_services, selectors
from rabta.organisations.models import JoinRequest, Member, Organisation
from tests.factories import MemberFactory, OrganisationFactory, UserFactory
from tests.organisations.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(db):
    """An approved company with two administrators (one reads Russian) and a representative."""
    organisation = OrganisationFactory(
        name={"en": "Indus Surgical Works", "ru": "Индус Сёрджикал", "ur": "انڈس سرجیکل"},
        website="https://www.indus-surgical.example/about",
        email="info@indus-surgical.example",
    )
    MemberFactory(organisation=organisation, user=UserFactory(language="ur", full_name="Bilal"))
    MemberFactory(organisation=organisation, user=UserFactory(language="ru", full_name="Olga"))
    MemberFactory(organisation=organisation, role=Member.Role.REPRESENTATIVE)
    return organisation


@pytest.fixture
def newcomer(db):
    return UserFactory(email="hamza@indus-surgical.example", full_name="Hamza", language="ur")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is queued for after the commit (the e-mails) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def admins_of(organisation):
    return [m.user for m in organisation.members.filter(role=Member.Role.ADMIN)]


# --- services -----------------------------------------------------------------------------------


def test_a_request_tells_each_administrator_in_their_language(company, newcomer, committed):
    with committed():
        join_request = join_services.join_request_create(
            user=newcomer, organisation=company, message="Export manager since 2019."
        )
    assert join_request.status == JoinRequest.Status.PENDING
    assert not company.members.filter(user=newcomer).exists()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted(user.email for user in admins_of(company))
    urdu, russian = (by_address[user.email] for user in admins_of(company))
    assert "انڈس سرجیکل" in urdu.subject and "Hamza" in urdu.subject
    assert "Индус Сёрджикал" in russian.subject
    assert "Export manager since 2019." in russian.body
    assert "hamza@indus-surgical.example" in russian.body
    assert "https://rabta.example" + reverse("organisations:manage", args=[company.slug]) in (
        russian.body
    )


def test_approval_makes_a_representative_and_tells_the_requester_in_their_language(
    company, newcomer, committed
):
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    admin = admins_of(company)[0]
    with committed():
        member = join_services.join_request_approve(actor=admin, join_request=join_request)
    assert member.role == Member.Role.REPRESENTATIVE and member.user == newcomer
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == admin
    [message] = mail.outbox
    assert message.to == [newcomer.email]
    assert "انڈس سرجیکل" in message.subject
    assert AuditEntry.objects.filter(action="rabta.organisation.join_request.approved").exists()


def test_refusal_gives_the_reason_and_creates_no_member(company, newcomer, committed):
    newcomer.language = "ru"
    newcomer.save()
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    with committed():
        join_services.join_request_refuse(
            actor=admins_of(company)[0], join_request=join_request, reason="Мы вас не знаем."
        )
    assert not company.members.filter(user=newcomer).exists()
    [message] = mail.outbox
    assert "Мы вас не знаем." in message.body
    assert "Индус Сёрджикал" in message.subject


def test_an_answered_request_cannot_be_answered_again(company, newcomer):
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    admin = admins_of(company)[0]
    join_services.join_request_refuse(actor=admin, join_request=join_request)
    with pytest.raises(InvalidInput, match="already been answered"):
        join_services.join_request_approve(actor=admin, join_request=join_request)
    assert not company.members.filter(user=newcomer).exists()


def test_a_representative_or_a_stranger_cannot_answer(company, newcomer):
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    representative = company.members.get(role=Member.Role.REPRESENTATIVE).user
    for someone in (representative, newcomer, UserFactory()):
        with pytest.raises(NotPermitted):
            join_services.join_request_approve(actor=someone, join_request=join_request)
        with pytest.raises(NotPermitted):
            join_services.join_request_refuse(actor=someone, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_a_second_pending_request_is_refused_with_nothing_written(company, newcomer, committed):
    join_services.join_request_create(user=newcomer, organisation=company)
    with committed(), pytest.raises(InvalidInput, match="already asked to join Indus Surgical"):
        join_services.join_request_create(user=newcomer, organisation=company)
    assert JoinRequest.objects.count() == 1
    assert mail.outbox == []


def test_after_a_refusal_a_new_request_is_possible(company, newcomer):
    first = join_services.join_request_create(user=newcomer, organisation=company)
    join_services.join_request_refuse(actor=admins_of(company)[0], join_request=first)
    second = join_services.join_request_create(user=newcomer, organisation=company)
    assert second.pk != first.pk and second.status == JoinRequest.Status.PENDING


def test_a_member_cannot_ask_to_join(company):
    representative = company.members.get(role=Member.Role.REPRESENTATIVE).user
    with pytest.raises(InvalidInput, match="already a member"):
        join_services.join_request_create(user=representative, organisation=company)
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize(
    "validation", [Organisation.Validation.PENDING, Organisation.Validation.REJECTED]
)
def test_an_organisation_not_validated_takes_no_requests(newcomer, validation, committed):
    organisation = OrganisationFactory(validation=validation)
    MemberFactory(organisation=organisation)
    with committed(), pytest.raises(InvalidInput, match="not validated"):
        join_services.join_request_create(user=newcomer, organisation=organisation)
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_a_too_long_message_is_refused(company, newcomer):
    with pytest.raises(InvalidInput) as caught:
        join_services.join_request_create(user=newcomer, organisation=company, message="x" * 1001)
    assert "at most 1000" in caught.value.field_errors["message"][0]
    assert not JoinRequest.objects.exists()


def test_the_requester_withdraws_and_nobody_else_can(company, newcomer):
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    with pytest.raises(NotPermitted):
        join_services.join_request_withdraw(user=admins_of(company)[0], join_request=join_request)
    join_services.join_request_withdraw(user=newcomer, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.WITHDRAWN


# --- the e-mail domain is a suggestion only --------------------------------------------------


def test_the_email_domain_suggests_the_organisation(company, newcomer):
    OrganisationFactory(website="https://not-indus-surgical.example.com")
    assert selectors.join_suggestions(newcomer) == [company]


def test_a_matching_domain_does_not_make_a_member(company, newcomer):
    join_services.join_request_create(user=newcomer, organisation=company)
    assert not company.members.filter(user=newcomer).exists()
    # Asked already: no longer suggested nor offered in the search.
    assert selectors.join_suggestions(newcomer) == []
    assert selectors.joinable_organisations(query="indus", user=newcomer) == []


def test_public_mail_domains_and_members_get_no_suggestion(company):
    OrganisationFactory(website="https://gmail.com")
    assert selectors.join_suggestions(UserFactory(email="someone@gmail.com")) == []
    representative = company.members.get(role=Member.Role.REPRESENTATIVE).user
    representative.email = "rep@indus-surgical.example"
    representative.save()
    assert selectors.join_suggestions(representative) == []


def test_an_unvalidated_organisation_is_never_suggested(newcomer):
    OrganisationFactory(
        website="https://indus-surgical.example", validation=Organisation.Validation.PENDING
    )
    assert selectors.join_suggestions(newcomer) == []


# --- pages ----------------------------------------------------------------------------------------


def test_the_join_page_suggests_and_sends_the_request(client, company, newcomer, committed):
    client.force_login(newcomer)
    page = client.get(reverse("organisations:join"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "indus-surgical.example" in text and "انڈس سرجیکل" in text
    with committed():
        response = client.post(
            reverse("organisations:join"),
            {"organisation": company.slug, "message": "میں برآمدات دیکھتا ہوں۔"},
            follow=True,
        )
    assert response.status_code == 200
    assert JoinRequest.objects.get().message == "میں برآمدات دیکھتا ہوں۔"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in admins_of(company))


def test_the_search_finds_validated_organisations_only(client, newcomer):
    OrganisationFactory(name={"en": "Ural Medical Buyers"}, slug="ural-medical")
    OrganisationFactory(
        name={"en": "Ural Pending Traders"}, validation=Organisation.Validation.PENDING
    )
    client.force_login(newcomer)
    text = client.get(reverse("organisations:join"), {"q": "ural"}).content.decode()
    assert "Ural Medical Buyers" in text and "Ural Pending Traders" not in text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "You have already asked to join"),
        ("ru", "Вы уже попросили принять вас в"),
        ("ur", "آپ پہلے ہی"),
    ],
)
def test_a_second_request_on_the_page_says_so_in_the_readers_language(
    client, company, newcomer, language, text
):
    newcomer.language = language
    newcomer.save()
    client.force_login(newcomer)
    client.post(reverse("organisations:join"), {"organisation": company.slug})
    response = client.post(reverse("organisations:join"), {"organisation": company.slug})
    assert response.status_code == 422
    assert text in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_a_request_to_an_address_that_does_not_exist_is_a_404(client, newcomer):
    client.force_login(newcomer)
    response = client.post(reverse("organisations:join"), {"organisation": "no-such-company"})
    assert response.status_code == 404
    assert not JoinRequest.objects.exists()


def test_a_request_to_a_pending_organisation_says_why(client, newcomer):
    pending = OrganisationFactory(
        name={"en": "Fresh Exporters"}, validation=Organisation.Validation.PENDING
    )
    newcomer.language = "en"
    newcomer.save()
    client.force_login(newcomer)
    response = client.post(reverse("organisations:join"), {"organisation": pending.slug})
    assert response.status_code == 422
    assert "Fresh Exporters is not validated by an organiser yet" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_the_people_page_shows_the_request_and_the_admin_approves_it(client, company, newcomer):
    join_request = join_services.join_request_create(
        user=newcomer, organisation=company, message="Export manager."
    )
    admin = admins_of(company)[0]
    client.force_login(admin)
    page = client.get(reverse("organisations:manage", args=[company.slug])).content.decode()
    assert "Hamza" in page and "Export manager." in page
    approve = reverse("organisations:join_request_approve", args=[company.slug, join_request.pk])
    assert approve in page
    client.post(approve)
    assert company.members.filter(user=newcomer, role=Member.Role.REPRESENTATIVE).exists()
    page = client.get(reverse("organisations:manage", args=[company.slug])).content.decode()
    assert approve not in page


def test_a_representative_sees_no_requests_and_cannot_refuse(client, company, newcomer):
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    client.force_login(company.members.get(role=Member.Role.REPRESENTATIVE).user)
    page = client.get(reverse("organisations:manage", args=[company.slug])).content.decode()
    assert "Hamza" not in page
    response = client.post(
        reverse("organisations:join_request_refuse", args=[company.slug, join_request.pk])
    )
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_the_admin_refuses_with_a_reason(client, company, newcomer):
    join_request = join_services.join_request_create(user=newcomer, organisation=company)
    client.force_login(admins_of(company)[0])
    client.post(
        reverse("organisations:join_request_refuse", args=[company.slug, join_request.pk]),
        {"reason": "Not one of ours."},
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED
    assert join_request.reason == "Not one of ours."


def test_a_person_without_an_organisation_is_offered_both_ways(client, company, newcomer):
    client.force_login(newcomer)
    page = client.get(reverse("organisations:mine")).content.decode()
    assert reverse("organisations:register") in page
    assert reverse("organisations:join") in page
    assert "انڈس سرجیکل" in page  # the suggestion, in the reader's language


def test_the_profile_offers_to_ask_to_join(client, company, newcomer):
    client.force_login(newcomer)
    page = client.get(reverse("organisations:detail", args=[company.slug])).content.decode()
    assert f'action="{reverse("organisations:join")}"' in page
    assert f'name="organisation" value="{company.slug}"' in page


# --- API --------------------------------------------------------------------------------------------


def test_the_api_asks_lists_and_approves(client, company, newcomer):
    url = f"/api/v1/organisations/{company.slug}/join-requests"
    created = client.post(
        url, {"message": "Hello"}, content_type="application/json", headers=bearer(newcomer)
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "pending"
    again = client.post(url, {}, content_type="application/json", headers=bearer(newcomer))
    assert again.status_code == 422
    # No Accept-Language: the API answers in the newcomer's own language (Urdu).
    assert "پہلے ہی" in again.json()["error"]["message"]  # "already asked"
    admin = admins_of(company)[0]
    listed = client.get(url, headers=bearer(admin))
    assert [r["email"] for r in listed.json()] == [newcomer.email]
    assert client.get(url, headers=bearer(newcomer)).status_code == 403
    approved = client.post(f"{url}/{created.json()['id']}/approve", headers=bearer(admin))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert company.members.filter(user=newcomer).exists()
    mine = client.get("/api/v1/join-requests", headers=bearer(newcomer)).json()
    assert [r["status"] for r in mine] == ["approved"]


def test_the_api_refuses_bad_requests_clearly(client, newcomer):
    pending = OrganisationFactory(validation=Organisation.Validation.PENDING)
    response = client.post(
        "/api/v1/organisations/no-such/join-requests",
        {},
        content_type="application/json",
        headers=bearer(newcomer),
    )
    assert response.status_code == 404
    response = client.post(
        f"/api/v1/organisations/{pending.slug}/join-requests",
        {},
        content_type="application/json",
        headers=bearer(newcomer),
    )
    assert response.status_code == 422
    # In the newcomer's own language (Urdu): "not yet validated".
    assert "تصدیق نہیں کی" in response.json()["error"]["message"]
    assert not JoinRequest.objects.exists()


def test_the_api_suggests_by_domain(client, company, newcomer):
    response = client.get("/api/v1/join-suggestions", headers=bearer(newcomer))
    assert [o["slug"] for o in response.json()] == [company.slug]
