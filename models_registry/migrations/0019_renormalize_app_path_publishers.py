"""Recompute stored normal forms: a publisher's app path names its model when the publisher is
spelled as Clarifai's user ids are, with "_" for "-"; LiteLLM's ``gigachat`` and ``transcribe``
are routes.

``arcee_ai/AFM/models/trinity-mini`` is Arcee AI's ``trinity-mini``, as
``arcee-ai/AFM/models/trinity-mini`` always was, and ``gigachat/Embeddings`` is GigaChat's
``Embeddings``. The same recomputation as 0016.
"""

from importlib import import_module

from django.db import migrations


def renormalize(apps, schema_editor):
    import_module("models_registry.migrations.0016_renormalize_dated_revisions").renormalize(apps, schema_editor, by_ids=True)


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0018_renormalize_litellm_maker_routes")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
