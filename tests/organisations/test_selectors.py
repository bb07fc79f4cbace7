import pytest
from django.contrib.auth.models import AnonymousUser

from rabta.organisations.models import Organisation, Sector
from rabta.organisations.selectors import DirectoryFilters, directory_search
from tests.factories import MemberFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


def slugs(viewer=ANONYMOUS, **filters) -> list[str]:
    result = directory_search(viewer=viewer, filters=DirectoryFilters(**filters))
    return [organisation.slug for organisation in result.organisations]


@pytest.fixture
def corridor(db):
    surgical = OrganisationFactory(
        slug="ssw",
        name={"en": "Sialkot Surgical Works", "ru": "Сиалкот Хирургия"},
        description={"ru": "Пинцеты и зажимы"},
        hs_codes=["9018", "901890"],
    )
    surgical.sectors.set([Sector.objects.get(code="surgical-medical-instruments")])
    surgical.save()
    MemberFactory(organisation=surgical, user=UserFactory(spoken_languages=["ur", "en"]))
    ural = OrganisationFactory(
        slug="ural",
        name={"ru": "Уралмаш"},
        name_key="",
        country="RU",
        city="Yekaterinburg",
        hs_codes=["8429"],
    )
    MemberFactory(organisation=ural, user=UserFactory(spoken_languages=["ru"]), is_public=False)
    punjab = OrganisationFactory(
        slug="pu",
        name={"en": "Punjab University"},
        kind=Organisation.Kind.UNIVERSITY,
        city="Lahore",
    )
    MemberFactory(organisation=punjab, user=UserFactory(spoken_languages=["ru", "ur"]))
    OrganisationFactory(
        slug="waiting", name={"en": "Waiting Ltd"}, validation=Organisation.Validation.PENDING
    )


def test_public_sees_only_approved(corridor):
    assert slugs() == ["pu", "ssw", "ural"]


def test_validators_see_every_state(corridor, validator):
    assert "waiting" in slugs(validator)
    assert slugs(validator, validation="pending") == ["waiting"]
    assert "waiting" not in slugs(validation="pending")  # ignored for the public


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"query": "SURGICAL"}, ["ssw"]),
        ({"query": "хирургия"}, ["ssw"]),
        ({"query": "пинцеты"}, ["ssw"]),
        ({"query": "уралмаш"}, ["ural"]),
        ({"query": "россия"}, ["ural"]),
        ({"query": "lahore university"}, ["pu"]),
        ({"query": "9018"}, ["ssw"]),
        ({"kind": "university"}, ["pu"]),
        ({"country": "RU"}, ["ural"]),
        ({"sector": "surgical-medical-instruments"}, ["ssw"]),
        ({"hs_code": "90"}, ["ssw"]),
        ({"hs_code": "9018.90"}, ["ssw"]),
        ({"hs_code": "84"}, ["ural"]),
        ({"hs_code": "1"}, []),
        ({"hs_code": "abc"}, []),
        ({"language": "ru"}, ["pu"]),  # Uralmash's Russian speaker is not public
        ({"language": "ur"}, ["pu", "ssw"]),
    ],
)
def test_filters(corridor, filters, expected):
    assert slugs(**filters) == expected


def test_queries_per_page_do_not_grow_with_the_page(django_assert_max_num_queries, settings):
    settings.RABTA_PAGE_SIZE = 30
    sectors = list(Sector.objects.all()[:3])
    for _n in range(30):
        OrganisationFactory().sectors.set(sectors)
    with django_assert_max_num_queries(3):
        result = directory_search(
            viewer=ANONYMOUS, filters=DirectoryFilters(language="en", hs_code="90")
        )
        for organisation in result.organisations:
            list(organisation.sectors.all())
    with django_assert_max_num_queries(3):
        result = directory_search(viewer=ANONYMOUS, filters=DirectoryFilters())
        assert sum(len(o.sectors.all()) for o in result.organisations) == 90


def test_pagination(settings):
    settings.RABTA_PAGE_SIZE = 2
    for n in range(5):
        OrganisationFactory(name={"en": f"Org {n}"})
    result = directory_search(viewer=ANONYMOUS, filters=DirectoryFilters(), page=3)
    assert [o.name["en"] for o in result.organisations] == ["Org 4"]
    assert (
        directory_search(viewer=ANONYMOUS, filters=DirectoryFilters(), page="99").page.number == 3
    )
    assert directory_search(viewer=ANONYMOUS, filters=DirectoryFilters(), page="x").page.number == 1
