from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from rabta.accounts.models import User
from rabta.demo import data
from rabta.organisations.models import Member, Organisation, Sector

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", force=True, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "organisations": sorted(
            Organisation.objects.values_list(
                "slug", "validation", "name_key", "search_text", "phone"
            )
        ),
        "sectors": sorted(
            Organisation.sectors.through.objects.values_list("organisation__slug", "sector__code")
        ),
        "users": sorted(
            User.objects.values_list("username", "email", "password", "language", "full_name")
        ),
        "members": sorted(
            Member.objects.values_list("organisation__slug", "user__username", "role")
        ),
        "sector_count": Sector.objects.count(),
    }


@pytest.fixture
def demo():
    return load()


def test_loading_twice_gives_the_same_valid_database(demo):
    first = snapshot()
    load()
    assert snapshot() == first
    assert len(first["organisations"]) == len(data.ORGANISATIONS) == 72

    for organisation in Organisation.objects.all():
        organisation.full_clean()
    for user in User.objects.all():
        user.full_clean()
    for member in Member.objects.all():
        member.full_clean()


def test_the_corridor_is_all_there(demo):
    organisations = Organisation.objects.all()
    assert organisations.filter(country="PK", kind="company").count() == 40
    assert organisations.filter(country="RU", kind__in=["company", "translator"]).count() == 22
    assert set(organisations.values_list("validation", flat=True)) == {
        "approved",
        "pending",
        "rejected",
    }
    assert organisations.filter(validation="pending").count() == 4
    rejected = organisations.get(validation="rejected")
    assert rejected.rejection_reason
    for organisation in organisations:
        assert set(organisation.name) == set(organisation.description) == {"en", "ru", "ur"}
        assert "demo" not in organisation.name["en"].lower()
        assert organisation.website == f"https://{organisation.slug}.example"
        assert 1 <= organisation.members.count() <= 4
    scci = organisations.get(slug="scci")
    assert sorted(scci.members.values_list("user__full_name", flat=True)) == [
        "Hina Tariq", "Muhammad Murad Arshad", "Salman Sheikh", "Syed Ahtesham Mazhar",
    ]  # fmt: skip
    embassy_people = set(
        Member.objects.filter(organisation__country="RU").values_list("user__full_name", flat=True)
    )
    assert {
        "Albert P. Khorev",
        "Denis Nevzorov",
        "Sergey Chekalin",
        "Anton Vereshchagin",
    } <= embassy_people


LOGIN_CHECKS = [
    ("admin", lambda u: u.is_superuser and u.is_staff),
    # The demo organiser is also one of the site's validators: they approve organisations.
    (
        "organiser",
        lambda u: (
            u.is_organiser and u.is_validator and u.memberships.get().organisation.slug == "scci"
        ),
    ),
    (
        "co-organiser",
        lambda u: (
            u.language == "ru"
            and u.memberships.get().organisation.slug == "russian-trade-representation"
        ),
    ),
    ("participant", lambda u: u.language == "en" and _admin_of(u) == "indus-surgical-works"),
    ("ru-participant", lambda u: u.language == "ru" and _admin_of(u) == "sokolniki-medtorg"),
    ("ur-participant", lambda u: u.language == "ur" and _admin_of(u) == "sialkot-match-balls"),
    ("interpreter", lambda u: u.is_interpreter and set(u.spoken_languages) == {"ru", "ur", "en"}),
]


def test_the_demo_logins_work_and_are_printed(demo):
    for username, check in LOGIN_CHECKS:
        user = User.objects.get(username=username)
        assert check(user), username
        client = Client()
        assert client.login(username=username, password=data.DEMO_PASSWORD), username
        assert client.get("/accounts/profile/").status_code == 200
        assert f"| {username} " in demo
    assert "rabta-demo" in demo
    assert "72 organisations" in demo


def _admin_of(user) -> str:
    return user.memberships.get(role="admin").organisation.slug


def test_the_rabta_demo_command_maps_to_load_demo(monkeypatch):
    from rabta import cli

    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    assert cli.main(["demo"]) == 0
    assert seen == [["rabta", "load_demo"]]


def test_the_operator_reads_the_output_in_their_language_and_the_data_stays_the_same():
    english = load()
    before = snapshot()
    with translation.override("ru"):
        russian = load()
    assert snapshot() == before
    assert "72 organisations" in english
    assert "организаций: 72" in russian
    assert "| Роль " in russian
    assert "Администратор сайта" in russian
    assert "| ru-participant " in russian
    assert "Русский" in russian
    with translation.override("ur"):
        urdu = load()
    assert "تنظیمیں: 72" in urdu
    assert "ڈیمو تقریب" in urdu


def test_the_demo_s_published_agendas_are_recorded_as_sent_not_waiting_for_a_job(demo, client):
    """The organiser's schedule page said "The agendas will be e-mailed as soon as the task
    worker picks up the job" for ever, next to a button to send them: no job was ever queued."""
    from django.urls import reverse

    from rabta.accounts.models import User
    from rabta.events.models import ScheduleVersion

    [version] = ScheduleVersion.objects.unscoped().all()
    assert version.delivery == ScheduleVersion.Delivery.DONE
    assert version.delivery_total == version.delivery_sent > 50
    client.force_login(User.objects.get(username="organiser"))
    page = client.get(
        reverse("events:schedule", args=[version.event.slug]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "as soon as the task worker picks up the job" not in page
    assert "Send the agendas not sent yet" not in page


def test_no_programme_title_repeats_its_kind(demo):
    """'Company visit: Visit to Indus Surgical Works', 'Пленарное заседание: Пленарное
    заседание: …' in every agenda, PDF and e-mail of the demo."""
    from rabta.events.models import ProgrammeItem

    for item in ProgrammeItem.objects.unscoped():
        for language, title in item.title.items():
            with translation.override(language):
                kind = str(item.get_kind_display()).split()[0].lower()
            assert not title.lower().startswith(kind), (language, title)
            assert not title.lower().startswith(("visit", "визит")), (language, title)
