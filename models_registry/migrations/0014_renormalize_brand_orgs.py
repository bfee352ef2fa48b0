"""Recompute stored normal forms: organisations glued to a lab's brand follow the brand list.

Stability AI's ``stablelm`` and ``stablecode`` and Together AI's ``redpajama``
and ``stripedhyena`` joined the brands, so a glued publisher before them
(``stabilityai-stablelm-2-1_6b``) now comes off as for every other brand. The
same recomputation as 0005, run again because the rules changed.
"""

from importlib import import_module

from django.db import migrations


def renormalize(apps, schema_editor):
    import_module("models_registry.migrations.0005_renormalize_identifiers").renormalize(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0013_renormalize_host_paths")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
