import pytest

from tests.trade.data import ROWS, import_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(organiser):
    import_rows(organiser, ROWS)


@pytest.mark.parametrize(
    ("language", "amount"),
    [("en", "USD 600,000,000"), ("ru", "600\xa0000\xa0000"), ("ur", "60,00,00,000")],
)
def test_the_corridor_page_in_three_languages(client, imported, language, amount):
    client.cookies["rabta_language"] = language
    page = client.get("/trade/").content.decode()
    assert amount in page  # Pakistan's 2024 exports, in the reader's number format
    assert "<svg" in page and "<table" in page
    assert "Rosstat" in page and "Pakistan Bureau of Statistics" in page  # every figure's source
    if language == "ur":
        assert 'dir="rtl"' in page


def test_the_chapter_and_heading_pages(client, imported):
    page = client.get("/trade/hs/90/").content.decode()
    assert "USD 55,000,000 (+10.0 %)" in page  # chapter 90: 50 → 55 million
    assert "/trade/hs/9018/" in page
    heading = client.get("/trade/hs/9018/").content.decode()
    assert "USD 50,000,000 (+25.0 %)" in heading
    assert client.get("/trade/hs/77/").status_code == 404
    assert client.get("/trade/hs/9x/").status_code == 404
    assert client.get("/trade/hs/901890/").status_code == 404


def test_pages_without_figures(client):
    assert "No figures have been imported" in client.get("/trade/").content.decode()
    assert client.get("/trade/hs/90/").status_code == 200


def test_trends_csv(client, imported):
    response = client.get("/trade/hs/90/trends.csv")
    text = b"".join(response.streaming_content).decode()
    assert "90,PK,RU,Pakistan Bureau of Statistics,PK,export,2024,55000000,12,10.0" in text


def test_statistics_csv_needs_an_account(client):
    assert client.get("/trade/statistics.csv").status_code == 302


def test_the_trend_line_beside_an_opportunity_and_a_profile(client, imported):
    from tests.marketplace.helpers import participant, publish

    opportunity = publish(participant(country="PK")[0], hs_codes=["901890"])
    page = client.get(f"/marketplace/{opportunity.pk}/").content.decode()
    assert 'data-trend-line="9018"' in page and "USD 55,000,000 in 2024" in page
    assert "+25.0 % on 2023" in page and "/trade/hs/9018/" in page
    profile = client.get(f"/organisations/{opportunity.organisation.slug}/").content.decode()
    assert 'data-trend-line="9018"' not in profile  # the organisation has no HS codes


def test_the_marketplace_filters_by_trend(client, imported):
    from tests.marketplace.helpers import participant, publish

    growing = publish(participant(country="PK")[0], hs_codes=["9018"])
    shrinking = publish(participant(country="PK")[0], hs_codes=["6109"])
    page = client.get("/marketplace/?trend=growing").content.decode()
    assert f"/marketplace/{growing.pk}/" in page and f"/marketplace/{shrinking.pk}/" not in page
    page = client.get("/marketplace/?trend=shrinking").content.decode()
    assert f"/marketplace/{shrinking.pk}/" in page and f"/marketplace/{growing.pk}/" not in page
    assert client.get("/api/v1/opportunities?trend=sideways").status_code == 422


def test_the_api(client, imported, organiser):
    trends = client.get("/api/v1/trade/trends?hs=90").json()
    series = trends["directions"][0]["series"]
    assert {(s["source"], s["flow"]) for s in series} == {
        ("Pakistan Bureau of Statistics", "export"),
        ("Rosstat", "import"),
    }
    pbs = next(s for s in series if s["flow"] == "export")
    assert pbs["points"][-1] == {
        "year": 2024,
        "value_usd": "55000000.00",
        "months": 12,
        "change_percent": 10.0,
    }
    assert client.get("/api/v1/trade/trends?hs=77").status_code == 422
    page = client.get("/api/v1/trade/statistics?hs=9018&reporter=PK").json()
    assert page["count"] == 2 and page["items"][0]["value_usd"] == "40000000.00"
    assert client.get("/api/v1/trade/statistics?limit=5000").status_code == 422
    assert client.get("/api/v1/trade/guides").json() == []
    assert client.get("/api/v1/trade/guides/nothing").status_code == 404
