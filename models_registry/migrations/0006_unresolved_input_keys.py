"""Queue rows count distinct input files, not runs: ``input_keys`` lists the files seen.

Rows written before this start with an empty list and keep their count of runs,
which cannot be told apart after the fact; from the next run on, a file counts once.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('models_registry', '0005_renormalize_identifiers'),
    ]

    operations = [
        migrations.AddField(
            model_name='unresolvedidentifier',
            name='input_keys',
            field=models.JSONField(blank=True, default=list, help_text='The latest input files that named this id, by content checksum, oldest first (at most 50): how a re-run of the same file is told from a new one.'),
        ),
        migrations.AlterField(
            model_name='unresolvedidentifier',
            name='occurrences',
            field=models.PositiveIntegerField(default=1, help_text='Distinct input files of the source that named this id (re-running a file counts once).', verbose_name='files'),
        ),
    ]
