import pytest

from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
from rankings.models import Score
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db

MODEL_COUNT = 23


@pytest.fixture
def many_models(db):
    """Models with heavy ties (scores repeat, some unscored, some changes null): the walk relies on the id tie-break."""
    creator = ProviderFactory(slug="acme", name="Acme")
    overall = Category.objects.create(slug=OVERALL_CATEGORY_SLUG, name="Overall")
    models = Model.objects.bulk_create(
        Model(slug=f"m-{n:02d}", name=f"Model {n % 5}", creator=creator) for n in range(MODEL_COUNT)
    )
    Score.objects.bulk_create(
        Score(
            model=model,
            category=overall,
            score=float(n % 4),
            rank=n % 6 + 1,
            quality_rank=1,
            adoption_rank=1,
            confidence=0.5,
            state="stable",
            # Every fifth has no 7-day comparison (null): trending must still walk it.
            change_7d=None if n % 5 == 0 else n % 3 - 1,
            recorded_at="2026-02-25T18:00:00Z",
        )
        for n, model in enumerate(models)
        if n % 7
    )
    return models


def walk(client, params):
    seen, cursor, totals, pages = [], None, set(), 0
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        response = client.get("/v1/models", query)
        assert response.status_code == 200, response.content
        body = response.json()
        seen += [row["slug"] for row in body["data"]]
        totals.add(body["pagination"]["total"])
        pages += 1
        assert len(body["data"]) <= params["limit"]
        if not body["pagination"]["has_more"]:
            assert body["pagination"]["next_cursor"] is None
            return seen, totals, pages
        cursor = body["pagination"]["next_cursor"]
        assert len(body["data"]) == params["limit"]


@pytest.mark.parametrize("sort_by", ["score", "name", "rank", "trending"])
@pytest.mark.parametrize("sort_order", ["asc", "desc"])
@pytest.mark.parametrize("limit", [1, 7, 100])
def test_a_walk_visits_every_model_exactly_once(api_client, many_models, sort_by, sort_order, limit):
    seen, totals, pages = walk(api_client, {"sort_by": sort_by, "sort_order": sort_order, "limit": limit})
    assert sorted(seen) == sorted(model.slug for model in many_models)
    assert len(seen) == len(set(seen)) == MODEL_COUNT
    assert totals == {MODEL_COUNT}
    assert pages == -(-MODEL_COUNT // limit)
    # The walk is the same order as one big page.
    one_page = api_client.get("/v1/models", {"sort_by": sort_by, "sort_order": sort_order, "limit": 100}).json()
    assert seen == [row["slug"] for row in one_page["data"]]


def test_a_filtered_walk_matches_its_total(api_client, many_models):
    seen, totals, _ = walk(api_client, {"search": "model 3", "limit": 2})
    assert totals == {len(seen)} == {sum(1 for n in range(MODEL_COUNT) if n % 5 == 3)}
