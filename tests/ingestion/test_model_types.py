"""A model's type follows what it outputs (and LiteLLM's mode), not the route it is sold under."""

import pytest

from ingestion.sources import litellm, models_dev, openrouter
from ingestion.sources.model_types import model_type_from
from models_registry.models import Model
from tests.ingestion.conftest import LITELLM, MODELS_DEV_NEW, OPENROUTER, ingest
from tests.ingestion.test_parsers import AS_OF


@pytest.mark.parametrize(
    ("kwargs", "model_type"),
    [
        ({"inputs": {"text"}, "outputs": {"text"}}, "large-language-model"),
        ({"inputs": {"text", "image"}, "outputs": {"text", "image"}}, "large-language-model"),
        ({"inputs": {"text"}, "outputs": {"audio"}, "mode": "chat"}, "speech-model"),
        ({"inputs": {"text"}, "outputs": {"image"}}, "image-generation-model"),
        ({"inputs": {"text", "image"}, "outputs": {"video", "image"}}, "video-generation-model"),
        ({"inputs": {"audio"}, "outputs": {"text"}}, "transcription-model"),
        ({"inputs": {"audio"}, "outputs": {"text"}, "mode": "audio_transcription"}, "transcription-model"),
        ({"mode": "embedding"}, "embedding-model"),
        ({"mode": "rerank"}, "rerank-model"),
        ({"mode": "moderation"}, "moderation-model"),
        ({"mode": "audio_speech"}, "speech-model"),
        ({"mode": "image_generation"}, "image-generation-model"),
        ({"mode": "video_generation"}, "video-generation-model"),
        ({"outputs": {"text"}, "name": "gemini-embedding-001"}, "embedding-model"),
        ({"outputs": {"text"}, "name": "cohere rerank-v3.5"}, "rerank-model"),
        ({}, "large-language-model"),
    ],
)
def test_it_types_a_model_by_its_outputs_and_mode(kwargs, model_type):
    assert model_type_from(**kwargs) == model_type


@pytest.mark.parametrize(
    ("source_id", "mode", "model_type"),
    [
        ("omni-moderation-latest", "moderation", "moderation-model"),
        ("mistral/mistral-moderation-2603", "moderation", "moderation-model"),
        # Safety classifiers listed as chat models are still moderation models.
        ("groq/llama-guard-3-8b", "chat", "moderation-model"),
        ("deepinfra/meta-llama/Llama-Guard-4-12B", "chat", "moderation-model"),
        ("groq/meta-llama/llama-prompt-guard-2-86m", "chat", "moderation-model"),
        ("fireworks_ai/accounts/fireworks/models/llamaguard-7b", "chat", "moderation-model"),
        ("groq/openai/gpt-oss-safeguard-20b", "chat", "moderation-model"),
        ("watsonx/ibm/granite-guardian-3-3-8b", "chat", "moderation-model"),
        ("deepinfra/nvidia/Nemotron-Content-Safety-3.5", "chat", "moderation-model"),
        ("qwen3guard-gen-8b", None, "moderation-model"),
        ("cohere/rerank-english-v3.0", "rerank", "rerank-model"),
        ("nvidia/llama-nemotron-rerank-vl-1b-v2", None, "rerank-model"),
        ("text-embedding-3-large", "embedding", "embedding-model"),
        ("gemini/gemini-embedding-001", "embedding", "embedding-model"),
        ("whisper-1", "audio_transcription", "transcription-model"),
        ("tts-1-hd", "audio_speech", "speech-model"),
        ("dall-e-3", "image_generation", "image-generation-model"),
        ("gpt-4o", "chat", "large-language-model"),
        ("bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0", "chat", "large-language-model"),
    ],
)
def test_real_ids_get_their_type(source_id, mode, model_type):
    assert model_type_from(mode=mode, name=source_id) == model_type


def test_litellm_types_a_safety_guard_sold_as_chat_as_moderation():
    batch = litellm.parse(LITELLM, as_of=AS_OF)
    guards = [m for m in batch.models if "llama-guard" in m.raw_id.lower()]
    assert guards
    assert {m.facts["model_type"] for m in guards} == {"moderation-model"}


def test_litellm_types_a_music_model_sold_as_chat_as_audio_generation():
    batch = litellm.parse(LITELLM, as_of=AS_OF)
    lyria = next(m for m in batch.models if m.raw_id == "lyria-3-clip-preview")
    assert lyria.facts["model_type"] == "speech-model"
    assert "chat" not in lyria.capabilities
    assert "audio-output" in lyria.capabilities
    types = {m.raw_id: m.facts["model_type"] for m in batch.models}
    assert types["gemini-2.5-pro"] == "large-language-model"


def test_models_dev_and_openrouter_type_generators_by_their_outputs():
    dev = models_dev.parse(MODELS_DEV_NEW, as_of=AS_OF)
    router = openrouter.parse(OPENROUTER, as_of=AS_OF)
    types = {m.raw_id: m.facts["model_type"] for m in [*dev.models, *router.models]}
    assert types["google/gemini-2.5-pro-tts"] == "speech-model"
    assert types["google/gemini-2.5-pro"] == "large-language-model"
    generators = {raw_id for raw_id, t in types.items() if t != "large-language-model"}
    assert not {raw_id for raw_id in generators if "gpt-5" in raw_id or "claude" in raw_id}


@pytest.mark.django_db
def test_a_generator_type_from_one_source_replaces_anothers_default_and_stays():
    ingest("openrouter", OPENROUTER)  # lyria outputs "text+audio" there: the default type
    ingest("litellm", LITELLM, as_of=AS_OF)  # Google's own API: audio only
    ingest("openrouter", OPENROUTER)

    lyria = Model.objects.get(aliases__normalized="lyria-3-clip-preview")
    assert (lyria.name, lyria.model_type) == ("Lyria 3 Clip Preview", "speech-model")
    assert Model.objects.get(aliases__normalized="gemini-2-5-pro").model_type == "large-language-model"
