"""The rankings admin: leaderboards, signals, weights, and the score history chart."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import timezone

from rankings.models import CategoryWeights, Score
from rankings.scoring import score_scale
from tests.factories import (
    CategoryFactory,
    EndpointFactory,
    ModelFactory,
    PriceFactory,
    ProviderFactory,
    SignalFactory,
)
from tests.rankings.helpers import publish

pytestmark = pytest.mark.django_db

T = datetime(2026, 2, 25, 18, tzinfo=UTC)


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("curator", "curator@example.com", "pw-curator-123")
    client.force_login(user)
    return client


def test_the_leaderboard_is_browsable_by_category(staff):
    coding = CategoryFactory(slug="coding")
    models = [ModelFactory(slug=f"lead-{i}") for i in range(3)]
    publish(coding, T, list(reversed(models)))

    response = staff.get("/admin/rankings/score/", {"category__id__exact": coding.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Lead 2") < html.index("Lead 1") < html.index("Lead 0")
    assert "1–2" in html
    assert staff.get("/admin/rankings/score/add/").status_code == 403


def test_signals_and_snapshots_are_listed(staff):
    SignalFactory(model=ModelFactory(slug="sig-model"))
    assert "Sig Model" in staff.get("/admin/rankings/signal/").content.decode()
    assert staff.get("/admin/rankings/scoresnapshot/").status_code == 200
    assert staff.get("/admin/rankings/scorerun/").status_code == 200


def test_curators_edit_weights_and_recompute_from_the_admin(staff):
    coding = CategoryFactory(slug="coding")
    rated, used = ModelFactory(slug="rated"), ModelFactory(slug="used")
    # Ratings on a coding board make both models coding members.
    coding_board = {"category": coding, "signal_type": "quality", "source": "arena", "dedupe_key": "coding"}
    day_ago = timezone.now() - timedelta(days=1)
    SignalFactory(model=rated, raw_value=1400, recorded_at=day_ago, **coding_board)
    SignalFactory(model=used, raw_value=1200, recorded_at=day_ago, **coding_board)
    usage = {"signal_type": "usage", "source": "listings", "dedupe_key": "requests", "recorded_at": day_ago}
    SignalFactory(model=used, raw_value=1000, **usage)
    SignalFactory(model=rated, raw_value=1, **usage)

    response = staff.post(
        "/admin/rankings/categoryweights/add/",
        {"category": coding.pk, "demand": 0, "usage": 0, "quality": 1, "cost": 0, "trust": 0, "social": 0, "expert": 0},
    )
    assert response.status_code == 302
    weights = CategoryWeights.objects.get(category=coding)
    response = staff.post(
        "/admin/rankings/categoryweights/",
        {"action": "recompute_categories", "_selected_action": [weights.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Category coding: 2 scores published" in response.content.decode()
    # Quality alone counts: two models, one standard deviation either side of the mean.
    rows = {s.model_id: s for s in Score.objects.filter(category=coding)}
    assert rows[rated.pk].score == pytest.approx(float(score_scale([1.0])[0]), abs=0.005)
    assert (rows[rated.pk].rank, rows[used.pk].rank, rows[used.pk].adoption_rank) == (1, 2, 1)


def test_all_zero_weights_are_refused(staff):
    coding = CategoryFactory(slug="coding")
    response = staff.post(
        "/admin/rankings/categoryweights/add/",
        {"category": coding.pk, "demand": 0, "usage": 0, "quality": 0, "cost": 0, "trust": 0, "social": 0, "expert": 0},
    )
    assert response.status_code == 200
    assert "At least one weight must be above zero." in response.content.decode()
    assert not CategoryWeights.objects.exists()


def render_score_chart(model) -> str:
    return Template("{% load rankings_admin %}{% score_history_chart model %}").render(Context({"model": model}))


def chart_data(html: str) -> dict:
    """The chart's embedded JSON: the series it draws, with their colours and points."""
    match = re.search(r'<script id="score-history-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def legend(html: str) -> list[tuple[str, str]]:
    """(category, swatch colour) of each legend entry, in order."""
    items = re.findall(r'<li data-series="([^"]*)"><span class="swatch" style="background:(#[0-9a-fA-F]{6})">', html)
    return items


def test_the_chart_tag_draws_one_line_per_category():
    model = ModelFactory(slug="charted")
    coding = CategoryFactory(slug="coding", name="Coding", display_order=2)
    overall = CategoryFactory(slug="overall", name="Overall", display_order=1)
    for days in (2, 1, 0):
        publish(coding, T - timedelta(days=days), [model], current=days == 0)
        publish(overall, T - timedelta(days=days), [model], current=days == 0)

    html = render_score_chart(model)

    assert html.count("<polyline") == 2
    # Only inert data, no script to run, and nothing fetched from elsewhere.
    assert re.findall(r"<script[^>]*>", html) == ['<script id="score-history-data" type="application/json">']
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")
    data = chart_data(html)
    assert [series["category"] for series in data["series"]] == ["Overall", "Coding"]
    assert [len(series["points"]) for series in data["series"]] == [3, 3]
    assert legend(html) == [(series["category"], series["color"]) for series in data["series"]]
    assert "Overall #1 (80.0)" in html
    assert "2026-02-23 to 2026-02-25" in html


def test_a_single_snapshot_is_drawn_as_a_dot_and_listed():
    model = ModelFactory(slug="once")
    publish(CategoryFactory(slug="coding", name="Coding"), T, [model])

    html = render_score_chart(model)

    assert "<polyline" not in html  # a line needs two points
    assert html.count("<circle") == 1
    (series,) = chart_data(html)["series"]
    assert series["points"] == [{"recorded_at": T.isoformat(), "score": 80.0, "rank": 1}]
    assert legend(html) == [("Coding", series["color"])]


def test_the_window_covers_snapshots_older_than_ninety_days():
    model = ModelFactory(slug="old")
    coding, vision = CategoryFactory(slug="coding", name="Coding"), CategoryFactory(slug="vision", name="Vision")
    for days in (400, 200, 150):
        publish(coding, T - timedelta(days=days), [model], current=False)
    publish(vision, T - timedelta(days=300), [model], current=False)

    html = render_score_chart(model)

    data = chart_data(html)
    oldest, newest = T - timedelta(days=400), T - timedelta(days=150)
    assert (data["start"], data["end"]) == (oldest.isoformat(), newest.isoformat())
    assert {series["category"]: len(series["points"]) for series in data["series"]} == {"Coding": 3, "Vision": 1}
    assert html.count("<polyline") == 1 and html.count("<circle") == 4


def test_the_legend_lists_only_categories_with_data_each_in_its_own_colour():
    model = ModelFactory(slug="few")
    ranked = [CategoryFactory(slug=f"ranked-{i}", name=f"Ranked {i}") for i in range(15)]
    for category in [CategoryFactory(slug=f"empty-{i}", name=f"Empty {i}") for i in range(13)]:
        publish(category, T, [ModelFactory()])  # other models' scores, none of this model
    for category in ranked:
        publish(category, T, [model])

    html = render_score_chart(model)

    entries = legend(html)
    assert [name for name, _ in entries] == [f"Ranked {i}" for i in range(15)]
    assert len({color for _, color in entries}) == 15
    assert "Empty" not in html


def test_a_history_longer_than_a_year_is_drawn_weekly():
    model = ModelFactory(slug="long")
    coding = CategoryFactory(slug="coding", name="Coding")
    for days in range(0, 400, 2):
        publish(coding, T - timedelta(days=days), [model], current=False)

    html = render_score_chart(model)

    (series,) = chart_data(html)["series"]
    assert 57 <= len(series["points"]) <= 59  # one per ISO week of 400 days
    assert "last snapshot of each week" in html
    assert html.count("<polyline") == 1


def test_the_chart_tag_says_when_there_is_no_history():
    html = render_score_chart(ModelFactory(slug="<b>fresh</b>"))
    assert "<svg" not in html
    assert '<p class="help">No scores yet for &lt;b&gt;fresh&lt;/b&gt;.</p>' in html


def test_the_model_change_page_shows_both_charts_above_its_forms(staff):
    model = ModelFactory(slug="on-page")
    overall = CategoryFactory(slug="overall")
    publish(overall, T - timedelta(days=1), [model])
    publish(overall, T, [model])
    for index in range(30):
        host = ProviderFactory(is_creator=False)
        PriceFactory(endpoint=EndpointFactory(model=model, host=host, provider_model_id=f"on-page-{index}"))

    response = staff.get(f"/admin/models_registry/model/{model.pk}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<polyline" in html
    charts = [html.index('class="module history-chart score-history"'), html.index("price-history-data")]
    forms = [html.index('<fieldset class="module aligned'), html.index('id="endpoints-group"')]
    assert max(charts) < min(forms)
    prices = json.loads(re.search(r'id="price-history-data" type="application/json">(.*?)</script>', html).group(1))
    assert len(prices["series"]) == 30
    assert len({series["color"] for series in prices["series"]}) == 30
