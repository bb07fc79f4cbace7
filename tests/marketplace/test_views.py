import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rabta.marketplace import services
from rabta.marketplace.models import Attachment, Interest, Opportunity
from rabta.matching.models import HiddenRecommendation
from tests.marketplace.helpers import (
    draft_and_another_participant_signed_in,
    exporter_and_wanted_scissors,
    participant,
    publish,
    publish_medical_offers,
)

pytestmark = pytest.mark.django_db


def test_browse_page_and_htmx_partial(client, django_assert_max_num_queries):
    publish_medical_offers(5)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("marketplace:browse"), {"q": "surgical", "hs": "9018"})
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 5
    partial = client.get(reverse("marketplace:browse"), {"q": "surgical"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content
    assert b"5 opportunities found" in partial.content


def test_browse_with_a_bad_filter_shows_the_error(client):
    response = client.get(reverse("marketplace:browse"), {"hs": "12"})
    assert response.status_code == 200
    response = client.get(reverse("marketplace:browse"), {"hs": "123"})
    assert "2, 4 or 6 digits" in response.content.decode()


def test_create_through_the_form_and_field_errors(client):
    user, organisation = participant()
    client.force_login(user)
    form = {
        "kind": "export_offer",
        "role": "offer",
        "languages": ["en"],
        "title_en": "Footballs",
        "title_ru": "",
        "title_ur": "",
        "description_en": "",
        "description_ru": "",
        "description_ur": "",
        "hs_codes": "950662",
        "countries": "RU",
        "detail_product": "Match footballs",
    }
    bad = client.post(
        reverse("marketplace:create"), {**form, "hs_codes": "99999", "title_ru": "Мячи"}
    )
    assert bad.status_code == 422
    content = bad.content.decode()
    assert "is not an HS code" in content
    assert "not written in Русский" in content
    assert Opportunity.objects.count() == 0
    response = client.post(reverse("marketplace:create"), {**form, "publish": "1"})
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert opportunity.details == {"product": "Match footballs"}
    assert opportunity.organisation == organisation


@pytest.mark.parametrize("approved", [True, False])
def test_save_and_publish_says_published_and_who_sees_it_yet(client, approved):
    from rabta.organisations.models import Organisation

    validation = Organisation.Validation.APPROVED if approved else Organisation.Validation.PENDING
    user, organisation = participant(validation=validation)
    client.force_login(user)
    form = {"kind": "export_offer", "role": "offer", "languages": ["en"], "title_en": "Footballs"}
    page = client.post(reverse("marketplace:create"), {**form, "publish": "1"}, follow=True)
    assert "The opportunity is published." in page.text
    assert "The opportunity is saved." not in page.text
    waiting = "Only your organisation sees it for now"
    assert (waiting in page.text) is (not approved)
    draft = client.post(reverse("marketplace:create"), {**form, "save": "1"}, follow=True)
    assert "The opportunity is saved." in draft.text and waiting not in draft.text


def test_no_language_ticked_the_title_says_which_languages_the_opportunity_is_in(client):
    """A newcomer typed a Russian title and published: 'Choose at least one language'."""
    user, _organisation = participant()
    client.force_login(user)
    form = {"kind": "sourcing_request", "role": "offer", "title_ru": "Купим рис басмати"}
    form["publish"] = "1"
    response = client.post(reverse("marketplace:create"), form)
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.languages == ["ru"] and opportunity.title == {"ru": "Купим рис басмати"}
    nothing = client.post(reverse("marketplace:create"), {**form, "title_ru": ""})
    assert nothing.status_code == 422 and Opportunity.objects.count() == 1


def test_someone_in_two_organisations_chooses_which_one_publishes(client):
    """The form asked nothing and published for the organisation joined first."""
    from tests.factories import MemberFactory, OrganisationFactory

    user, first = participant(name={"en": "Indus Surgical"})
    second = OrganisationFactory(name={"en": "Volga Med"}, country="RU")
    MemberFactory(user=user, organisation=second)
    stranger = OrganisationFactory(name={"en": "Not mine"})
    client.force_login(user)
    page = client.get(reverse("marketplace:create")).content.decode()
    assert "Published by" in page and "Volga Med" in page and "Not mine" not in page
    form = {"kind": "export_offer", "role": "offer", "languages": ["en"], "title_en": "Scissors"}
    missing = client.post(reverse("marketplace:create"), {**form, "publish": "1"})
    assert missing.status_code == 422 and not Opportunity.objects.exists()
    foreign = client.post(
        reverse("marketplace:create"), {**form, "organisation": stranger.pk, "publish": "1"}
    )
    assert foreign.status_code == 422 and not Opportunity.objects.exists()
    client.post(reverse("marketplace:create"), {**form, "organisation": second.pk, "publish": "1"})
    assert Opportunity.objects.get().organisation == second


def test_one_organisation_s_form_says_whom_it_publishes_for(client):
    user, _organisation = participant(name={"en": "Indus Surgical"})
    client.force_login(user)
    page = client.get(reverse("marketplace:create")).content.decode()
    assert "For <bdi>Indus Surgical</bdi>" in page and "Published by" not in page


def test_drafts_are_invisible_to_other_participants(client):
    owner, draft = draft_and_another_participant_signed_in(client)
    assert client.get(reverse("marketplace:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("marketplace:edit", args=[draft.pk])).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("marketplace:detail", args=[draft.pk])).status_code == 200


def messages_after_attaching(client, settings, tmp_path, name: str, content: bytes) -> list[str]:
    """An owner attaches the file ``name`` to their published opportunity: the page's messages."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    owner, _organisation = participant()
    opportunity = publish(owner)
    client.force_login(owner)
    response = client.post(
        reverse("marketplace:attachment_add", args=[opportunity.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    return [str(m) for m in response.context["messages"]]


def test_a_wrong_attachment_is_refused_with_its_reason(client, settings, tmp_path):
    content = b"MZ\x90\x00 an executable"
    assert messages_after_attaching(client, settings, tmp_path, "brochure.pdf", content) == [
        "Attach a PDF document or a PNG, JPEG, WebP or GIF image."
    ]
    assert not Attachment.objects.exists()


def huge_png() -> bytes:
    """A real PNG of 20,000 × 20,000 pixels (black and white: 50 MB in memory, 60 KB saved)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_picture_with_too_many_pixels_is_told_so_not_called_no_picture(
    client, settings, tmp_path
):
    assert messages_after_attaching(client, settings, tmp_path, "plan.png", huge_png()) == [
        "This picture has more than 178 million pixels. Make it smaller and upload it again."
    ]
    assert not Attachment.objects.exists()


def test_the_owner_deletes_an_opportunity_until_someone_is_interested(client):
    owner, _organisation = participant()
    buyer, _ = participant()
    kept, gone = publish(owner), publish(owner, title={"en": "Old offer"})
    services.interest_express(user=buyer, opportunity=kept)
    client.force_login(owner)
    delete_url = reverse("marketplace:delete", args=[kept.pk])
    assert (
        delete_url not in client.get(reverse("marketplace:detail", args=[kept.pk])).content.decode()
    )
    refused = client.post(delete_url, follow=True)
    assert "close it instead" in refused.content.decode()
    page = client.get(reverse("marketplace:detail", args=[gone.pk])).content.decode()
    assert reverse("marketplace:delete", args=[gone.pk]) in page
    response = client.post(reverse("marketplace:delete", args=[gone.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("marketplace:mine")
    assert "The opportunity is deleted." in response.content.decode()
    assert list(Opportunity.objects.all()) == [kept]
    client.force_login(buyer)
    assert client.post(delete_url).status_code == 302
    assert Opportunity.objects.filter(pk=kept.pk).exists()


def test_interest_flow_reveals_contacts_both_ways(client):
    owner, _organisation = participant(email="owner-org@example.org")
    buyer, _buyer_organisation = participant(email="buyer-org@example.org")
    opportunity = publish(owner)
    client.force_login(buyer)
    page = client.get(reverse("marketplace:detail", args=[opportunity.pk])).content.decode()
    assert "owner-org@example.org" not in page
    client.post(reverse("marketplace:interest", args=[opportunity.pk]), {"message": "Hello"})
    interest = Interest.objects.get()
    client.force_login(owner)
    received = client.get(reverse("marketplace:interests")).content.decode()
    assert "buyer-org@example.org" not in received
    client.post(reverse("marketplace:interest_accept", args=[interest.pk]))
    received = client.get(reverse("marketplace:interests")).content.decode()
    assert "buyer-org@example.org" in received
    client.force_login(buyer)
    page = client.get(reverse("marketplace:detail", args=[opportunity.pk])).content.decode()
    assert "owner-org@example.org" in page


def test_a_profile_without_contact_details_is_said_not_an_empty_contact_section(client):
    owner, organisation = participant(email="", phone="", website="")
    buyer, _buyer_organisation = participant()
    opportunity = publish(owner)
    client.force_login(owner)
    page = client.get(reverse("marketplace:detail", args=[opportunity.pk])).text
    assert "Your organisation's profile has no e-mail, phone or website" in page
    assert reverse("organisations:edit", args=[organisation.slug]) in page
    client.force_login(buyer)
    client.post(reverse("marketplace:interest", args=[opportunity.pk]), {"message": "Hello"})
    services.interest_accept(user=owner, interest=Interest.objects.get())
    page = client.get(reverse("marketplace:detail", args=[opportunity.pk])).text
    assert "The organisation has not given an e-mail, phone or website yet." in page


def test_my_opportunities_and_interests_query_counts(client, django_assert_max_num_queries):
    owner, _organisation = participant()
    for _n in range(6):
        opportunity = publish(owner)
        buyer, _ = participant()
        from rabta.marketplace.services import interest_express

        interest_express(user=buyer, opportunity=opportunity)
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("marketplace:mine")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("marketplace:interests")).status_code == 200


def test_recommendations_page_and_hide(client, django_assert_max_num_queries):
    exporter, _organisation = participant()
    publish(exporter, hs_codes=["901890"])
    buyer, _ = participant(country="RU")
    wanted = publish(
        buyer, kind="sourcing_request", title={"en": "Scissors wanted"}, hs_codes=["901890"]
    )
    client.force_login(exporter)
    with django_assert_max_num_queries(18):  # + the header's unread count, the rarity count
        page = client.get(reverse("matching:recommendations")).content.decode()
    assert "Scissors wanted" in page
    assert "Sources scissors (HS 901890) — you export surgical scissors" in page
    response = client.post(
        reverse("matching:hide"), {"opportunity": wanted.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.content == b""
    page = client.get(reverse("matching:recommendations")).content.decode()
    assert f'id="recommended-opportunity-{wanted.pk}"' not in page  # listed under hidden only


def test_recommendations_for_each_of_my_organisations(client):
    from tests.factories import MemberFactory, OrganisationFactory

    exporter, first = participant()
    second = OrganisationFactory(country="RU")
    MemberFactory(user=exporter, organisation=second)
    publish(exporter, hs_codes=["901890"])  # for the first organisation
    seller, _ = participant()
    publish(seller, title={"en": "Another exporter"}, hs_codes=["901890"])
    client.force_login(exporter)
    assert (
        "Another exporter" not in client.get(reverse("matching:recommendations")).content.decode()
    )
    page = client.get(
        reverse("matching:recommendations"), {"organisation": second.pk}
    ).content.decode()
    assert "Another exporter" not in page  # the second organisation has no needs yet
    assert client.get(reverse("matching:recommendations"), {"organisation": "x"}).status_code == 200


def test_hide_without_javascript_and_for_a_foreign_organisation(client):
    exporter, organisation, buyer_organisation, wanted = exporter_and_wanted_scissors()
    client.force_login(exporter)
    refused = client.post(
        reverse("matching:hide"), {"opportunity": wanted.pk, "organisation": buyer_organisation.pk}
    )
    assert refused.status_code == 302
    assert "Scissors wanted" in client.get(reverse("matching:recommendations")).content.decode()
    response = client.post(
        reverse("matching:hide"), {"opportunity": wanted.pk, "organisation": organisation.pk}
    )
    assert response["Location"] == f"/recommendations/?organisation={organisation.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'id="recommended-opportunity-{wanted.pk}"' not in page


@pytest.mark.parametrize("language", ["ru", "ur"])
def test_pages_in_russian_and_urdu(client, language):
    user, _organisation = participant()
    user.language = language
    user.save()
    opportunity = publish(user, countries=["RU"])
    client.force_login(user)
    for name, args in (("browse", []), ("detail", [opportunity.pk]), ("mine", []), ("create", [])):
        response = client.get(reverse(f"marketplace:{name}", args=args))
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
    assert client.get(reverse("matching:recommendations")).status_code == 200


def test_a_hidden_recommendation_is_shown_again_from_the_page(client):
    exporter, _organisation, _buyer_organisation, wanted = exporter_and_wanted_scissors()
    client.force_login(exporter)
    client.post(reverse("matching:hide"), {"opportunity": wanted.pk})
    page = client.get(reverse("matching:recommendations")).content.decode()
    assert "Hidden recommendations" in page and "Show again" in page
    assert f'id="recommended-opportunity-{wanted.pk}"' not in page
    hidden = HiddenRecommendation.objects.get()
    stranger, _ = participant(country="RU")
    client.force_login(stranger)  # not theirs: refused, still hidden
    client.post(reverse("matching:unhide", args=[hidden.pk]))
    assert HiddenRecommendation.objects.filter(pk=hidden.pk).exists()
    client.force_login(exporter)
    response = client.post(reverse("matching:unhide", args=[hidden.pk]), follow=True)
    page = response.content.decode()
    assert "Shown again" in page
    assert f'id="recommended-opportunity-{wanted.pk}"' in page
    assert "Hidden recommendations" not in page
