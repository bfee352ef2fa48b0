"""Two pipeline runs started at the same moment take turns: together they write what one run writes."""

import pytest
from django.db.models import Count

from ingestion.models import PipelineRun
from pricing.models import Price
from tests.concurrency import run_together
from tests.ingestion.conftest import OPENROUTER, ingest
from tests.ingestion.test_pipelines import changes, database_state


@pytest.mark.django_db(transaction=True)
def test_the_same_file_ingested_twice_at_once_is_written_once():
    outcomes = run_together([lambda: ingest("openrouter", OPENROUTER)] * 2, capture_errors=True)

    assert [type(outcome).__name__ for outcome in outcomes] == ["RunResult", "RunResult"]
    assert sorted(outcome.changed for outcome in outcomes) == [False, True]
    assert list(PipelineRun.objects.values_list("status", flat=True)) == ["success", "success"]
    duplicated_prices = (
        Price.objects.values("endpoint_id", "effective_from").annotate(rows=Count("id")).filter(rows__gt=1)
    )
    assert not duplicated_prices.exists()
    state = database_state()
    again = ingest("openrouter", OPENROUTER)
    assert changes(again.counts) == {}
    assert database_state() == state
    assert len(state["models"]) > 100
