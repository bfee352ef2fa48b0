"""Recompute stored normal forms: any media operation comes off a host's path, and a publisher's app path is
read after its "models" segment.

A host's ``bytedance/seedance-2.0/reference-to-video`` is Seedance 2.0, as ``.../text-to-image`` always
was, and Clarifai's ``deepseek-ai/deepseek-ocr/models/DeepSeek-OCR`` is DeepSeek-OCR. The same
recomputation as 0016, run again because the rules changed: a model the recomputation leaves without any
id is merged into the model its ids now name. Its slug came from the old rules (``reference-to-video``),
so the merge is judged on its ids, as a host's link is: two makers' models or other sizes stay apart.
"""

from importlib import import_module

from django.db import migrations


def renormalize(apps, schema_editor):
    import_module("models_registry.migrations.0016_renormalize_dated_revisions").renormalize(apps, schema_editor, by_ids=True)


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0016_renormalize_dated_revisions")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
