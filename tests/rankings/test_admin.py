"""The rankings admin: leaderboards, signals, weights, and the score history chart."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import timezone

from rankings.models import CategoryWeights, Score
from rankings.scoring import score_scale
from tests.factories import CategoryFactory, ModelFactory, SignalFactory
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


def test_the_chart_tag_draws_one_line_per_category():
    model = ModelFactory(slug="charted")
    coding, overall = CategoryFactory(slug="coding"), CategoryFactory(slug="overall")
    for days in (2, 1, 0):
        publish(coding, T - timedelta(days=days), [model], current=days == 0)
        publish(overall, T - timedelta(days=days), [model], current=days == 0)

    html = Template("{% load rankings_admin %}{% score_history_chart model %}").render(Context({"model": model}))

    assert html.count("<polyline") == 2
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "coding #1" in html and "overall #1" in html
    assert "2026-02-23" in html and "2026-02-25" in html


def test_the_chart_tag_says_when_there_is_no_history():
    html = Template("{% load rankings_admin %}{% score_history_chart model %}").render(
        Context({"model": ModelFactory(slug="<b>fresh</b>")})
    )
    assert html == '<p class="help">No scores yet for &lt;b&gt;fresh&lt;/b&gt;.</p>'


def test_the_model_change_page_shows_the_chart(staff):
    model = ModelFactory(slug="on-page")
    publish(CategoryFactory(slug="overall"), T, [model])
    response = staff.get(f"/admin/models_registry/model/{model.pk}/change/")
    assert response.status_code == 200
    assert "<polyline" in response.content.decode()
