"""Curators see sources, runs and mappings in the admin and can run a source now."""

import pytest
from django.urls import reverse

from ingestion.models import ArenaBoardMapping, DataSource, PipelineRun
from ingestion.services import taxonomy_ensure
from models_registry.models import Category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["datasource", "pipelinerun", "arenaboardmapping", "benchmarkmapping", "capabilityclaim"]
)
def test_the_changelists_render(admin_client, model):
    taxonomy_ensure()
    response = admin_client.get(reverse(f"admin:ingestion_{model}_changelist"))
    assert response.status_code == 200


def test_a_curator_remaps_an_arena_board(admin_client):
    taxonomy_ensure()
    mapping = ArenaBoardMapping.objects.get(arena="text", board="multiturn")

    response = admin_client.post(
        reverse("admin:ingestion_arenaboardmapping_change", args=[mapping.pk]),
        {"arena": "text", "board": "multiturn", "category": "", "enabled": "on"},
    )

    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.category is None


def test_boards_are_remapped_in_the_list_itself(admin_client):
    taxonomy_ensure()
    coding = Category.objects.get(slug="coding")
    mappings = list(ArenaBoardMapping.objects.order_by("board")[:2])
    form = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "form-MIN_NUM_FORMS": "0", "_save": "Save"}
    for index, mapping in enumerate(mappings):
        form |= {f"form-{index}-id": str(mapping.pk), f"form-{index}-category": str(coding.pk)}
    form["form-1-enabled"] = "on"

    response = admin_client.post(reverse("admin:ingestion_arenaboardmapping_changelist"), form)

    assert response.status_code == 302
    saved = {
        m.pk: (m.category_id, m.enabled) for m in ArenaBoardMapping.objects.filter(pk__in=[m.pk for m in mappings])
    }
    assert saved == {mappings[0].pk: (coding.pk, False), mappings[1].pk: (coding.pk, True)}


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
