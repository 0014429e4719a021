import pytest


@pytest.mark.rule("S1.6")
def test_catalogue_lists_published_items(client, make_item):
    make_item(title="楚雄州扶贫项目资金公告", category="funds")
    response = client.get("/catalogue/")
    assert response.status_code == 200
    assert "楚雄州扶贫项目资金公告" in response.content.decode()
