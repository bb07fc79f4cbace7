import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.marketplace import services
from rabta.marketplace.models import Interest, Opportunity, OpportunityFeature
from tests.factories import SectorFactory
from tests.marketplace.helpers import opportunity_data, participant, publish

pytestmark = pytest.mark.django_db


def test_create_draft_keeps_cleaned_values_and_no_index_rows():
    user, organisation = participant()
    sector = SectorFactory(code="medical")
    opportunity = services.opportunity_create(
        user=user,
        data=opportunity_data(
            hs_codes=["90.18", "901890"], sector_codes=["medical"], countries=["ru"]
        ),
    )
    assert opportunity.organisation == organisation
    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.hs_codes == ["9018", "901890"]
    assert opportunity.countries == ["RU"]
    assert list(opportunity.sectors.all()) == [sector]
    assert not OpportunityFeature.objects.filter(opportunity=opportunity).exists()


def test_publish_builds_features_and_close_removes_them():
    user, _organisation = participant()
    opportunity = publish(user, hs_codes=["901890"])
    keys = set(
        OpportunityFeature.objects.filter(opportunity=opportunity).values_list("key", flat=True)
    )
    assert {
        "trade.offer|hs2:90",
        "trade.offer|hs4:9018",
        "trade.offer|hs6:901890",
        "lng:en",
    } <= keys
    services.opportunity_close(user=user, opportunity=opportunity)
    assert not OpportunityFeature.objects.filter(opportunity=opportunity).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"hs_codes": ["12345"]}, "hs_codes"),
        ({"hs_codes": ["7701"]}, "hs_codes"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"title": {"en": "Scissors", "ru": "Ножницы"}}, "title"),
        ({"languages": ["en", "ur"], "title": {"en": "Scissors"}}, "title"),
        ({"languages": ["fr"]}, "languages"),
        ({"kind": "lottery"}, "kind"),
        ({"countries": ["XX"]}, "countries"),
        ({"sector_codes": ["no-such-sector"]}, "sector_codes"),
        ({"details": {"price_min": "abc"}, "kind": "sourcing_request"}, "details.price_min"),
        ({"details": {"incoterms": ["FOO"]}, "kind": "sourcing_request"}, "details.incoterms"),
    ],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_saved(overrides, field):
    user, _organisation = participant()
    with pytest.raises(InvalidInput) as error:
        services.opportunity_create(user=user, data=opportunity_data(**overrides))
    assert field in error.value.field_errors
    assert Opportunity.objects.count() == 0


def test_text_in_a_language_the_owner_did_not_choose_is_refused():
    user, _organisation = participant()
    with pytest.raises(InvalidInput) as error:
        services.opportunity_create(
            user=user, data=opportunity_data(description={"en": "Scissors", "ur": "قینچی"})
        )
    assert error.value.field_errors["description"] == [
        "This opportunity is not written in اردو: remove that text or add the language to the opportunity's languages."
    ]


def test_a_participant_cannot_edit_another_organisations_opportunity():
    owner, _organisation = participant()
    other, _other_organisation = participant()
    opportunity = publish(owner)
    with pytest.raises(NotPermitted):
        services.opportunity_update(
            user=other, opportunity=opportunity, data={"title": {"en": "Mine now"}}
        )
    with pytest.raises(NotPermitted):
        services.opportunity_close(user=other, opportunity=opportunity)
    opportunity.refresh_from_db()
    assert opportunity.title == {"en": "Surgical scissors from Sialkot"}
    assert opportunity.status == Opportunity.Status.PUBLISHED


def test_update_validates_the_merged_result():
    user, _organisation = participant()
    opportunity = publish(user)
    services.opportunity_update(
        user=user,
        opportunity=opportunity,
        data={"languages": ["en", "ru"], "title": {"en": "Scissors", "ru": "Ножницы"}},
    )
    opportunity.refresh_from_db()
    assert opportunity.title == {"en": "Scissors", "ru": "Ножницы"}
    with pytest.raises(InvalidInput):
        services.opportunity_update(
            user=user, opportunity=opportunity, data={"deadline": "2000-01-01"}
        )
    opportunity.refresh_from_db()
    assert opportunity.deadline is None


def test_deadline_today_is_accepted():
    user, _organisation = participant()
    opportunity = publish(user, deadline=timezone.localdate().isoformat())
    assert opportunity.deadline == timezone.localdate()
    assert opportunity.deadline + dt.timedelta(days=1) > timezone.localdate()


def test_express_interest_mails_the_owner_in_their_language(django_capture_on_commit_callbacks):
    owner, _organisation = participant()
    owner.language = "ru"
    owner.save()
    buyer, buyer_organisation = participant(name={"en": "Moscow Medical Supply"})
    opportunity = publish(owner, languages=["en", "ru"], title={"en": "Scissors", "ru": "Ножницы"})
    with django_capture_on_commit_callbacks(execute=True):
        interest = services.interest_express(
            user=buyer, opportunity=opportunity, message="We buy 10,000 a year."
        )
    assert interest.status == Interest.Status.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Ножницы" in mail.outbox[0].subject
    assert "We buy 10,000 a year." in mail.outbox[0].body


def test_interest_twice_or_in_own_opportunity_is_refused():
    owner, _organisation = participant()
    buyer, _buyer_organisation = participant()
    opportunity = publish(owner)
    services.interest_express(user=buyer, opportunity=opportunity)
    with pytest.raises(InvalidInput):
        services.interest_express(user=buyer, opportunity=opportunity)
    with pytest.raises(InvalidInput):
        services.interest_express(user=owner, opportunity=opportunity)
    assert Interest.objects.count() == 1


def test_only_the_owner_answers_an_interest(django_capture_on_commit_callbacks):
    owner, _organisation = participant()
    buyer, _buyer_organisation = participant()
    opportunity = publish(owner)
    interest = services.interest_express(user=buyer, opportunity=opportunity)
    with pytest.raises(NotPermitted):
        services.interest_accept(user=buyer, interest=interest)
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_accept(user=owner, interest=interest)
    interest.refresh_from_db()
    assert interest.status == Interest.Status.ACCEPTED
    assert mail.outbox[-1].to == [buyer.email]
    with pytest.raises(InvalidInput):
        services.interest_decline(user=owner, interest=interest)


def test_moderation_is_for_the_sites_validators_and_audited():
    from rabta.core.models import AuditEntry
    from tests.factories import OrganiserFactory, ValidatorFactory

    owner, _organisation = participant()
    opportunity = publish(owner)
    for someone in (owner, OrganiserFactory()):  # an event organiser is no moderator
        with pytest.raises(NotPermitted):
            services.opportunity_moderate(
                user=someone, opportunity=opportunity, hidden=True, note="spam"
            )
    services.opportunity_moderate(
        user=ValidatorFactory(), opportunity=opportunity, hidden=True, note="Misleading offer"
    )
    assert not OpportunityFeature.objects.filter(opportunity=opportunity).exists()
    assert AuditEntry.objects.get().action == "rabta.opportunity.hidden"


def test_opportunities_of_an_organisation_that_loses_approval_are_unlisted():
    from rabta.marketplace.selectors import SearchFilters, search_opportunities
    from rabta.organisations.models import Organisation

    user, organisation = participant()
    publish(user)
    assert search_opportunities(SearchFilters()).count() == 1
    organisation.validation = Organisation.Validation.REJECTED
    organisation.save(update_fields=["validation"])
    assert search_opportunities(SearchFilters()).count() == 0
    assert not OpportunityFeature.objects.exists()
    organisation.validation = Organisation.Validation.APPROVED
    organisation.save()
    assert search_opportunities(SearchFilters()).count() == 1


def test_the_owner_deletes_an_opportunity_with_its_attachments_and_index(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rabta.core.models import AuditEntry
    from rabta.marketplace.selectors import SearchFilters, search_opportunities

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    user, _organisation = participant()
    stranger, _ = participant()
    opportunity = publish(user, title={"en": "Surgical scissors"})
    attachment = services.attachment_add(
        user=user,
        opportunity=opportunity,
        file=SimpleUploadedFile("c.pdf", b"%PDF-1.4\n%..."),
    )
    stored = tmp_path / attachment.file.name
    assert stored.exists()
    with pytest.raises(NotPermitted):
        services.opportunity_delete(user=stranger, opportunity=opportunity)
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_delete(user=user, opportunity=opportunity)
    assert not Opportunity.objects.exists() and not OpportunityFeature.objects.exists()
    assert list(search_opportunities(SearchFilters(q="scissors").clean())) == []
    assert not stored.exists()
    assert AuditEntry.objects.filter(action="rabta.opportunity.deleted").count() == 1


def test_an_opportunity_with_interests_is_closed_not_deleted():
    owner, _organisation = participant()
    buyer, _ = participant()
    opportunity = publish(owner)
    services.interest_express(user=buyer, opportunity=opportunity)
    with pytest.raises(InvalidInput) as error:
        services.opportunity_delete(user=owner, opportunity=opportunity)
    assert "close it" in str(error.value.message)
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert Interest.objects.count() == 1
