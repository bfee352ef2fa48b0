"""Names stored before names were cleaned lose a lister's prefix and markers ("Gemma 3 (free)" -> "Gemma 3").

Only the maker's sources may correct a stored name at ingest, so a name a
host wrote earlier would otherwise keep its markers for good.
"""

from django.db import migrations

from ingestion.sources.names import model_display_name


def clean_names(apps, schema_editor):
    Model = apps.get_model("models_registry", "Model")
    changed = []
    for model in Model.objects.only("pk", "name").iterator(chunk_size=2000):
        cleaned = model_display_name(model.name, fallback=model.name)
        if cleaned != model.name:
            model.name = cleaned
            changed.append(model)
    Model.objects.bulk_update(changed, ["name"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0002_capability_claims"),
        ("models_registry", "0004_model_variants"),
    ]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
