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


def test_the_day_page_takes_a_table_out_by_number_and_lists_only_those_out(
    event, organiser, client
):
    from rabta.events.models import Table

    Table.objects.bulk_create([Table(event=event, number=n) for n in range(101, 131)])
    client.force_login(organiser)
    day = reverse("events:day", args=[event.slug])
    out = reverse("events:table_out", args=[event.slug])
    page = client.get(day).content.decode()
    assert "Back in service" not in page and page.count('name="number"') == 1
    for hostile in ("999", "-1", "12a", "9" * 40, ""):
        answer = client.post(out, {"number": hostile}, follow=True).content.decode()
        assert "No table has this number." in answer
    assert not Table.objects.for_event(event).filter(out_of_service_from__isnull=False).exists()
    page = client.post(out, {"number": " 117 "}, follow=True).content.decode()
    assert "Marked as out of service from now on." in page
    taken = Table.objects.for_event(event).get(number=117)
    assert taken.out_of_service_from is not None
    assert page.count("Back in service") == 1
    assert Table.objects.for_event(event).filter(out_of_service_from__isnull=False).count() == 1


def test_the_manage_page_deletes_a_table_by_number(event, organiser, client):
    from rabta.events.models import Table

    Table.objects.bulk_create([Table(event=event, number=n) for n in range(101, 131)])
    before = Table.objects.for_event(event).count()
    client.force_login(organiser)
    manage = reverse("events:manage", args=[event.slug])
    delete = reverse("events:table_delete", args=[event.slug])
    assert client.get(manage).content.decode().count('id="delete-number"') == 1
    for hostile in ("999", "-1", "1e3", ""):
        answer = client.post(delete, {"number": hostile}, follow=True).content.decode()
        assert "No table has this number." in answer
    assert Table.objects.for_event(event).count() == before
    answer = client.post(delete, {"number": "117"}, follow=True).content.decode()
    assert "The table is deleted." in answer
    assert not Table.objects.for_event(event).filter(number=117).exists()
    assert Table.objects.for_event(event).count() == before - 1
