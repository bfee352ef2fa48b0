"""The public pages through Django's test client: same numbers as the API, 400/404 pages, caching."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from aimodelsmap.dataversion import data_version_bump, reviews_version_bump
from models_registry.models import Model, ModelFact
from models_registry.provenance import fact_pin, facts_derive
from tests.conftest import make_key
from tests.factories import ReviewFactory
from tests.web.seed import seed_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return seed_world()


@pytest.fixture
def browser_client():
    return Client()


@pytest.fixture
def v1(db):
    client = Client()
    key = make_key("internal")

    def get(path: str) -> dict:
        response = client.get(path, HTTP_X_API_KEY=key)
        assert response.status_code == 200, response.content
        return response.json()

    return get


def board_slugs(html: str) -> list[str]:
    return re.findall(r'<tr data-slug="([^"]+)"', html)


def board_scores(html: str) -> list[float]:
    return [float(value) for value in re.findall(r'data-score="([^"]+)"', html)]


def test_the_leaderboard_pages_through_the_whole_board_with_the_apis_rows(world, browser_client, v1):
    api = v1("/v1/rankings/overall?limit=100")["data"]
    first = browser_client.get("/leaderboards/overall/")
    second = browser_client.get("/leaderboards/overall/?page=2")

    assert first.status_code == second.status_code == 200
    html = first.content.decode() + second.content.decode()
    assert board_slugs(html) == [entry["model"]["slug"] for entry in api]
    assert board_scores(html) == [entry["score"] for entry in api]
    assert len(board_slugs(first.content.decode())) == 50


def test_the_leaderboard_filters_by_open_weights_maker_and_price_ceiling(world, browser_client):
    response = browser_client.get("/leaderboards/overall/?open_weights=yes&maker=acme&max_price=1.5")

    shown = board_slugs(response.content.decode())
    by_slug = {model.slug: model for model in world.models}
    assert shown  # model-00, -06, -12 ... that are Acme's (even index) and priced at most $1.50 blended
    for slug in shown:
        model = by_slug[slug]
        index = int(slug.split("-")[1])
        assert model.open_weights is True and model.creator.slug == "acme"
        # The price in force is the June row: (3 x 0.05 + 0.2) / 4 per index step.
        assert Decimal("0.0875") * (index + 1) <= Decimal("1.5")
        assert index % 7 != 6


def test_the_leaderboard_sorts_by_price_with_unpriced_models_last(world, browser_client):
    html = browser_client.get("/leaderboards/overall/?sort=price&order=asc").content.decode()
    html += browser_client.get("/leaderboards/overall/?sort=price&order=asc&page=2").content.decode()

    slugs = board_slugs(html)
    priced = [slug for slug in slugs if slug.startswith("model-") and int(slug[6:]) % 7 != 6]
    assert slugs[: len(priced)] == sorted(priced)
    assert set(slugs[len(priced) :]) == {"claude-sonnet-4", "claude-sonnet-4-thinking"} | {
        f"model-{i:02d}" for i in range(56) if i % 7 == 6
    }


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=99", "page"),
        ("max_price=-1", "max_price"),
        ("max_price=cheap", "max_price"),
        ("sort=popularity", "sort"),
        ("order=sideways", "order"),
        ("open_weights=maybe", "open_weights"),
        ("maker=%00", "maker"),
    ],
)
def test_a_bad_leaderboard_parameter_is_a_400_page_naming_it(world, browser_client, query, named):
    response = browser_client.get(f"/leaderboards/overall/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "no-store"
    assert f"<li>{named}: " in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/search/?q=%00", "/compare/?models=model-00", "/compare/?models=a,b,c,d,e", "/compare/", "/compare/?models=,"],
)
def test_other_bad_parameters_are_400_pages(world, browser_client, path):
    response = browser_client.get(path)
    assert response.status_code == 400
    assert "Bad request (400)" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/leaderboards/nothing/",
        "/leaderboards/nothing/quality-vs-price/",
        "/models/nothing/",
        "/providers/nothing/",
        "/compare/?models=model-00,nothing",
    ],
)
def test_an_unknown_name_is_a_404_page(world, browser_client, path):
    response = browser_client.get(path)
    assert response.status_code == 404
    assert "Not found (404)" in response.content.decode()


def test_an_alias_redirects_to_the_models_page(world, browser_client):
    response = browser_client.get("/models/claude-sonnet-4-20250514/")
    assert response.status_code == 301
    assert response["Location"] == "/models/claude-sonnet-4/"


def test_the_model_page_shows_facts_charts_hosts_reviews_and_variants(world, browser_client):
    html = browser_client.get("/models/model-01/").content.decode()

    assert "1,048,576 tokens" in html  # context windows printed in full
    assert "$0.10 input, $0.40 output per 1M tokens" in html  # money, the June price in force
    assert 'data-chart="score-history" data-points="4"' in html  # two runs in two categories
    assert 'data-chart="price-history" data-points="3"' in html  # two rows at Acme, one at FastCloud
    assert '<a href="/providers/fastcloud/">FastCloud</a>' in html and "910 ms" in html and "99.00%" in html

    claude = browser_client.get("/models/claude-sonnet-4/").content.decode()
    assert "Careful with code" in claude and "Average 5.0 / 5 from 1 review" in claude
    assert '<a href="/models/claude-sonnet-4-thinking/">Claude Sonnet 4 (thinking)</a>' in claude
    assert 'id="review-form" data-endpoint="/v1/models/claude-sonnet-4/reviews"' in claude


def test_a_single_snapshot_is_still_drawn(world, browser_client):
    # The variant was ranked in both runs but claude-sonnet-4's coding history is empty:
    # its overall series has two points; a model first ranked in the last run has one.
    html = browser_client.get("/models/claude-sonnet-4-thinking/").content.decode()
    assert re.search(r'data-chart="score-history" data-points="[12]"', html)
    assert "<circle" in html


def test_a_new_review_shows_at_once_without_a_data_version_bump(
    world, browser_client, django_capture_on_commit_callbacks
):
    assert "from 1 review" in browser_client.get("/models/claude-sonnet-4/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ReviewFactory(model=world.claude, rating=3)
        reviews_version_bump()
    assert "Average 4.0 / 5 from 2 reviews" in browser_client.get("/models/claude-sonnet-4/").content.decode()


def test_search_tolerates_typos_and_matches_the_search_api(world, browser_client, v1):
    html = browser_client.get("/search/?q=cluade+sonet").content.decode()
    api = v1("/v1/models/search?q=cluade+sonet&limit=20")["data"]

    shown = re.findall(r'<td><a href="/models/([^/]+)/">', html)
    assert shown[0] == "claude-sonnet-4"
    assert shown == [row["slug"] for row in api]


def test_compare_shows_two_to_four_models_side_by_side(world, browser_client, v1):
    html = browser_client.get("/compare/?models=model-00,claude-sonnet-4-20250514,model-02").content.decode()
    api = v1("/v1/models/compare?slugs=model-00,claude-sonnet-4-20250514,model-02")["data"]

    assert re.findall(r'<th scope="col"><a href="/models/([^/]+)/">', html) == [e["model"]["slug"] for e in api]
    assert "$0.05" in html and "$0.20" in html  # model-00's June price


def test_quality_vs_price_places_every_priced_model_and_links_it(world, browser_client):
    html = browser_client.get("/leaderboards/coding/quality-vs-price/").content.decode()

    priced = [i for i in range(30) if i % 7 != 6]
    assert f'data-chart="quality-price" data-points="{len(priced)}"' in html
    assert html.count('<line class="spread-bar"') == len(priced)
    for index in priced:
        assert f'<a href="/models/model-{index:02d}/">' in html


def test_the_provider_page_lists_models_served_with_latency_and_uptime(world, browser_client):
    html = browser_client.get("/providers/fastcloud/").content.decode()

    assert 'data-chart="latency" data-points="4"' in html
    assert 'data-chart="uptime" data-points="3"' in html
    assert html.count("<code>fc/model-0") == 4


def test_the_home_page_shows_each_categorys_top_and_the_movers(world, browser_client):
    html = browser_client.get("/").content.decode()

    assert '<article class="card" data-category="coding">' in html
    assert '<article class="card" data-category="overall">' in html
    assert 'Model 10</a> <span class="state-rising">▲' in html  # its rating rose between the runs


def test_a_cached_page_makes_no_query_until_the_data_changes(
    world, browser_client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = browser_client.get("/leaderboards/overall/").content
    with django_assert_num_queries(0):
        assert browser_client.get("/leaderboards/overall/").content == first
    with django_capture_on_commit_callbacks(execute=True):
        world.models[0].name = "Renamed Model"
        world.models[0].save()
        data_version_bump()
    assert "Renamed Model" in browser_client.get("/leaderboards/overall/").content.decode()


def test_a_cached_model_page_makes_no_query(world, browser_client, django_assert_num_queries):
    first = browser_client.get("/models/model-03/").content
    with django_assert_num_queries(0):
        assert browser_client.get("/models/model-03/").content == first


def test_an_unknown_address_is_an_html_page_for_browsers_and_json_for_api_clients(db, browser_client):
    page = browser_client.get("/no/such/page", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert page.status_code == 404
    assert "No page has this address." in page.content.decode()

    for path, accept in (("/no/such/page", "*/*"), ("/v1/nothing", "text/html"), ("/api/nothing", "text/html")):
        response = browser_client.get(path, HTTP_ACCEPT=accept)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_the_model_page_names_the_source_and_snapshot_of_each_fact(world, browser_client):
    model = Model.objects.get(slug="model-01")
    ModelFact.objects.create(
        model=model, field="context_window", source="models-dev", as_of=date(2026, 7, 1), value=1048576
    )
    facts_derive([model.pk])
    fact_pin(model=model, field="knowledge_cutoff", value="2025-01")
    data_version_bump()

    html = browser_client.get("/models/model-01/").content.decode()

    assert '<dd>1,048,576 tokens <span class="muted">(models-dev, 2026-07-01)</span></dd>' in html
    assert '<dd>2025-01 <span class="muted">(pinned by a curator)</span></dd>' in html
