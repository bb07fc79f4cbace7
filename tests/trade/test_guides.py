import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rabta.core.exceptions import InvalidInput, NotPermitted
from rabta.trade import guides
from rabta.trade.models import MarketGuide
from tests.factories import OrganiserFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def data(**changes):
    values = {
        "title": {"en": "Exporting surgical instruments to Russia"},
        "summary": {},
        "market": "RU",
        "origin": "PK",
        "hs_chapters": ["90"],
        "sector": None,
        "sources": {"en": "EAEU TR CU 020/2011"},
        "last_reviewed": dt.date.today(),
        "status": "published",
    }
    values.update(changes)
    return values


def write(actor, **changes):
    return guides.guide_save(
        actor=actor,
        data=data(**changes),
        sections={"certification": {"en": "Register with Roszdravnadzor."}},
    )


def test_only_organisers_write_and_only_the_owner_edits(organiser):
    with pytest.raises(NotPermitted):
        write(UserFactory())
    guide = write(organiser)
    assert guide.owner == organiser and guide.sections.get().kind == "certification"
    with pytest.raises(NotPermitted):
        guides.guide_save(actor=OrganiserFactory(), data=data(), sections={}, guide=guide)
    with pytest.raises(InvalidInput) as error:
        guides.guide_save(
            actor=organiser, data=data(hs_chapters=["99"], market="XX"), sections={}, guide=guide
        )
    assert set(error.value.field_errors) == {"hs_chapters", "market"}


def test_everyone_reads_published_guides_drafts_only_organisers(client, organiser):
    published = write(organiser)
    draft = write(organiser, status="draft", title={"ru": "Черновик"})
    assert client.get(f"/trade/guides/{published.slug}/").status_code == 200
    assert client.get(f"/trade/guides/{draft.slug}/").status_code == 404
    page = client.get("/trade/guides/").content.decode()
    assert f"/trade/guides/{published.slug}/" in page and f"/trade/guides/{draft.slug}/" not in page
    assert "not legal advice" in page
    client.force_login(organiser)
    assert client.get(f"/trade/guides/{draft.slug}/").status_code == 200
    client.force_login(UserFactory())
    assert client.get("/trade/guides/new/").status_code == 403
    assert client.get(f"/trade/guides/{published.slug}/edit/").status_code == 403


def test_a_guide_in_another_language_is_marked_and_old_ones_are_due_for_review(client, organiser):
    guide = write(
        organiser,
        title={"ru": "Экспорт в Россию"},
        last_reviewed=dt.date.today() - dt.timedelta(days=400),
    )
    assert guide.needs_review
    page = client.get(f"/trade/guides/{guide.slug}/").content.decode()
    assert "data-other-language" in page and "data-needs-review" in page


def test_guides_appear_beside_matching_opportunities(client, organiser):
    from tests.marketplace.helpers import participant, publish

    guide = write(organiser)
    opportunity = publish(participant(country="PK")[0], hs_codes=["9018"])
    page = client.get(f"/marketplace/{opportunity.pk}/").content.decode()
    assert guide.slug in page


def test_attachments_through_the_safe_upload(client, organiser):
    guide = write(organiser)
    guides.guide_attach(actor=organiser, guide=guide, file=SimpleUploadedFile("rules.pdf", PDF))
    with pytest.raises(InvalidInput):
        guides.guide_attach(
            actor=organiser, guide=guide, file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00binary")
        )
    attachment = guide.attachments.get()
    assert attachment.content_type == "application/pdf" and attachment.file.name.endswith(".pdf")
    response = client.get(f"/trade/guides/{guide.slug}/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    MarketGuide.objects.filter(pk=guide.pk).update(status="draft")
    assert client.get(f"/trade/guides/{guide.slug}/attachments/{attachment.pk}/").status_code == 404


def test_an_organiser_writes_a_guide_through_the_form(client, organiser):
    client.force_login(organiser)
    form = {
        "title_en": "Leather gloves to Russia", "title_ru": "", "title_ur": "",
        "summary_en": "", "summary_ru": "", "summary_ur": "",
        "market": "RU", "origin": "PK", "hs_chapters": "42، 61", "sector": "",
        "sources_en": "EAEU", "sources_ru": "", "sources_ur": "",
        "last_reviewed": "2026-11-01", "status": "published",
        "section_customs_en": "Declare at the border.", "section_customs_ru": "", "section_customs_ur": "",
        "attachment": SimpleUploadedFile("checklist.pdf", PDF),
    }  # fmt: skip
    response = client.post("/trade/guides/new/", form)
    guide = MarketGuide.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/trade/guides/{guide.slug}/"
    assert guide.hs_chapters == ["42", "61"] and guide.owner == organiser
    assert guide.sections.get().kind == "customs" and guide.attachments.count() == 1
    bad = client.post("/trade/guides/new/", {**form, "hs_chapters": "99", "attachment": ""})
    assert bad.status_code == 200 and "is not an HS chapter" in bad.content.decode()
    assert MarketGuide.objects.count() == 1
