"""Cached reads (directory figures, search counts, recommendations): served from the cache, and
fresh again as soon as the data behind them changes; a Redis that is down breaks nothing."""

import pytest
from django.urls import reverse

from rabta.core.health import readiness
from rabta.matching import services as matching_services
from rabta.matching.selectors import recommendations_cached
from rabta.organisations import selectors as organisation_selectors
from rabta.organisations.models import Organisation
from tests.deploy.conftest import free_port
from tests.factories import OrganisationFactory, ValidatorFactory
from tests.marketplace.helpers import participant, publish

pytestmark = pytest.mark.django_db


def test_the_home_page_figures_are_cached_and_follow_each_approval(
    client, django_assert_num_queries
):
    OrganisationFactory(country="PK")
    assert organisation_selectors.directory_stats()["organisations"] == 1
    with django_assert_num_queries(0):  # the second read comes from the cache
        assert organisation_selectors.directory_stats()["organisations"] == 1
    pending = OrganisationFactory(country="RU", validation=Organisation.Validation.PENDING)
    from rabta.organisations.services import organisation_approve

    organisation_approve(actor=ValidatorFactory(), organisation=pending)
    assert organisation_selectors.directory_stats() == {
        **organisation_selectors.directory_stats(),
        "organisations": 2,
        "countries": 2,
    }
    page = client.get(reverse("home")).content.decode()
    assert pending.name["en"] in page  # the featured list is fresh too


def test_search_counts_are_cached_and_follow_each_publication(client):
    user, _organisation = participant()
    publish(user, title={"en": "Surgical scissors"})
    url = "/api/v1/opportunities"
    assert client.get(url, {"q": "surgical"}).json()["count"] == 1
    assert client.get(url, {"q": "surgical"}).json()["count"] == 1
    publish(user, title={"en": "Surgical forceps"})
    assert client.get(url, {"q": "surgical"}).json()["count"] == 2


def test_recommendations_are_cached_until_hidden_or_published(django_assert_num_queries):
    seller, seller_organisation = participant(country="PK")
    publish(seller, title={"en": "Surgical scissors"}, hs_codes=["901890"])
    buyer, _buyer_organisation = participant(country="RU")
    wanted = publish(
        buyer, kind="sourcing_request", title={"en": "Scissors wanted"}, hs_codes=["901890"]
    )

    def titles():
        return [r.title["en"] for r in recommendations_cached(seller_organisation).opportunities]

    assert titles() == ["Scissors wanted"]
    with django_assert_num_queries(0):
        assert titles() == ["Scissors wanted"]
    publish(buyer, kind="sourcing_request", title={"en": "Forceps wanted"}, hs_codes=["901890"])
    assert sorted(titles()) == ["Forceps wanted", "Scissors wanted"]
    matching_services.recommendation_hide(user=seller, opportunity=wanted)
    assert titles() == ["Forceps wanted"]


@pytest.fixture
def dead_redis(settings):
    """Django's Redis cache pointed at a port where nothing listens (the cache handlers are
    rebuilt when CACHES changes)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
        }
    }


def test_with_redis_down_the_site_works_and_readiness_says_so(dead_redis, client):
    OrganisationFactory(country="PK")
    assert organisation_selectors.directory_stats()["organisations"] == 1
    OrganisationFactory(country="RU")
    assert organisation_selectors.directory_stats()["organisations"] == 2  # computed each time
    assert client.get(reverse("home")).status_code == 200
    status, checks = readiness()
    assert status == "degraded"
    assert checks["cache"]["ok"] is False and checks["database"]["ok"] is True


def test_a_value_cached_before_the_commit_is_dropped_when_it_commits(
    django_capture_on_commit_callbacks,
):
    from rabta.core.cache import bump, cached

    assert cached("probe", ("x",), lambda: "before") == "before"
    with django_capture_on_commit_callbacks(execute=True):
        bump("probe")  # a change, not committed yet
        # another process reads the old rows meanwhile and caches them under the new version
        assert cached("probe", ("x",), lambda: "old rows") == "old rows"
    assert cached("probe", ("x",), lambda: "committed rows") == "committed rows"


def test_the_public_directory_count_is_cached_and_follows_each_approval(
    client, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from rabta.organisations.selectors import DirectoryFilters, directory_search
    from rabta.organisations.services import organisation_approve

    OrganisationFactory(country="PK")
    visitor, filters = AnonymousUser(), DirectoryFilters(country="PK")
    assert directory_search(viewer=visitor, filters=filters).page.paginator.count == 1
    with django_assert_num_queries(2):  # the page and its sectors; the count from the cache
        assert directory_search(viewer=visitor, filters=filters).page.paginator.count == 1
    pending = OrganisationFactory(country="PK", validation=Organisation.Validation.PENDING)
    assert directory_search(viewer=visitor, filters=filters).page.paginator.count == 1
    organisation_approve(actor=ValidatorFactory(), organisation=pending)
    assert directory_search(viewer=visitor, filters=filters).page.paginator.count == 2
    page = client.get("/organisations/", {"country": "PK"}).content.decode()
    assert pending.name["en"] in page


def test_sessions_are_kept_in_the_cache_and_written_through_to_the_database(client):
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.contrib.sessions.models import Session
    from django.core.cache import cache

    from tests.factories import UserFactory

    client.force_login(UserFactory())
    key = client.session.session_key
    assert cache.get(KEY_PREFIX + key) is not None  # read from the cache by every web process
    assert Session.objects.filter(session_key=key).exists()  # a lost cache signs nobody out


def test_production_settings_keep_database_connections_and_check_them():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("CONN_MAX_AGE", "DEBUG")}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "rabta.settings", "SECRET_KEY": "x" * 50},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert out.stdout.split() == ["60", "True"]
