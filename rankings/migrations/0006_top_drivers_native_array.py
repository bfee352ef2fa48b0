"""top_drivers: from a JSON list to a native varchar[] on PostgreSQL (JSON text elsewhere).

The leaderboard read decoded the JSON of every row; an array comes back from
psycopg as a list. Existing rows are converted in place: a driver is a signal
type name (letters only), so a JSON list's text becomes an array literal by
swapping its brackets for braces (PostgreSQL forbids a subquery such as
jsonb_array_elements_text in ALTER COLUMN ... USING).
"""

from django.db import migrations

import rankings.fields


class ConvertJsonListToNameArray(migrations.AlterField):
    """AlterField whose PostgreSQL step converts the values (a plain cast from jsonb to an array fails)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
        schema_editor.execute(
            f'ALTER TABLE "{table}" ALTER COLUMN "{self.name}" TYPE varchar(20)[] '
            f"USING translate(\"{self.name}\"::text, '[]', '{{}}')::varchar(20)[]"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
        schema_editor.execute(
            f'ALTER TABLE "{table}" ALTER COLUMN "{self.name}" TYPE jsonb USING to_jsonb("{self.name}")'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("rankings", "0005_changes_null_without_comparison"),
    ]

    operations = [
        ConvertJsonListToNameArray(
            model_name=model_name,
            name="top_drivers",
            field=rankings.fields.NameListField(),
        )
        for model_name in ("score", "scoresnapshot")
    ]
