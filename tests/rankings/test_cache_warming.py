"""Publishing a recompute warms the first leaderboard pages, so the next readers are served from the cache."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest

from aimodelsmap.api import caching
from rankings import selectors
from rankings.cache import WARM_QUERIES, warm_leaderboard_cache
from rankings.services import score_recompute
from tests.factories import ModelFactory, ProviderFactory, SignalFactory

pytestmark = pytest.mark.django_db

T = datetime(2026, 2, 25, 18, tzinfo=UTC)


@pytest.fixture
def scored_signals():
    anthropic = ProviderFactory(slug="anthropic", name="Anthropic")
    models = [ModelFactory(slug=f"m{i}", name=f"M {i}", creator=anthropic) for i in range(1, 4)]
    board = {"signal_type": "quality", "source": "arena", "dedupe_key": "full"}
    for rank, model in enumerate(models):
        SignalFactory(model=model, raw_value=1400 - 50 * rank, recorded_at=T - timedelta(days=1), **board)
    return models


def test_a_published_recompute_leaves_the_first_pages_cached_as_a_miss_would_build_them(
    api_client, scored_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        score_recompute(at=T)
    # Another worker: nothing in its process memory, only what the recompute left in Redis.
    with (
        mock.patch.object(caching, "_local", caching._LocalLRU(64)),
        mock.patch.object(selectors, "leaderboard_page", side_effect=AssertionError("built on read")),
    ):
        warmed = [api_client.get("/v1/rankings/overall" + (f"?{query}" if query else "")) for query in WARM_QUERIES]
    # A cold miss: neither process memory nor Redis has the page.
    with mock.patch.object(caching, "_local", caching._LocalLRU(64)), mock.patch.object(caching, "cache") as cold:
        cold.get.return_value = None
        built = [api_client.get("/v1/rankings/overall" + (f"?{query}" if query else "")) for query in WARM_QUERIES]

    assert [response.status_code for response in warmed] == [200] * len(WARM_QUERIES)
    assert [response.content for response in warmed] == [response.content for response in built]
    assert [row["model"]["slug"] for row in warmed[0].json()["data"]] == ["m1", "m2", "m3"]


def test_a_recompute_that_only_writes_history_warms_nothing(
    api_client, scored_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        score_recompute(at=T)
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch("rankings.services.warm_leaderboard_cache") as warm,
    ):
        score_recompute(at=T - timedelta(days=2))  # older than the published leaderboard: history only
    warm.assert_not_called()


def test_warming_is_skipped_while_the_cache_is_unreachable(scored_signals):
    with mock.patch("rankings.cache.data_version", return_value=0):
        assert warm_leaderboard_cache() == 0


def test_warming_is_skipped_when_the_cache_is_off(settings, scored_signals):
    settings.CATALOG_CACHE_SECONDS = 0
    assert warm_leaderboard_cache() == 0
