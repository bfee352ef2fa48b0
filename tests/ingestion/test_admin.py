"""Curators see sources, runs and mappings in the admin and can run a source now."""

import pytest
from django.urls import reverse

from ingestion.models import ArenaBoardMapping, DataSource, PipelineRun
from ingestion.services import taxonomy_ensure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["datasource", "pipelinerun", "arenaboardmapping", "benchmarkmapping"])
def test_the_changelists_render(admin_client, model):
    taxonomy_ensure()
    response = admin_client.get(reverse(f"admin:ingestion_{model}_changelist"))
    assert response.status_code == 200


def test_a_curator_remaps_an_arena_board(admin_client):
    taxonomy_ensure()
    mapping = ArenaBoardMapping.objects.get(board="multiturn")

    response = admin_client.post(
        reverse("admin:ingestion_arenaboardmapping_change", args=[mapping.pk]),
        {"board": "multiturn", "category": "", "enabled": "on"},
    )

    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.category is None


def test_run_now_records_a_failed_run_for_a_source_without_url(admin_client):
    source = DataSource.objects.create(name="arena", pipeline="arena", source_type="benchmark")

    response = admin_client.post(
        reverse("admin:ingestion_datasource_changelist"),
        {"action": "run_now", "_selected_action": [source.pk]},
        follow=True,
    )

    assert response.status_code == 200
    run = PipelineRun.objects.get(source=source)
    assert run.status == "failed" and "no input" in run.error
