"""An organiser sees the figures and exports of their own events only; the site-wide exports
(every organisation's contacts) are for the site's validators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rabta.accounts.services import api_token_create
from tests.factories import OrganiserFactory, UserFactory, ValidatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rival(db):
    """An organiser who runs events, but not this one."""
    return OrganiserFactory(username="rival")


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').key}"}


def test_another_events_organiser_does_not_find_it_on_their_dashboard(client, event, rival):
    client.force_login(rival)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    assert "Delegation day" not in page.text
    assert client.get(reverse("reports:dashboard"), {"event": event.slug}).status_code == 404
    assert client.get(reverse("reports:dashboard_pdf"), {"event": event.slug}).status_code == 404


def test_another_events_organiser_gets_no_figures_or_exports_through_the_api(client, event, rival):
    headers = _bearer(rival)
    assert client.get(f"/api/v1/events/{event.slug}/dashboard", headers=headers).status_code == 403
    response = client.get(f"/api/v1/events/{event.slug}/exports/participants", headers=headers)
    assert response.status_code == 403
    figures = client.get("/api/v1/reports/dashboard", headers=headers).json()
    assert figures["events"] == []


def test_another_events_organiser_cannot_download_its_exports(client, event, rival):
    client.force_login(rival)
    for name in ("participants", "meetings", "agendas", "feedback"):
        url = reverse("reports:event_export", args=[event.slug, name, "csv"])
        assert client.get(url).status_code == 403, name


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (lambda: OrganiserFactory(), 403),
        (lambda: ValidatorFactory(), 200),
        (lambda: UserFactory(is_superuser=True), 200),
    ],
)
def test_only_validators_export_every_organisations_contacts(client, who, status):
    client.force_login(who())
    url = reverse("reports:export", args=["organisations", "csv"])
    assert client.get(url).status_code == status


def test_an_event_organiser_cannot_import_approved_organisations(client, event, rival):
    """Imported organisations are approved at once: that is the site's validators' power."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rabta.organisations.models import Organisation
    from rabta.reports.models import ImportJob

    client.force_login(rival)
    upload = SimpleUploadedFile("orgs.csv", b"name_en,country,city\nUral Sport,RU,Yekaterinburg\n")
    response = client.post(
        reverse("reports:import_new"), {"kind": "organisations", "file": upload, "encoding": ""}
    )
    assert response.status_code == 200
    assert "Only the site&#x27;s validators can import organisations" in response.text
    assert not ImportJob.objects.exists()
    assert not Organisation.objects.filter(name__en="Ural Sport").exists()


def test_an_organiser_cannot_import_registrations_into_another_event(rival, event):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rabta.core.exceptions import NotPermitted
    from rabta.reports.imports import import_start

    upload = SimpleUploadedFile("r.csv", b"organisation,country,attendees\nX,PK,x@example.org\n")
    with pytest.raises(NotPermitted, match="Only the event's organisers"):
        import_start(actor=rival, kind="registrations", upload=upload, event=event)
