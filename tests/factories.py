"""factory_boy factories shared by the whole suite."""

import factory
from factory.django import DjangoModelFactory

from rabta.accounts.models import User
from rabta.organisations.models import Member, Organisation, Sector

DEFAULT_PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    spoken_languages = factory.LazyFunction(lambda: ["en"])
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganiserFactory(UserFactory):
    is_organiser = True


class ValidatorFactory(UserFactory):
    """One of the site's validators: approves and rejects organisations."""

    is_validator = True


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.LazyAttribute(lambda s: {"en": s.code.replace("-", " ").title()})


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(
        lambda n: {"en": f"Company {n}", "ru": f"Компания {n}", "ur": f"کمپنی {n}"}
    )
    slug = factory.Sequence(lambda n: f"company-{n}")
    country = "PK"
    city = "Sialkot"
    kind = Organisation.Kind.COMPANY
    validation = Organisation.Validation.APPROVED


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Member.Role.ADMIN
