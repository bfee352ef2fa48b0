"""Display names are the maker's: no lister's prefix, offer, stage or region markers."""

import pytest

from ingestion.sources.names import model_display_name


@pytest.mark.parametrize(
    ("listed", "name"),
    [
        ("Anthropic: Claude Opus 4.7", "Claude Opus 4.7"),
        ("Meta: Llama Guard 4 12B", "Llama Guard 4 12B"),
        ("Gemma 3 (free)", "Gemma 3"),
        ("Qwen3 Coder 480B A35B (free)", "Qwen3 Coder 480B A35B"),
        ("Claude Haiku 3.5 (latest)", "Claude Haiku 3.5"),
        ("Body Builder (beta)", "Body Builder"),
        ("Weaver (alpha)", "Weaver"),
        ("Claude Sonnet 4.5 (US)", "Claude Sonnet 4.5"),
        ("DeepSeek V3.2 (20% off)", "DeepSeek V3.2"),
        ("OpenAI: gpt-oss-safeguard-20b (Free)", "gpt-oss-safeguard-20b"),
        ("  Mistral   Large  ", "Mistral Large"),
        # What tells releases and modes apart stays.
        ("GPT-4o (2024-08-06)", "GPT-4o (2024-08-06)"),
        ("Grok 4 Fast (Non-Reasoning)", "Grok 4 Fast (Non-Reasoning)"),
        ("Step 2 (16K)", "Step 2 (16K)"),
        ("GPT-4.5 (Preview)", "GPT-4.5 (Preview)"),
        ("ft:gpt-4o-mini", "ft:gpt-4o-mini"),
        # A name that repeats a repository's or a route's id loses the org or route before it.
        ("@cf/deepgram/aura-1", "aura-1"),
        ("THUDM/GLM-4.1V-9B-Thinking", "GLM-4.1V-9B-Thinking"),
        ("Z-Ai/Autoglm Phone 9b", "Autoglm Phone 9b"),
        # Two names, or a date, with a slash stay as written.
        ("Claude 2.0 / 2.1", "Claude 2.0 / 2.1"),
        ("GPT-4o/GPT-4o mini", "GPT-4o/GPT-4o mini"),
        ("Kimi K2 (07/11)", "Kimi K2 (07/11)"),
    ],
)
def test_it_keeps_the_makers_name_and_drops_the_listers_decorations(listed, name):
    assert model_display_name(listed) == name


def test_a_name_of_markers_only_falls_back():
    assert model_display_name("(free)", fallback="seer") == "seer"
    assert model_display_name("", fallback=" seer ") == "seer"


def test_it_fits_the_name_column():
    assert len(model_display_name("x" * 500)) == 200
