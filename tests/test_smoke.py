def test_home_page_shows_what_rabta_is(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Meet the right partners" in response.content.decode()


def test_sectors_api_is_public(client, db):
    response = client.get("/api/v1/sectors")
    assert response.status_code == 200
    assert [sector["code"] for sector in response.json()][:2] == ["energy", "agriculture-food"]
