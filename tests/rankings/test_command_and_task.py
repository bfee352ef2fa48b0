"""manage.py recompute_scores and the rankings.tasks.recompute_scores Celery task."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aimodelsmap.celery import app as celery_app
from rankings import services, tasks
from rankings.models import Score, ScoreRun
from tests.factories import CategoryFactory, SignalFactory

pytestmark = pytest.mark.django_db

T = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def signal():
    return SignalFactory(recorded_at=datetime(2025, 5, 1, tzinfo=UTC))


def run(*args) -> str:
    out = StringIO()
    call_command("recompute_scores", *args, stdout=out)
    return out.getvalue()


def test_the_command_recomputes_at_a_time(signal):
    output = run("--at", "2025-06-01T12:00:00Z")
    assert output.startswith("2025-06-01 12:00:00 UTC: 1 scores in 1 categories from 1 signals in ")
    assert Score.objects.get().recorded_at == T


def test_the_command_backfills_by_step(signal):
    CategoryFactory(slug="coding")
    output = run("--backfill", "2025-06-01", "2025-06-03", "--step", "1d")
    assert len(output.splitlines()) == 3
    assert sorted({run.recorded_at.day for run in ScoreRun.objects.all()}) == [1, 2, 3]
    assert ScoreRun.objects.count() == 6


def test_the_command_can_limit_to_one_category(signal):
    CategoryFactory(slug="coding")
    run("--category", "overall", "--at", "2025-06-01")
    assert list(ScoreRun.objects.values_list("category__slug", flat=True)) == ["overall"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--category", "nope"), "Unknown category 'nope'."),
        (("--at", "soon"), "--at must be a date (YYYY-MM-DD) or an ISO datetime, got 'soon'"),
        (("--backfill", "2025-06-03", "2025-06-01"), "--backfill FROM must not be after TO."),
        (("--backfill", "2025-06-01", "2025-06-03", "--step", "0d"), "--step must look like 1d, 6h or 30m, got '0d'"),
        (("--at", "2025-06-01", "--backfill", "2025-06-01", "2025-06-02"), "--at and --backfill cannot be combined."),
    ],
)
def test_the_command_rejects_bad_arguments(signal, args, message):
    with pytest.raises(CommandError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        run(*args)


def test_the_task_is_registered_under_its_beat_name_with_safe_limits():
    task = celery_app.tasks["rankings.tasks.recompute_scores"]
    assert task.acks_late is True
    assert task.time_limit < services.CACHE_LOCK_TIMEOUT_SECONDS
    assert task.soft_time_limit < task.time_limit


def test_the_task_recomputes_at_the_given_time(signal):
    result = tasks.recompute_scores.delay(at="2025-06-01T12:00:00+00:00").get()
    assert result == {"at": "2025-06-01T12:00:00+00:00", "scores": 1, "published": True}
    assert Score.objects.get().recorded_at == T


def test_the_task_pins_the_time_to_the_hour(signal, monkeypatch):
    seen = {}

    def fake_recompute(*, category, at):
        seen["at"] = at
        raise services.RecomputeBusy("busy")

    monkeypatch.setattr(services, "score_recompute", fake_recompute)
    assert tasks.recompute_scores.delay().get() is None
    assert (seen["at"].minute, seen["at"].second, seen["at"].microsecond) == (0, 0, 0)
