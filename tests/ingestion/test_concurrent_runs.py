"""Two pipeline runs started at the same moment take turns: together they write what one run writes."""

import threading

import pytest
from django.db import connection
from django.db.models import Count

from ingestion.models import PipelineRun
from pricing.models import Price
from tests.ingestion.conftest import OPENROUTER, ingest
from tests.ingestion.test_pipelines import changes, database_state


def run_together(*jobs):
    """Start each job in its own thread (own connection) past a shared barrier; return results or errors."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = job()
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_the_same_file_ingested_twice_at_once_is_written_once():
    outcomes = run_together(lambda: ingest("openrouter", OPENROUTER), lambda: ingest("openrouter", OPENROUTER))

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
