"""Two ingestion runs racing on the same id, with real threads and connections."""

import threading

import pytest
from django.db import transaction

from models_registry.identity import AliasConflict, IdentityResolver
from models_registry.models import ModelAlias, UnresolvedIdentifier
from tests.concurrency import run_together
from tests.factories import ModelFactory


def race(*jobs, source=None):
    """Run each job in its own thread and transaction, all past a shared barrier; return outcomes."""
    barrier = threading.Barrier(len(jobs))

    def in_transaction(index, job):
        def call():
            with transaction.atomic():
                resolver = IdentityResolver(source=source or f"source-{index}")
                barrier.wait(timeout=10)  # both transactions are open before either writes
                return job(resolver)

        return call

    return run_together([in_transaction(i, job) for i, job in enumerate(jobs)], capture_errors=True)


@pytest.mark.django_db(transaction=True)
def test_two_runs_remembering_the_same_alias_create_one_row():
    model = ModelFactory(slug="claude-3-5-sonnet-20241022")

    outcomes = race(
        lambda r: r.remember_alias(model, "anthropic.claude-3-5-sonnet-20241022-v2:0"),
        lambda r: r.remember_alias(model, "claude-3-5-sonnet-20241022"),
    )

    assert sorted(outcomes) == [False, True]
    assert ModelAlias.objects.get().model_id == model.pk


@pytest.mark.django_db(transaction=True)
def test_two_runs_claiming_one_alias_for_different_models_never_share_it():
    first, second = ModelFactory(slug="gpt-4o"), ModelFactory(slug="gpt-4o-mini")

    outcomes = race(lambda r: r.remember_alias(first, "openai/gpt-4o"), lambda r: r.remember_alias(second, "gpt-4o"))

    winners = [o for o in outcomes if o is True]
    losers = [o for o in outcomes if isinstance(o, AliasConflict)]
    assert (len(winners), len(losers)) == (1, 1)
    alias = ModelAlias.objects.get()
    assert alias.model_id == losers[0].existing_model_id


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_one_source_queueing_the_same_id_share_one_row():
    def queue(resolver):
        resolver.queue_unresolved("mystery-model")
        return True

    assert race(queue, queue, source="arena") == [True, True]

    row = UnresolvedIdentifier.objects.get()
    assert (row.source, row.normalized, row.occurrences, row.status) == ("arena", "mystery-model", 2, "pending")
