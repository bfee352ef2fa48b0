"""A model's type from what it takes and gives, the same way for every source.

A model is a language model only when it writes text. Sources that list
music, speech, image or video generators as "chat" (LiteLLM's
``gemini/lyria-3-clip-preview`` has ``mode: chat``, output ``audio``) still
say what comes out; that decides.
"""

from __future__ import annotations

import re

LLM = "large-language-model"

# LiteLLM modes (and the like) that name the type whatever the modalities say.
MODE_TYPES = {
    "embedding": "embedding-model",
    "rerank": "rerank-model",
    "moderation": "moderation-model",
    "audio_transcription": "transcription-model",
    "audio_speech": "speech-model",
    "image_generation": "image-generation-model",
    "image_edit": "image-generation-model",
    "video_generation": "video-generation-model",
    "ocr": "other",
}
# Without text, the output that is there; video before image before audio
# (a video model may also give a still, a music model only sound).
OUTPUT_TYPES = (
    ("video", "video-generation-model"),
    ("image", "image-generation-model"),
    ("audio", "speech-model"),
)


# Classifiers that judge content rather than write it: moderation endpoints
# (omni-moderation, mistral-moderation) and safety guards (Llama Guard, Prompt
# Guard, gpt-oss-safeguard, Granite Guardian, Qwen3Guard, Nemotron Content
# Safety, ShieldGemma). Sources list most of them as chat models.
MODERATION_NAME = re.compile(r"moderation|guard(?!rail)|content[-_ ]safety|shieldgemma")


def model_type_from(
    *, inputs: set[str] | None = None, outputs: set[str] | None = None, mode: str | None = None, name: str = ""
) -> str:
    if mode in MODE_TYPES:
        return MODE_TYPES[mode]
    text = name.lower()
    if MODERATION_NAME.search(text):
        return "moderation-model"
    if "embed" in text:
        return "embedding-model"
    if "rerank" in text:
        return "rerank-model"
    inputs, outputs = inputs or set(), outputs or set()
    if inputs == {"audio"} and outputs == {"text"}:
        return "transcription-model"
    if outputs and "text" not in outputs:
        for modality, model_type in OUTPUT_TYPES:
            if modality in outputs:
                return model_type
    return LLM
