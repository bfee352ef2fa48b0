"""Recompute stored normal forms: LiteLLM's routes to a maker's own API that carry no underscore come off.

``qwencloud/qwen-max`` is Alibaba's ``qwen-max`` and ``codestral/codestral-2405`` Mistral's
``codestral-2405``, as ``dashscope/qwen-max`` always was. The same recomputation as 0016.
"""

from importlib import import_module

from django.db import migrations


def renormalize(apps, schema_editor):
    import_module("models_registry.migrations.0016_renormalize_dated_revisions").renormalize(apps, schema_editor, by_ids=True)


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0017_renormalize_media_operations_and_app_paths")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
