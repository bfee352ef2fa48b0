"""GET /v1/rankings/{category}, /history and /movers: contract, pagination, errors."""

from datetime import UTC, datetime, timedelta

import pytest

from aimodelsmap.dataversion import data_version_bump
from rankings import selectors
from rankings.models import ScoreRun, ScoreSnapshot
from rankings.services import score_recompute
from tests.factories import (
    CategoryFactory,
    ModelAliasFactory,
    ModelFactory,
    ProviderFactory,
    ScoreSnapshotFactory,
    SignalFactory,
)
from tests.rankings.helpers import publish

pytestmark = pytest.mark.django_db

T = datetime(2026, 2, 25, 18, tzinfo=UTC)


@pytest.fixture
def coding():
    return CategoryFactory(slug="coding", name="Coding")


@pytest.fixture
def models():
    anthropic = ProviderFactory(slug="anthropic", name="Anthropic")
    return [ModelFactory(slug=f"m{i}", name=f"M {i}", creator=anthropic) for i in range(1, 6)]


def test_it_serves_the_leaderboard_in_the_contract_shape(api_client, coding, models):
    day_ago, week_ago = T - timedelta(days=1), T - timedelta(days=7, hours=2)
    publish(coding, day_ago, models[:1], current=False)
    publish(coding, week_ago, models[:1], current=False)
    publish(coding, T, models[:1], change_24h=0, change_7d=1, compared={"24h": day_ago, "7d": week_ago})

    response = api_client.get("/v1/rankings/coding")

    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {
                "rank": 1,
                "model": {"slug": "m1", "name": "M 1", "provider": {"name": "Anthropic", "slug": "anthropic"}},
                "score": 80.0,
                "quality_rank": 1,
                "adoption_rank": 1,
                "rank_spread": {"low": 1, "high": 1},
                "state": "stable",
                "confidence": 0.8,
                "change_24h": 0,
                "change_7d": 1,
                "top_drivers": ["quality", "demand"],
                "recorded_at": "2026-02-25T18:00:00Z",
            }
        ],
        "category": "coding",
        "pagination": {"next_cursor": None, "has_more": False, "total": 1},
        "compared_with": {"24h": "2026-02-24T18:00:00Z", "7d": "2026-02-18T16:00:00Z"},
    }


def test_changes_with_nothing_to_compare_with_are_null_and_a_real_zero_stays_zero(api_client, coding, models):
    day_ago = T - timedelta(days=1)
    publish(coding, day_ago, models[:2], current=False)
    # m1 kept its rank over 24 hours (a real 0); m3 was not in the run a day ago;
    # there is no run a week ago at all.
    publish(coding, T, models[:1], change_24h=0, compared={"24h": day_ago})
    ScoreSnapshotFactory(
        model=models[2], category=coding, recorded_at=T, rank=2, quality_rank=2, adoption_rank=2, score=50.0
    )
    ScoreRun.objects.filter(category=coding, recorded_at=T).update(models_count=2)
    data_version_bump()

    body = api_client.get("/v1/rankings/coding").json()

    assert [(row["model"]["slug"], row["change_24h"], row["change_7d"]) for row in body["data"]] == [
        ("m1", 0, None),
        ("m3", None, None),
    ]
    assert body["compared_with"] == {"24h": "2026-02-24T18:00:00Z", "7d": None}


def test_pages_walk_the_whole_leaderboard_in_rank_order(api_client, coding, models):
    publish(coding, T, models)
    seen, cursor = [], None
    while True:
        response = api_client.get("/v1/rankings/coding", {"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200
        body = response.json()
        assert body["pagination"]["total"] == 5
        seen += [row["rank"] for row in body["data"]]
        cursor = body["pagination"]["next_cursor"]
        if not body["pagination"]["has_more"]:
            break
    assert seen == [1, 2, 3, 4, 5]
    assert cursor is None


def test_paging_stays_on_the_leaderboard_it_started_on(api_client, coding, models):
    publish(coding, T, models)
    first = api_client.get("/v1/rankings/coding", {"limit": 2}).json()
    # A recompute lands between pages: the order is reversed at T + 1h.
    publish(coding, T + timedelta(hours=1), list(reversed(models)))

    second = api_client.get("/v1/rankings/coding", {"limit": 2, "cursor": first["pagination"]["next_cursor"]})

    assert [row["model"]["slug"] for row in first["data"]] == ["m1", "m2"]
    assert [row["model"]["slug"] for row in second.json()["data"]] == ["m3", "m4"]
    assert {row["recorded_at"] for row in second.json()["data"]} == {"2026-02-25T18:00:00Z"}
    fresh = api_client.get("/v1/rankings/coding", {"limit": 2}).json()
    assert [row["model"]["slug"] for row in fresh["data"]] == ["m5", "m4"]


def test_a_category_without_scores_is_an_empty_leaderboard(api_client, coding):
    response = api_client.get("/v1/rankings/coding")
    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "category": "coding",
        "pagination": {"next_cursor": None, "has_more": False, "total": 0},
        "compared_with": {"24h": None, "7d": None},
    }


def test_it_rejects_an_unknown_category(api_client):
    response = api_client.get("/v1/rankings/nope")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Category not found.", "details": None}}


@pytest.mark.parametrize("limit", ["0", "101", "abc", "2.0"])
def test_it_rejects_a_bad_limit(api_client, coding, limit):
    response = api_client.get("/v1/rankings/coding", {"limit": limit})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert list(response.json()["error"]["details"]) == ["limit"]


def test_it_rejects_a_tampered_cursor(api_client, coding, models):
    publish(coding, T, models)
    response = api_client.get("/v1/rankings/coding", {"cursor": "garbage"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"cursor": ["Invalid cursor."]}


def test_it_requires_an_api_key(client, coding):
    response = client.get("/v1/rankings/coding")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_history_is_the_daily_last_leaderboard_top(api_client, coding, models):
    publish(coding, T - timedelta(days=1, hours=6), models[:2], current=False)
    publish(coding, T - timedelta(days=1), list(reversed(models[:2])), current=False)
    publish(coding, T, models[:2])

    response = api_client.get("/v1/rankings/coding/history", {"startDate": "2026-02-24", "endDate": "2026-02-25"})

    assert response.status_code == 200
    body = response.json()
    assert body["category"] == "coding"
    assert body["count"] == 4
    assert [(row["recorded_at"], row["model"]["slug"]) for row in body["data"]] == [
        ("2026-02-24T18:00:00Z", "m2"),
        ("2026-02-24T18:00:00Z", "m1"),
        ("2026-02-25T18:00:00Z", "m1"),
        ("2026-02-25T18:00:00Z", "m2"),
    ]
    assert body["data"][0] == {
        "model": {"slug": "m2", "name": "M 2"},
        "score": 80.0,
        "quality_rank": 1,
        "adoption_rank": 2,
        "state": "stable",
        "recorded_at": "2026-02-24T18:00:00Z",
    }


def test_history_keeps_the_top_ten_or_one_model(api_client, coding):
    ranked = [ModelFactory(slug=f"x{i:02d}") for i in range(12)]
    ModelAliasFactory(model=ranked[11], alias="Eleven-Alias", normalized="eleven-alias")
    publish(coding, T, ranked)

    top = api_client.get("/v1/rankings/coding/history").json()
    one = api_client.get("/v1/rankings/coding/history", {"modelSlug": "ELEVEN-ALIAS"}).json()

    assert [row["model"]["slug"] for row in top["data"]] == [f"x{i:02d}" for i in range(10)]
    assert [(row["model"]["slug"], row["quality_rank"]) for row in one["data"]] == [("x11", 12)]


@pytest.mark.parametrize(
    ("params", "details"),
    [
        ({"startDate": "2026-13-01"}, ["startDate"]),
        ({"endDate": "yesterday"}, ["endDate"]),
        ({"startDate": "2026-02-26", "endDate": "2026-02-25"}, ["startDate"]),
    ],
)
def test_history_rejects_bad_dates(api_client, coding, params, details):
    response = api_client.get("/v1/rankings/coding/history", params)
    assert response.status_code == 400
    assert list(response.json()["error"]["details"]) == details


def test_history_rejects_an_unknown_model(api_client, coding):
    response = api_client.get("/v1/rankings/coding/history", {"modelSlug": "ghost"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Model not found."


def test_movers_compare_with_the_leaderboard_a_period_ago(api_client, coding, models):
    week_ago = T - timedelta(days=7, hours=2)
    publish(coding, week_ago, models[:3], current=False)
    publish(coding, T, [models[2], models[0], models[1]], compared={"7d": week_ago})

    response = api_client.get("/v1/rankings/coding/movers", {"period": "7d"})

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "gainers": [
                {
                    "model": {"slug": "m3", "name": "M 3", "provider": "Anthropic"},
                    "current_score": 80.0,
                    "previous_score": 60.0,
                    "score_change": 20.0,
                    "current_rank": 1,
                    "previous_rank": 3,
                    "rank_change": 2,
                    "direction": "up",
                }
            ],
            "losers": [
                {
                    "model": {"slug": "m1", "name": "M 1", "provider": "Anthropic"},
                    "current_score": 70.0,
                    "previous_score": 80.0,
                    "score_change": -10.0,
                    "current_rank": 2,
                    "previous_rank": 1,
                    "rank_change": -1,
                    "direction": "down",
                },
                {
                    "model": {"slug": "m2", "name": "M 2", "provider": "Anthropic"},
                    "current_score": 60.0,
                    "previous_score": 70.0,
                    "score_change": -10.0,
                    "current_rank": 3,
                    "previous_rank": 2,
                    "rank_change": -1,
                    "direction": "down",
                },
            ],
        },
        "category": "coding",
        "period": "7d",
        "compared_with": "2026-02-18T16:00:00Z",
    }
    assert api_client.get("/v1/rankings/coding/movers", {"period": "30d"}).json() == {
        "data": {"gainers": [], "losers": []},
        "category": "coding",
        "period": "30d",
        "compared_with": None,
    }
    limited = api_client.get("/v1/rankings/coding/movers", {"period": "7d", "limit": 1}).json()["data"]
    assert [len(limited["gainers"]), len(limited["losers"])] == [1, 1]


def test_a_model_that_rose_only_because_others_fell_is_not_a_gainer(api_client, coding, models):
    week_ago = T - timedelta(days=7)
    publish(coding, week_ago, models[:2], current=False)  # scores 80, 70
    publish(coding, T, [models[1], models[0]], compared={"7d": week_ago}, score=50.0)

    data = api_client.get("/v1/rankings/coding/movers", {"period": "7d"}).json()["data"]

    # m2 rose to #1 but its score fell from 70 to 50: it is not a gainer; m1 fell and lost 30.
    assert data["gainers"] == []
    assert [(m["model"]["slug"], m["rank_change"], m["score_change"]) for m in data["losers"]] == [("m1", -1, -30.0)]


def test_a_model_absent_from_the_compared_run_is_not_a_mover(api_client, coding, models):
    week_ago = T - timedelta(days=7)
    publish(coding, week_ago, models[:2], current=False)
    # m3 is new and takes #1: it has no previous rank to have risen from.
    publish(coding, T, [models[2], models[0], models[1]], compared={"7d": week_ago}, score=40.0)

    body = api_client.get("/v1/rankings/coding/movers", {"period": "7d"}).json()

    assert body["data"]["gainers"] == []
    assert [m["model"]["slug"] for m in body["data"]["losers"]] == ["m1", "m2"]
    assert body["compared_with"] == "2026-02-18T18:00:00Z"


def test_a_recompute_a_day_later_names_the_run_it_compared_with(api_client, models, django_capture_on_commit_callbacks):
    board = {"signal_type": "quality", "source": "arena", "dedupe_key": "full"}
    SignalFactory(model=models[0], raw_value=1400, recorded_at=T - timedelta(days=1), **board)
    SignalFactory(model=models[1], raw_value=1300, recorded_at=T - timedelta(days=1), **board)
    with django_capture_on_commit_callbacks(execute=True):
        score_recompute(at=T)
    first = api_client.get("/v1/rankings/overall").json()
    SignalFactory(model=models[1], raw_value=1450, recorded_at=T + timedelta(hours=12), **board)
    with django_capture_on_commit_callbacks(execute=True):
        score_recompute(at=T + timedelta(days=1))
    second = api_client.get("/v1/rankings/overall").json()
    movers = api_client.get("/v1/rankings/overall/movers", {"period": "24h"}).json()

    assert first["compared_with"] == {"24h": None, "7d": None}
    assert {(row["change_24h"], row["change_7d"]) for row in first["data"]} == {(None, None)}
    assert second["compared_with"] == {"24h": "2026-02-25T18:00:00Z", "7d": None}
    assert [(row["model"]["slug"], row["change_24h"], row["change_7d"]) for row in second["data"][:3]] == [
        ("m2", 1, None),
        ("m1", -1, None),
        ("m3", 0, None),
    ]
    assert movers["compared_with"] == "2026-02-25T18:00:00Z"
    assert [m["model"]["slug"] for m in movers["data"]["gainers"]] == ["m2"]


def test_movers_rejects_an_unknown_period(api_client, coding):
    response = api_client.get("/v1/rankings/coding/movers", {"period": "1y"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "period": ['"1y" is not a valid choice. Allowed values: 24h, 7d, 30d.']
    }


def test_movers_rejects_an_unknown_category(api_client):
    assert api_client.get("/v1/rankings/nope/movers").status_code == 404


def test_a_recompute_replaces_the_cached_leaderboard(api_client, models, django_capture_on_commit_callbacks):
    first, second = models[:2]
    board = {"signal_type": "quality", "source": "arena", "dedupe_key": "full"}
    SignalFactory(model=first, raw_value=1400, recorded_at=T - timedelta(days=1), **board)
    SignalFactory(model=second, raw_value=1300, recorded_at=T - timedelta(days=1), **board)
    with django_capture_on_commit_callbacks(execute=True):
        score_recompute(at=T)
    before = api_client.get("/v1/rankings/overall").json()
    # The board's next snapshot reverses them.
    SignalFactory(model=first, raw_value=1250, recorded_at=T, **board)
    SignalFactory(model=second, raw_value=1350, recorded_at=T, **board)
    with django_capture_on_commit_callbacks(execute=True):
        score_recompute(at=T + timedelta(hours=1))
    after = api_client.get("/v1/rankings/overall").json()

    # overall ranks every model: the three without a signal come last, in id order.
    assert [row["model"]["slug"] for row in before["data"]] == ["m1", "m2", "m3", "m4", "m5"]
    assert [row["model"]["slug"] for row in after["data"]] == ["m2", "m1", "m3", "m4", "m5"]
    # The run an hour before is not "24 hours ago": nothing to compare with.
    assert after["data"][0]["change_24h"] is None
    assert after["compared_with"] == {"24h": None, "7d": None}


def test_a_repeated_leaderboard_read_is_served_from_the_cache_without_queries(
    api_client, coding, models, django_assert_num_queries
):
    publish(coding, T, models)
    first = api_client.get("/v1/rankings/coding", {"limit": 2})
    with django_assert_num_queries(0):
        again = api_client.get("/v1/rankings/coding", {"limit": 2})
    assert again.status_code == 200
    assert again.json() == first.json()


def test_a_repeated_bad_query_is_rejected_every_time(api_client, coding, models):
    publish(coding, T, models)
    for _ in range(2):
        response = api_client.get("/v1/rankings/coding", {"limit": "0"})
        assert response.status_code == 400
        assert list(response.json()["error"]["details"]) == ["limit"]


def test_a_leaderboard_page_is_one_statement_its_total_from_the_published_run(
    coding, models, django_assert_num_queries
):
    publish(coding, T, models)

    with django_assert_num_queries(2):  # the page, then its models' labels, remembered for the data version
        board = selectors.leaderboard_page("coding", limit=2, cursor=None)
    first = board.page
    with django_assert_num_queries(1):  # the first read fetched (and labelled) a few rows past its page
        second = selectors.leaderboard_page("coding", limit=2, cursor=first.next_cursor).page

    assert board.at == T
    assert board.compared_with == {"24h": None, "7d": None}
    assert (first.total, second.total) == (5, 5)
    assert [row.model_slug for row in first.rows + second.rows] == ["m1", "m2", "m3", "m4"]
    assert second.rows[0]._asdict() == {
        "rank": 3,
        "model_id": models[2].pk,
        "score": 60.0,
        "quality_rank": 3,
        "adoption_rank": 3,
        "rank_low": 2,
        "rank_high": 4,
        "state": "stable",
        "confidence": 0.8,
        "change_24h": None,
        "change_7d": None,
        "top_drivers": ["quality", "demand"],
        "model_slug": "m3",
        "model_name": "M 3",
        "creator_name": "Anthropic",
        "creator_slug": "anthropic",
    }


def test_a_leaderboard_shows_a_models_new_name_once_the_catalog_changes(
    coding, models, django_capture_on_commit_callbacks
):
    publish(coding, T, models)
    assert selectors.leaderboard_page("coding", limit=1, cursor=None).page.rows[0].model_name == "M 1"

    models[0].name = "M One"
    models[0].creator.name = "Anthropic PBC"
    models[0].save()
    models[0].creator.save()
    with django_capture_on_commit_callbacks(execute=True):  # what the edit's commit does
        data_version_bump()

    row = selectors.leaderboard_page("coding", limit=1, cursor=None).page.rows[0]
    assert (row.model_slug, row.model_name, row.creator_name) == ("m1", "M One", "Anthropic PBC")


def test_a_page_whose_model_was_deleted_still_fills_its_limit(
    coding, models, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.db import connection

    from models_registry.models import Model

    publish(coding, T, models)
    selectors.leaderboard_page("coding", limit=3, cursor=None)  # the labels of m1-m3 are remembered
    # m2 is deleted while the published run still names it (rows have no database constraint).
    with connection.cursor() as db:
        db.execute(f"DELETE FROM {Model._meta.db_table} WHERE id = %s", [models[1].pk])
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()

    with django_assert_num_queries(3):  # the page, its models' labels (one is gone), the page with its models
        page = selectors.leaderboard_page("coding", limit=3, cursor=None).page
    with django_assert_num_queries(2):  # m2 is remembered as gone: straight to the page with its models
        again = selectors.leaderboard_page("coding", limit=3, cursor=None).page

    assert [row.model_slug for row in page.rows] == ["m1", "m3", "m4"]
    assert again.rows == page.rows
    assert page.total == 5
    second = selectors.leaderboard_page("coding", limit=3, cursor=page.next_cursor).page
    assert [row.model_slug for row in second.rows] == ["m5"]


def test_a_prepared_leaderboard_page_is_planned_once_not_on_every_read(coding, models, monkeypatch):
    """PostgreSQL keeps the generic plan of the prepared page statement instead of planning each read again."""
    from django.db import connection

    from models_registry.models import Model

    # A leaderboard of a real catalog's size: on five rows any plan is cheap.
    creator = models[0].creator
    catalog = Model.objects.bulk_create(Model(slug=f"bulk-{n}", name=f"Bulk {n}", creator=creator) for n in range(3000))
    ScoreSnapshot.objects.bulk_create(
        ScoreSnapshot(
            model=model, category=coding, recorded_at=T, rank=rank, quality_rank=rank, adoption_rank=rank,
            score=90.0 - rank / 100, confidence=0.8, top_drivers=["quality"],
        )
        for rank, model in enumerate(catalog, start=1)
    )  # fmt: skip
    ScoreRun.objects.create(category=coding, recorded_at=T, models_count=len(catalog), signals_count=0)
    with connection.cursor() as db:
        db.execute("ANALYZE")  # the planner sees the sizes, as on a served catalog
    # psycopg prepares a statement once it has run it this many times (settings: DB_PREPARE_THRESHOLD).
    prepared_after = 2
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "prepare_threshold", prepared_after)
    reads = 15
    for _ in range(reads):
        assert len(selectors.leaderboard_page("coding", limit=50, cursor=None).page.rows) == 50

    with connection.cursor() as db:
        db.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%WITH board AS%"],
        )
        plans = db.fetchall()
    # PostgreSQL plans a prepared statement's first five executions for their
    # values, then keeps the generic plan unless it looks dearer. With the page
    # size a parameter it did look dearer, and every read was planned.
    assert plans == [(reads - prepared_after - 5, 5)]


def test_a_cursor_whose_leaderboard_was_compacted_away_gives_an_empty_page(api_client, coding, models):
    publish(coding, T, models)
    first = api_client.get("/v1/rankings/coding", {"limit": 2}).json()
    ScoreSnapshot.objects.filter(category=coding, recorded_at=T).delete()
    ScoreRun.objects.filter(category=coding, recorded_at=T).delete()
    data_version_bump()

    response = api_client.get("/v1/rankings/coding", {"limit": 2, "cursor": first["pagination"]["next_cursor"]})

    assert response.status_code == 200
    assert response.json() == {
        "data": [],
        "category": "coding",
        "pagination": {"next_cursor": None, "has_more": False, "total": 0},
        "compared_with": {"24h": None, "7d": None},
    }
