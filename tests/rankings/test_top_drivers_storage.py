"""top_drivers as a native array: what reads get back, and the migration that converted the stored lists."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rankings.models import Score, ScoreSnapshot
from tests.factories import CategoryFactory, ModelFactory, ScoreFactory, ScoreSnapshotFactory

T = datetime(2026, 2, 25, 18, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize("drivers", [["quality", "cost", "demand"], ["expert"], []])
def test_the_drivers_come_back_as_the_list_stored(drivers):
    score = ScoreFactory(top_drivers=drivers, recorded_at=T)
    ScoreSnapshotFactory(model=score.model, category=score.category, top_drivers=drivers, recorded_at=T)

    assert Score.objects.get(pk=score.pk).top_drivers == drivers
    assert list(ScoreSnapshot.objects.values_list("top_drivers", flat=True)) == [drivers]


@pytest.mark.django_db
def test_they_are_stored_as_a_native_array_so_a_read_needs_no_decode():
    ScoreFactory(top_drivers=["quality", "demand"], recorded_at=T)
    with connection.cursor() as cursor:
        cursor.execute("SELECT top_drivers FROM rankings_score")
        assert cursor.fetchone()[0] == ["quality", "demand"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_stored_json_lists_and_back():
    model, coding, vision = ModelFactory(), CategoryFactory(slug="coding"), CategoryFactory(slug="vision")
    executor = MigrationExecutor(connection)
    before, after = (
        [("rankings", "0005_changes_null_without_comparison")],
        [("rankings", "0006_top_drivers_native_array")],
    )
    executor.migrate(before)
    with connection.cursor() as cursor:
        for category, drivers in ((coding, '["quality", "demand"]'), (vision, "[]")):
            cursor.execute(
                "INSERT INTO rankings_score (model_id, category_id, score, rank, quality_rank, adoption_rank, "
                "confidence, state, flags, top_drivers, recorded_at) "
                "VALUES (%s, %s, 80, 1, 1, 1, 0.8, 'stable', '[]', %s, %s)",
                [model.pk, category.pk, drivers, T],
            )

    def stored():
        with connection.cursor() as cursor:
            cursor.execute("SELECT top_drivers FROM rankings_score ORDER BY category_id")
            return [row[0] for row in cursor.fetchall()]

    executor.loader.build_graph()
    executor.migrate(after)
    assert stored() == [["quality", "demand"], []]

    executor.loader.build_graph()
    executor.migrate(before)
    assert stored() == ['["quality", "demand"]', "[]"]  # jsonb again, read as its text

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
