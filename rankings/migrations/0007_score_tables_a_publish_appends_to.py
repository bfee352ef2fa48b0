"""Score tables that a publish appends to without searching the history.

ScoreSnapshot's unique key becomes (category, recorded_at, model), and its
(model, category, recorded_at) index goes: each put a publish's rows on pages
spread over an index as large as the history, so publishing slowed as history
grew. The single-column foreign key indexes of both tables go too (the
tables' own indexes cover those lookups), and so do their foreign key
constraints, whose checks cost a publish more than writing the rows; Django
still cascades deletes. The new unique index is built before the old one is
dropped.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('models_registry', '0006_unresolved_input_keys'),
        ('rankings', '0006_top_drivers_native_array'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='scoresnapshot',
            constraint=models.UniqueConstraint(fields=('category', 'recorded_at', 'model'), name='snapshot_unique_category_time_model'),
        ),
        migrations.RemoveConstraint(
            model_name='scoresnapshot',
            name='snapshot_unique_model_category_time',
        ),
        migrations.RemoveIndex(
            model_name='scoresnapshot',
            name='snapshot_model_cat_time_idx',
        ),
        migrations.AlterField(
            model_name='score',
            name='category',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='models_registry.category'),
        ),
        migrations.AlterField(
            model_name='score',
            name='model',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='models_registry.model'),
        ),
        migrations.AlterField(
            model_name='scoresnapshot',
            name='category',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='models_registry.category'),
        ),
        migrations.AlterField(
            model_name='scoresnapshot',
            name='model',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='models_registry.model'),
        ),
    ]
