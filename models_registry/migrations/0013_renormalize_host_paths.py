"""Recompute stored normal forms: OpenInfer's ``@oi/`` path and Databricks' ``system.ai.`` schema are routes.

The same recomputation as 0005 (the live ``normalize_model_id``, the oldest
row keeping a form two rows now share), run again because the rules changed.
"""

from importlib import import_module

from django.db import migrations


def renormalize(apps, schema_editor):
    import_module("models_registry.migrations.0005_renormalize_identifiers").renormalize(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0012_observation_claims")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
