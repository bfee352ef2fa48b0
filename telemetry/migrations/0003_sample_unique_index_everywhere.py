"""Keep the covering unique index on PostgreSQL; create a plain one where covering is unsupported.

0002 declared the (endpoint, measured_at) constraint with INCLUDE columns,
which SQLite cannot create at all, so it silently got no unique index (and
lost the idempotent file loading that relies on it). From here the model
declares a plain constraint: PostgreSQL keeps the covering index 0002 built;
other databases get the plain unique index now.
"""

from django.db import migrations, models

NAME = "sample_unique_endpoint_instant"


def create_plain_unique_index(apps, schema_editor):
    if schema_editor.connection.features.supports_covering_indexes:
        return
    schema_editor.execute(f'CREATE UNIQUE INDEX "{NAME}" ON "telemetry_sample" ("endpoint_id", "measured_at")')


def drop_plain_unique_index(apps, schema_editor):
    if schema_editor.connection.features.supports_covering_indexes:
        return
    schema_editor.execute(f'DROP INDEX "{NAME}"')


class Migration(migrations.Migration):

    dependencies = [
        ("telemetry", "0002_sample_covering_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name="sample", name=NAME),
                migrations.AddConstraint(
                    model_name="sample",
                    constraint=models.UniqueConstraint(fields=("endpoint", "measured_at"), name=NAME),
                ),
            ],
            database_operations=[migrations.RunPython(create_plain_unique_index, drop_plain_unique_index)],
        ),
    ]
