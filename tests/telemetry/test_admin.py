"""Curator admin: probe configuration, read-only samples and rollups, actions."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from telemetry.models import ProbeTarget, Rollup, Sample
from tests.factories import EndpointFactory, ProbeTargetFactory, RollupFactory, SampleFactory
from tests.telemetry.fake_openai import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator():
    user = get_user_model().objects.create_superuser("curator", "curator@example.com", "pw-for-tests")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["probetarget", "sample", "rollup"])
def test_the_changelists_render(curator, model):
    ProbeTargetFactory()
    SampleFactory()
    RollupFactory()

    assert curator.get(reverse(f"admin:telemetry_{model}_changelist")).status_code == 200


def test_a_curator_configures_a_probe_with_the_key_variable_name(curator):
    endpoint = EndpointFactory()

    response = curator.post(
        reverse("admin:telemetry_probetarget_add"),
        {
            "endpoint": endpoint.pk,
            "base_url": "https://api.example.com/v1",
            "api_key_env": "EXAMPLE_KEY",
            "enabled": "on",
        },
    )

    assert response.status_code == 302
    target = ProbeTarget.objects.get()
    assert (target.endpoint_id, target.base_url, target.api_key_env, target.enabled) == (
        endpoint.pk,
        "https://api.example.com/v1",
        "EXAMPLE_KEY",
        True,
    )


def test_samples_and_rollups_cannot_be_added_by_hand(curator):
    assert curator.get(reverse("admin:telemetry_sample_add")).status_code == 403
    assert curator.get(reverse("admin:telemetry_rollup_add")).status_code == 403


def test_the_probe_now_action_stores_a_sample(curator, fake_openai):
    fake_openai.scenarios["m-now"] = Scenario(chunks=2)
    target = ProbeTargetFactory(endpoint=EndpointFactory(provider_model_id="m-now"), base_url=fake_openai.base_url)

    response = curator.post(
        reverse("admin:telemetry_probetarget_changelist"),
        {"action": "probe_now", "_selected_action": [target.pk]},
    )

    assert response.status_code == 302
    sample = Sample.objects.get()
    assert (sample.endpoint_id, sample.success, sample.output_tokens) == (target.endpoint_id, True, 2)


def test_the_refresh_action_recomputes_rollups(curator):
    sample = SampleFactory()
    rollup = RollupFactory(endpoint=sample.endpoint, window="1h", sample_count=999)

    curator.post(
        reverse("admin:telemetry_rollup_changelist"), {"action": "refresh_all", "_selected_action": [rollup.pk]}
    )

    assert Rollup.objects.get(endpoint=sample.endpoint, window="1h").sample_count == 1
