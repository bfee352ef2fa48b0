"""Upgrading recomputes normal forms, and a model the new rule leaves without an id joins the model its ids name."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from models_registry.models import Endpoint, Model, ModelAlias

BEFORE = [("models_registry", "0015_fact_said_as")]
AFTER = [("models_registry", "0016_renormalize_dated_revisions")]


@pytest.mark.django_db(transaction=True)
def test_a_govcloud_id_that_named_a_model_of_its_own_joins_its_release():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Provider, OldModel = apps.get_model("models_registry", "Provider"), apps.get_model("models_registry", "Model")
    OldAlias, OldEndpoint = (
        apps.get_model("models_registry", "ModelAlias"),
        apps.get_model("models_registry", "Endpoint"),
    )
    anthropic = Provider.objects.create(slug="anthropic", name="Anthropic", is_creator=True)
    bedrock = Provider.objects.create(slug="amazon-bedrock", name="Amazon Bedrock", is_host=True)
    release = OldModel.objects.create(slug="claude-sonnet-4-5-20250929", name="Claude Sonnet 4.5", creator=anthropic)
    split = OldModel.objects.create(slug="claude-sonnet-4-5-20250929-v1-0", name="x", creator=anthropic)
    other = OldModel.objects.create(slug="nova-canvas-v1", name="Nova Canvas", creator=anthropic)
    OldAlias.objects.create(model=release, alias="claude-sonnet-4-5-20250929", normalized="claude-sonnet-4-5-20250929")
    # Stored under the old rule, which kept Bedrock's minor revision.
    OldAlias.objects.create(
        model=split, alias="claude-sonnet-4-5-20250929-v1:0", normalized="claude-sonnet-4-5-20250929-0"
    )
    OldAlias.objects.create(model=other, alias="amazon.nova-canvas-v1:0", normalized="nova-canvas-v-1")
    OldEndpoint.objects.create(
        model=split, host=bedrock, provider_model_id="us-gov-east-1/claude-sonnet-4-5-20250929-v1:0"
    )

    executor.loader.build_graph()
    executor.migrate(AFTER)

    assert not Model.objects.filter(pk=split.pk).exists()
    assert set(Model.objects.values_list("pk", flat=True)) == {release.pk, other.pk}
    assert set(ModelAlias.objects.values_list("normalized", "model_id")) == {
        ("claude-sonnet-4-5-20250929", release.pk),
        ("nova-canvas-v-1", other.pk),
    }
    assert list(Endpoint.objects.values_list("provider_model_id", "model_id")) == [
        ("us-gov-east-1/claude-sonnet-4-5-20250929-v1:0", release.pk)
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
