"""The organiser's lists of a big event (registrations, interpreters): paged and filterable."""

from django.urls import reverse

from rabta.events import selectors
from tests.events.conftest import make_participant


def test_the_registrations_list_pages_and_filters(
    event, organiser, client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(selectors, "REGISTRATIONS_PAGE_SIZE", 5)
    for n in range(12):
        make_participant(event, f"Company {n:02d}")
    client.force_login(organiser)
    url = reverse("events:registrations", args=[event.slug])
    first = client.get(url).content.decode()
    assert "12 registrations." in first and "Page 1 of 3" in first
    assert "Company 00" in first and "Company 05" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Page 2 of 3" in second and "Company 05" in second and "Company 00" not in second
    # The pager keeps the filters.
    narrowed = client.get(url, {"q": "company 07", "status": "approved"}).content.decode()
    assert "1 registration." in narrowed and "Company 07" in narrowed
    assert "Company 06" not in narrowed and "Page 1" not in narrowed
    assert "Page 3 of 3" in client.get(url, {"page": 99}).content.decode()
    # Rows on a page cost a bounded number of queries, not one per registration.
    with django_assert_max_num_queries(30):
        client.get(url, {"page": 2})
    monkeypatch.setattr(selectors, "REGISTRATIONS_PAGE_SIZE", 50)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_the_interpreters_list_pages_and_filters(
    event, organiser, client, monkeypatch, django_assert_max_num_queries
):
    from rabta.events.models import Interpreter

    monkeypatch.setattr(selectors, "INTERPRETERS_PAGE_SIZE", 5)
    Interpreter.objects.bulk_create(
        [Interpreter(event=event, name=f"Interpreter {n:02d}", languages=["en"]) for n in range(12)]
    )
    client.force_login(organiser)
    url = reverse("events:manage", args=[event.slug])
    first = client.get(url).content.decode()
    assert "Page 1 of 3" in first and "Interpreter 00" in first and "Interpreter 05" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Page 2 of 3" in second and "Interpreter 05" in second and "Interpreter 00" not in second
    narrowed = client.get(url, {"q": "preter 07"}).content.decode()
    assert "Interpreter 07" in narrowed and "Interpreter 06" not in narrowed
    assert "Page 1 of" not in narrowed
    assert "No interpreter matches." in client.get(url, {"q": "nobody"}).content.decode()
    with django_assert_max_num_queries(30):
        client.get(url, {"page": 3})
