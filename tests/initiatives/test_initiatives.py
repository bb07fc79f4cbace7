import datetime as dt

import pytest
from django.urls import reverse

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.core.models import AuditEntry
from rabta.initiatives import services
from rabta.initiatives.demo import INITIATIVES, load_demo_initiatives
from rabta.initiatives.models import Initiative, Milestone
from tests.factories import MemberFactory, OrganisationFactory, OrganiserFactory, UserFactory

pytestmark = pytest.mark.django_db

TITLE = {"en": "Direct flights", "ru": "Прямые рейсы", "ur": "براہ راست پروازیں"}


@pytest.fixture
def organiser():
    return OrganiserFactory()


@pytest.fixture
def initiative(organiser):
    owner = OrganisationFactory(slug="capes")
    return services.initiative_create(
        actor=organiser, title=TITLE, description={"en": "Fly direct."}, owners=[owner]
    )


def test_organiser_records_an_initiative_with_a_slug_and_an_audit_entry(initiative):
    assert initiative.slug == "direct-flights"
    assert initiative.status == Initiative.Status.PROPOSED
    assert AuditEntry.objects.filter(action="rabta.initiative.created").count() == 1


def test_a_participant_cannot_record_an_initiative():
    with pytest.raises(NotPermitted):
        services.initiative_create(actor=UserFactory(), title=TITLE)
    assert not Initiative.objects.exists()


def test_a_title_is_required(organiser):
    with pytest.raises(InvalidInput) as error:
        services.initiative_create(actor=organiser, title={})
    assert "title" in error.value.field_errors


def test_the_public_page_shows_status_owners_and_milestones(client, initiative, organiser):
    services.milestone_add(
        actor=organiser,
        initiative=initiative,
        title={"en": "Talks start"},
        due_on=dt.date(2026, 5, 1),
    )
    page = client.get(reverse("initiatives:detail", args=[initiative.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Direct flights" in text and "Talks start" in text and "Proposed" in text
    assert "Company" in text  # the owner
    assert "Change the status" not in text  # visitors cannot edit


def test_the_page_in_russian_shows_the_russian_title(client, initiative):
    client.cookies["rabta_language"] = "ru"
    page = client.get(reverse("initiatives:detail", args=[initiative.slug]))
    assert "Прямые рейсы" in page.content.decode()


def test_a_hidden_initiative_is_not_found_for_visitors(client, initiative):
    Initiative.objects.filter(pk=initiative.pk).update(is_public=False)
    assert client.get(reverse("initiatives:detail", args=[initiative.slug])).status_code == 404
    assert "Direct flights" not in client.get(reverse("initiatives:list")).content.decode()


def test_an_owner_admin_changes_the_status_and_others_cannot(client, initiative):
    stranger = UserFactory()
    client.force_login(stranger)
    url = reverse("initiatives:set_status", args=[initiative.slug])
    assert client.post(url, {"status": "agreed"}).status_code == 403
    owner_admin = MemberFactory(organisation=initiative.owners.get()).user
    client.force_login(owner_admin)
    assert client.post(url, {"status": "agreed"}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.AGREED


def test_a_bad_status_changes_nothing(client, initiative, organiser):
    client.force_login(organiser)
    client.post(reverse("initiatives:set_status", args=[initiative.slug]), {"status": "nonsense"})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PROPOSED


def test_milestones_are_added_and_marked_done(client, initiative, organiser):
    client.force_login(organiser)
    url = reverse("initiatives:milestone_add", args=[initiative.slug])
    response = client.post(url, {"title_en": "Talks start", "due_on": "2026-05-01"})
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.due_on == dt.date(2026, 5, 1)
    done = reverse("initiatives:milestone_done", args=[initiative.slug, milestone.pk])
    client.post(done, {"done_on": "2026-05-03"})
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2026, 5, 3)


def test_a_milestone_with_a_wrong_date_is_refused(client, initiative, organiser):
    client.force_login(organiser)
    url = reverse("initiatives:milestone_add", args=[initiative.slug])
    response = client.post(url, {"title_en": "Talks start", "due_on": "01/05/26x"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert not Milestone.objects.exists()


def test_the_list_filters_by_status_in_few_queries(
    client, organiser, django_assert_max_num_queries
):
    for n in range(5):
        item = services.initiative_create(
            actor=organiser, title={"en": f"Initiative {n}"}, owners=[OrganisationFactory()]
        )
        if n % 2:
            services.initiative_set_status(actor=organiser, initiative=item, status="done")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("initiatives:list"), {"status": "done"})
    text = page.content.decode()
    assert "Initiative 1" in text and "Initiative 3" in text and "Initiative 2" not in text


def test_the_demo_loads_the_corridor_proposals_idempotently():
    for slug in ("capes", "russian-embassy-islamabad", "university-of-the-punjab"):
        OrganisationFactory(slug=slug)
    assert load_demo_initiatives() == len(INITIATIVES)
    load_demo_initiatives()
    slugs = set(Initiative.objects.values_list("slug", flat=True))
    assert {
        "direct-flights",
        "joint-university-programmes",
        "russian-language-programmes",
        "russian-literature-in-urdu",
        "igc-10th-session-mous",
    } <= slugs
    assert Initiative.objects.count() == len(INITIATIVES)
    languages = Initiative.objects.get(slug="russian-language-programmes")
    assert languages.owners.filter(slug="university-of-the-punjab").exists()
    assert languages.milestones.count() == 3
    assert all(set(i.title) == {"en", "ru", "ur"} for i in Initiative.objects.all())


def test_the_page_shows_linked_events_and_published_opportunities_in_few_queries(
    client, initiative, organiser, django_assert_max_num_queries
):
    from rabta.events import services as event_services
    from rabta.marketplace.models import Opportunity

    event = event_services.event_create(
        actor=organiser,
        slug="innoprom-2026",
        name={"en": "INNOPROM 2026"},
        venue={"en": "Yekaterinburg Expo"},
    )
    owner = initiative.owners.get()
    published = Opportunity.objects.create(
        organisation=owner, kind="education", title={"en": "Joint programme"}, status="published"
    )
    draft = Opportunity.objects.create(
        organisation=owner, kind="education", title={"en": "Secret draft"}
    )
    initiative.events.add(event)
    initiative.opportunities.add(published, draft)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("initiatives:detail", args=[initiative.slug]))
    text = page.content.decode()
    assert "INNOPROM 2026" in text and "Joint programme" in text and "Secret draft" not in text


def test_organisers_record_initiatives_on_a_page(client, organiser):
    owner = OrganisationFactory(name={"en": "CAPES"})
    client.force_login(organiser)
    assert "Record an initiative" in client.get(reverse("initiatives:list")).content.decode()
    response = client.post(
        reverse("initiatives:create"),
        {"title_en": "Russian literature in Urdu", "title_ur": "اردو میں روسی ادب", "status": "proposed",
         "proposed_at": "Roundtable", "owners": [owner.pk], "is_public": "on"},
    )  # fmt: skip
    initiative = Initiative.objects.get()
    assert response.url == reverse("initiatives:detail", args=[initiative.slug])
    assert initiative.title == {"en": "Russian literature in Urdu", "ur": "اردو میں روسی ادب"}
    assert list(initiative.owners.all()) == [owner]


def test_participants_cannot_open_the_form(client):
    client.force_login(UserFactory())
    assert client.get(reverse("initiatives:create")).status_code == 403
    assert (
        client.post(
            reverse("initiatives:create"), {"title_en": "X", "status": "proposed"}
        ).status_code
        == 403
    )
    assert not Initiative.objects.exists()
