"""GET /v1/models/{slug}/scores and /signals."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from rankings.models import Signal
from tests.factories import CategoryFactory, ModelAliasFactory, ModelFactory, SignalFactory
from tests.rankings.helpers import publish

pytestmark = pytest.mark.django_db

# A Wednesday.
T = datetime(2026, 2, 25, 18, tzinfo=UTC)


@pytest.fixture
def model():
    return ModelFactory(slug="claude-3-5-sonnet", name="Claude 3.5 Sonnet")


@pytest.fixture
def history(model):
    coding, overall = CategoryFactory(slug="coding"), CategoryFactory(slug="overall", display_order=0)
    for days in (9, 8, 2, 1):
        publish(coding, T - timedelta(days=days, hours=6), [model], current=False, score=50.0 + days)
        publish(coding, T - timedelta(days=days), [model], current=False, score=60.0 + days)
    publish(coding, T, [model])
    publish(overall, T, [model], confidence=0.92)
    return coding


def test_it_serves_the_last_snapshot_of_each_day(api_client, history):
    response = api_client.get("/v1/models/claude-3-5-sonnet/scores", {"category": "coding"})

    assert response.status_code == 200
    body = response.json()
    assert (body["model"], body["granularity"], body["count"]) == ("claude-3-5-sonnet", "daily", 5)
    assert [(row["recorded_at"], row["score"]) for row in body["data"]] == [
        ("2026-02-16T18:00:00Z", 69.0),
        ("2026-02-17T18:00:00Z", 68.0),
        ("2026-02-23T18:00:00Z", 62.0),
        ("2026-02-24T18:00:00Z", 61.0),
        ("2026-02-25T18:00:00Z", 80.0),
    ]
    assert body["data"][-1] == {
        "score": 80.0,
        "quality_rank": 1,
        "adoption_rank": 1,
        "state": "stable",
        "rank_spread": {"low": 1, "high": 1},
        "confidence": 0.8,
        "category": "coding",
        "recorded_at": "2026-02-25T18:00:00Z",
    }


def test_weekly_keeps_the_last_snapshot_of_each_iso_week(api_client, history):
    body = api_client.get("/v1/models/claude-3-5-sonnet/scores", {"category": "coding", "granularity": "weekly"}).json()
    assert body["granularity"] == "weekly"
    assert [row["recorded_at"] for row in body["data"]] == ["2026-02-17T18:00:00Z", "2026-02-25T18:00:00Z"]


def test_a_day_the_model_left_the_last_run_keeps_its_last_snapshot_of_that_day(api_client, model):
    # Looked up through the day's runs, not only the day's last one: the model
    # was ranked at 12:00 but not in the 18:00 leaderboard.
    coding, other = CategoryFactory(slug="coding"), ModelFactory(slug="other")
    publish(coding, T - timedelta(hours=6), [model, other], current=False)
    publish(coding, T, [other])

    body = api_client.get("/v1/models/claude-3-5-sonnet/scores", {"category": "coding"}).json()

    assert [(row["recorded_at"], row["score"]) for row in body["data"]] == [("2026-02-25T12:00:00Z", 80.0)]


def test_a_model_never_ranked_has_an_empty_history(api_client, history):
    ModelFactory(slug="unranked")

    body = api_client.get("/v1/models/unranked/scores").json()

    assert (body["data"], body["count"]) == ([], 0)


def test_without_a_category_it_serves_every_category_in_the_date_range(api_client, history):
    body = api_client.get(
        "/v1/models/claude-3-5-sonnet/scores", {"startDate": "2026-02-24", "endDate": "2026-02-25"}
    ).json()
    assert [(row["category"], row["recorded_at"]) for row in body["data"]] == [
        ("coding", "2026-02-24T18:00:00Z"),
        ("overall", "2026-02-25T18:00:00Z"),
        ("coding", "2026-02-25T18:00:00Z"),
    ]


def test_an_alias_resolves_to_the_model(api_client, history, model):
    ModelAliasFactory(model=model, alias="Sonnet-3.5", normalized="sonnet-3.5")
    body = api_client.get("/v1/models/SONNET-3.5/scores", {"category": "overall"}).json()
    assert body["model"] == "claude-3-5-sonnet"
    assert body["count"] == 1


@pytest.mark.parametrize(
    ("params", "details"),
    [
        (
            {"granularity": "hourly"},
            {"granularity": ['"hourly" is not a valid choice. Allowed values: daily, weekly.']},
        ),
        ({"startDate": "2026-02-30"}, None),
        ({"startDate": "2026-02-26", "endDate": "2026-02-01"}, {"startDate": ["startDate must not be after endDate."]}),
    ],
)
def test_scores_reject_bad_parameters(api_client, model, params, details):
    response = api_client.get("/v1/models/claude-3-5-sonnet/scores", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    if details is not None:
        assert response.json()["error"]["details"] == details


def test_scores_reject_an_unknown_model_or_category(api_client, model):
    unknown_model = api_client.get("/v1/models/ghost/scores")
    unknown_category = api_client.get("/v1/models/claude-3-5-sonnet/scores", {"category": "nope"})
    assert unknown_model.status_code == unknown_category.status_code == 404
    assert unknown_model.json() == {"error": {"code": "not_found", "message": "Model not found.", "details": None}}
    assert unknown_category.json()["error"]["message"] == "Category not found."


def test_it_lists_signals_newest_first_with_opaque_ids(api_client, model):
    old = SignalFactory(
        model=model,
        signal_type="quality",
        source="chatbot-arena",
        raw_value=1410,
        normalized_value=0.94,
        recorded_at=T - timedelta(days=3),
        metadata={"board": "coding"},
    )
    new = SignalFactory(model=model, signal_type="demand", recorded_at=T)
    Signal.objects.filter(pk=old.pk).update(id=36**2 + 35)
    SignalFactory(signal_type="quality", recorded_at=T)  # another model's

    body = api_client.get("/v1/models/claude-3-5-sonnet/signals").json()

    assert body["model"] == "claude-3-5-sonnet"
    assert body["count"] == 2
    assert body["data"][0]["id"] == "sig_" + np.base_repr(new.pk, 36).lower()
    assert body["data"][1] == {
        "id": "sig_10z",
        "signal_type": "quality",
        "source": "chatbot-arena",
        "raw_value": 1410.0,
        "normalized_value": 0.94,
        "recorded_at": "2026-02-22T18:00:00Z",
        "metadata": {"board": "coding"},
    }


def test_signals_filter_by_type_and_date(api_client, model):
    SignalFactory(model=model, signal_type="quality", recorded_at=T - timedelta(days=3))
    SignalFactory(model=model, signal_type="demand", recorded_at=T - timedelta(days=3))
    SignalFactory(model=model, signal_type="quality", recorded_at=T)

    by_type = api_client.get("/v1/models/claude-3-5-sonnet/signals", {"signalType": "quality"}).json()
    by_date = api_client.get("/v1/models/claude-3-5-sonnet/signals", {"endDate": "2026-02-22"}).json()

    assert [row["signal_type"] for row in by_type["data"]] == ["quality", "quality"]
    assert sorted(row["signal_type"] for row in by_date["data"]) == ["demand", "quality"]


def test_signals_reject_an_unknown_type(api_client, model):
    response = api_client.get("/v1/models/claude-3-5-sonnet/signals", {"signalType": "vibes"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "signalType": [
            '"vibes" is not a valid choice. Allowed values: demand, usage, quality, cost, trust, social, expert.'
        ]
    }


def test_signals_reject_an_unknown_model(api_client):
    assert api_client.get("/v1/models/ghost/signals").status_code == 404
