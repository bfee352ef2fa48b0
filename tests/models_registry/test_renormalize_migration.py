"""Upgrading recomputes normal forms, and a model the new rule leaves without an id joins the model its ids name."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from models_registry.models import Endpoint, Model, ModelAlias

BEFORE = [("models_registry", "0015_fact_said_as")]
AFTER = [("models_registry", "0016_renormalize_dated_revisions")]


def migrated_back(before):
    """The executor and the (provider, model, alias, endpoint) classes as the schema stood at ``before``."""
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    return executor, [
        apps.get_model("models_registry", name) for name in ("Provider", "Model", "ModelAlias", "Endpoint")
    ]


@pytest.mark.django_db(transaction=True)
def test_a_govcloud_id_that_named_a_model_of_its_own_joins_its_release():
    executor, (Provider, OldModel, OldAlias, OldEndpoint) = migrated_back(BEFORE)
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


@pytest.mark.django_db(transaction=True)
def test_a_media_operation_and_a_publishers_app_path_that_named_models_of_their_own_join_their_releases():
    before, after = (
        [("models_registry", "0016_renormalize_dated_revisions")],
        [("models_registry", "0017_renormalize_media_operations_and_app_paths")],
    )
    executor, (Provider, OldModel, OldAlias, _) = migrated_back(before)
    bytedance = Provider.objects.create(slug="bytedance", name="ByteDance", is_creator=True)
    deepseek = Provider.objects.create(slug="deepseek", name="DeepSeek", is_creator=True)
    seedance = OldModel.objects.create(slug="seedance-2-0", name="Seedance 2.0", creator=bytedance)
    ocr = OldModel.objects.create(slug="deepseek-ocr", name="DeepSeek OCR", creator=deepseek)
    # Stored under the old rules, which kept the operation and the app path, each a model of its own.
    operation = OldModel.objects.create(slug="reference-to-video", name="reference-to-video", creator=bytedance)
    app_path = OldModel.objects.create(slug="deepseek-ocr-models-deepseek-ocr", name="x", creator=deepseek)
    OldAlias.objects.create(model=seedance, alias="seedance-2.0", normalized="seedance-2")
    OldAlias.objects.create(model=ocr, alias="deepseek-ocr", normalized="deepseek-ocr")
    OldAlias.objects.create(
        model=operation,
        alias="bytedance/seedance-2.0/reference-to-video",
        normalized="seedance-2-0-reference-to-video",
    )
    OldAlias.objects.create(
        model=app_path,
        alias="deepseek-ai/deepseek-ocr/models/DeepSeek-OCR",
        normalized="deepseek-ocr-models-deepseek-ocr",
    )

    executor.loader.build_graph()
    executor.migrate(after)

    assert set(Model.objects.values_list("pk", flat=True)) == {seedance.pk, ocr.pk}
    # The merged entries' old slugs keep naming what they named, as after any merge.
    assert set(ModelAlias.objects.values_list("alias", "normalized", "model_id")) == {
        ("seedance-2.0", "seedance-2", seedance.pk),
        ("reference-to-video", "reference-to-video", seedance.pk),
        ("deepseek-ocr", "deepseek-ocr", ocr.pk),
        ("deepseek-ocr-models-deepseek-ocr", "deepseek-ocr-models-deepseek-ocr", ocr.pk),
    }
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_an_app_path_of_a_publisher_spelled_with_an_underscore_joins_its_release():
    executor, (Provider, OldModel, OldAlias, OldEndpoint) = migrated_back(
        [("models_registry", "0018_renormalize_litellm_maker_routes")]
    )
    arcee = Provider.objects.create(slug="arcee-ai", name="Arcee AI", is_creator=True)
    clarifai = Provider.objects.create(slug="clarifai", name="Clarifai", is_host=True)
    release = OldModel.objects.create(slug="trinity-mini", name="Trinity Mini", creator=arcee)
    app_path = OldModel.objects.create(slug="afm-models-trinity-mini", name="x", creator=arcee)
    OldAlias.objects.create(model=release, alias="arcee-ai/trinity-mini", normalized="trinity-mini")
    # Stored under the old rule, which read "arcee_ai" as a route and kept the app's name.
    OldAlias.objects.create(
        model=app_path, alias="arcee_ai/AFM/models/trinity-mini", normalized="afm-models-trinity-mini"
    )
    OldEndpoint.objects.create(model=app_path, host=clarifai, provider_model_id="arcee_ai/AFM/models/trinity-mini")

    executor.loader.build_graph()
    executor.migrate([("models_registry", "0019_renormalize_app_path_publishers")])

    assert list(Model.objects.values_list("pk", flat=True)) == [release.pk]
    # The app path's form is now the release's own; the merged entry's slug keeps naming it.
    assert set(ModelAlias.objects.values_list("alias", "normalized", "model_id")) == {
        ("arcee-ai/trinity-mini", "trinity-mini", release.pk),
        ("afm-models-trinity-mini", "afm-models-trinity-mini", release.pk),
    }
    assert list(Endpoint.objects.values_list("provider_model_id", "model_id")) == [
        ("arcee_ai/AFM/models/trinity-mini", release.pk)
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
