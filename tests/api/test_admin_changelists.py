"""Every admin changelist costs the same number of queries for 3 rows as for 9: no N+1 in list columns."""

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Plan
from ingestion.models import ArenaBoardMapping, BenchmarkMapping, CapabilityClaim, DataSource, PipelineRun
from models_registry.models import AliasObservation, AliasTarget, IdentityDecision, UnresolvedIdentifier
from rankings.models import CategoryWeights, ScoreRun
from tests.conftest import make_key
from tests.factories import (
    AccountFactory,
    CapabilityFactory,
    CategoryFactory,
    EndpointFactory,
    HelpfulVoteFactory,
    ModelAliasFactory,
    ModelFactory,
    PriceFactory,
    ProbeTargetFactory,
    ProviderFactory,
    ReviewFactory,
    RollupFactory,
    SampleFactory,
    ScoreFactory,
    ScoreSnapshotFactory,
    SignalFactory,
)

pytestmark = pytest.mark.django_db

serial = count()
T = datetime(2026, 3, 1, tzinfo=UTC)


def _category_with_parent():
    return CategoryFactory(parent=CategoryFactory())


def _model_with_relations():
    model = ModelFactory()
    model.capabilities.add(CapabilityFactory())
    model.categories.add(CategoryFactory())
    ModelAliasFactory(model=model)
    return model


def _unresolved():
    n = next(serial)
    return UnresolvedIdentifier.objects.create(
        source="litellm", raw_id=f"Mystery-{n}", normalized=f"mystery-{n}", first_seen_at=T, last_seen_at=T
    )


def _decision():
    n = next(serial)
    return IdentityDecision.objects.create(
        normalized=f"decided-{n}", raw_id=f"decided-{n}", source="arena", action="attach", model=ModelFactory()
    )


def _alias_target():
    return AliasTarget.objects.create(
        floating=ModelFactory(), target=ModelFactory(), valid_from=T.date(), basis=AliasTarget.Basis.RELEASED
    )


def _alias_observation():
    return AliasObservation.objects.create(
        floating=ModelFactory(), target=ModelFactory(), source="models-dev", as_of=T.date()
    )


def _data_source():
    return DataSource.objects.create(name=f"source-{next(serial)}", pipeline="litellm", source_type="file")


def _pipeline_run():
    return PipelineRun.objects.create(source=_data_source(), status="success", finished_at=timezone.now())


def _score_run():
    return ScoreRun.objects.create(
        category=CategoryFactory(), recorded_at=T + timedelta(hours=next(serial)), models_count=3, signals_count=9
    )


# changelist URL -> a function adding one row (with the related rows its columns show)
ROWS = {
    "models_registry/provider": ProviderFactory,
    "models_registry/capability": CapabilityFactory,
    "models_registry/category": _category_with_parent,
    "models_registry/model": _model_with_relations,
    "models_registry/modelalias": ModelAliasFactory,
    "models_registry/endpoint": EndpointFactory,
    "models_registry/unresolvedidentifier": _unresolved,
    "models_registry/identitydecision": _decision,
    "models_registry/aliastarget": _alias_target,
    "models_registry/aliasobservation": _alias_observation,
    "pricing/price": PriceFactory,
    "rankings/signal": SignalFactory,
    "rankings/score": ScoreFactory,
    "rankings/scoresnapshot": ScoreSnapshotFactory,
    "rankings/scorerun": _score_run,
    "rankings/categoryweights": lambda: CategoryWeights.objects.create(category=CategoryFactory()),
    "reviews/review": ReviewFactory,
    "reviews/helpfulvote": HelpfulVoteFactory,
    "telemetry/probetarget": ProbeTargetFactory,
    "telemetry/sample": SampleFactory,
    "telemetry/rollup": RollupFactory,
    "ingestion/datasource": _data_source,
    "ingestion/pipelinerun": _pipeline_run,
    "ingestion/arenaboardmapping": lambda: ArenaBoardMapping.objects.create(
        board=f"board-{next(serial)}", category=CategoryFactory()
    ),
    "ingestion/benchmarkmapping": lambda: BenchmarkMapping.objects.create(
        benchmark=f"bench-{next(serial)}", category=CategoryFactory()
    ),
    "ingestion/capabilityclaim": lambda: CapabilityClaim.objects.create(
        model=ModelFactory(), source="openrouter", capabilities=["chat", "vision"], as_of=T.date()
    ),
    "accounts/plan": lambda: Plan.objects.create(slug=f"plan-{next(serial)}", name="Plan", daily_request_limit=10),
    "accounts/account": AccountFactory,
    "accounts/apikey": lambda: make_key("pro", account=AccountFactory()),
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_every_registered_model_is_covered():
    from django.contrib import admin

    registered = {f"{m._meta.app_label}/{m._meta.model_name}" for m in admin.site._registry}
    # Third-party admins (auth, django-axes lockouts) are not ours to tune.
    ours = {label for label in registered if not label.startswith(("auth/", "django_celery", "axes/"))}
    assert ours == set(ROWS)


@pytest.mark.parametrize("changelist", sorted(ROWS))
def test_a_changelist_makes_as_many_queries_for_nine_rows_as_for_three(admin_client, changelist):
    url = f"/admin/{changelist}/"
    for _ in range(3):
        ROWS[changelist]()
    few = queries_for(admin_client, url)
    for _ in range(6):
        ROWS[changelist]()

    assert queries_for(admin_client, url) == few
