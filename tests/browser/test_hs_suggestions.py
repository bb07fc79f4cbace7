"""A small exporter who does not know their HS code: the text proposes it, they tick it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rabta.marketplace.models import Opportunity
from tests.browser.data import participant_with_organisation
from tests.browser.test_profile_urdu import log_in


@pytest.mark.slow
def test_the_form_proposes_the_hs_heading_of_an_urdu_text(page, screenshot, transactional_db):
    participant = participant_with_organisation()
    before = set(Opportunity.objects.values_list("pk", flat=True))
    log_in(page, participant)
    page.goto(reverse("marketplace:create"))
    page.locator("main select[name=kind]").select_option("export_offer")
    page.locator("main input[name=languages][value=ur]").check()
    page.locator("main [name=title_ur]").fill("باسمتی چاول کی برآمد")
    page.locator("main [name=countries]").fill("RU")
    with page.expect_navigation():
        page.locator("main button[name=suggest]").click()
    proposal = page.locator("main input[name=suggested_hs][value='1006']")
    assert proposal.count() == 1
    assert "1006 — rice" in page.locator("#hs-suggestions").inner_text()
    assert page.locator("main [name=title_ur]").input_value() == "باسمتی چاول کی برآمد"
    assert set(Opportunity.objects.values_list("pk", flat=True)) == before, "nothing is saved"
    screenshot(page, "hs-suggestions-proposed")
    proposal.check()
    with page.expect_navigation():
        page.locator("main button[name=publish]").click()
    opportunity = Opportunity.objects.exclude(pk__in=before).get()
    assert opportunity.hs_codes == ["1006"] and opportunity.suggested_headings == ["1006"]
    assert opportunity.status == Opportunity.Status.PUBLISHED
