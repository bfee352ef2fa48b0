"""The seed vocabulary: category tree, capabilities and the default source mappings.

These are starting points only. The seeding service creates what is missing and
never changes an existing row, so curators' edits in the admin stand.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

# (slug, name, parent slug, display order, description)
CATEGORY_TREE = [
    ("overall", "Overall", None, 0, "Every model, ranked on all evidence together."),
    ("coding", "Coding", None, 10, "Writing, fixing and explaining code."),
    ("coding-generation", "Code generation", "coding", 11, "Writing new code from a description."),
    ("coding-debugging", "Debugging", "coding", 12, "Finding and fixing bugs in existing code."),
    ("coding-explanation", "Code explanation", "coding", 13, "Reading code and explaining what it does."),
    ("math", "Math", None, 20, "Arithmetic, algebra, proofs and quantitative problems."),
    ("reasoning", "Reasoning", None, 30, "Multi-step logic and hard problems."),
    ("writing", "Creative writing", None, 40, "Stories, copy and other creative text."),
    ("chat", "Chat", None, 50, "General conversation and assistance."),
    ("instruction-following", "Instruction following", None, 60, "Doing exactly what the prompt asks."),
    ("multilingual", "Multilingual", None, 70, "Working well in languages other than English."),
    ("long-context", "Long context", None, 80, "Using very long inputs well."),
    ("vision", "Vision", None, 90, "Understanding images and documents."),
    ("image-generation", "Image generation", None, 100, "Creating and editing images."),
    ("embeddings", "Embeddings", None, 110, "Vector representations for search and retrieval."),
    ("speech-audio", "Speech and audio", None, 120, "Transcription, speech synthesis and audio."),
    ("video", "Video", None, 130, "Generating and understanding video."),
]

# slug -> name
CAPABILITIES = {
    "chat": "Chat",
    "completion": "Text completion",
    "vision": "Image input",
    "pdf-input": "PDF input",
    "audio-input": "Audio input",
    "audio-output": "Audio output",
    "video-input": "Video input",
    "reasoning": "Reasoning",
    "tools": "Tool calling",
    "structured-output": "Structured output",
    "prompt-caching": "Prompt caching",
    "web-search": "Web search",
    "image-generation": "Image generation",
    "video-generation": "Video generation",
    "embedding": "Embeddings",
    "rerank": "Reranking",
    "transcription": "Transcription",
    "speech": "Speech synthesis",
}

# Categories a capability puts a model in.
CAPABILITY_CATEGORIES = {
    "chat": "chat",
    "vision": "vision",
    "reasoning": "reasoning",
    "image-generation": "image-generation",
    "video-generation": "video",
    "video-input": "video",
    "embedding": "embeddings",
    "audio-input": "speech-audio",
    "audio-output": "speech-audio",
    "transcription": "speech-audio",
    "speech": "speech-audio",
}

# Context windows from this size up put a model in long-context.
LONG_CONTEXT_TOKENS = 500_000

# LMArena's arenas, as its file names spell them (``leaderboard-<arena>-DATE.json``),
# and the category every board of the arena measures. The text arenas (plain
# and with style control) measure a different category per board (``arena_board_category``);
# ``search`` measures nothing we rank, so its boards wait for a curator.
TEXT_ARENA = "text"
STYLE_CONTROL_ARENA = "text-style-control"
VISION_ARENA = "vision"
VISION_STYLE_CONTROL_ARENA = "vision-style-control"
ARENAS = {
    TEXT_ARENA: None,
    STYLE_CONTROL_ARENA: None,
    VISION_ARENA: "vision",
    VISION_STYLE_CONTROL_ARENA: "vision",
    "image": "image-generation",
    "image-edit": "image-generation",
    "webdev": "coding-generation",
    "search": None,
    "video": "video",
}
# Arenas whose boards each say which category they measure.
TEXT_ARENAS = (TEXT_ARENA, STYLE_CONTROL_ARENA)
# Arenas LMArena measures twice, raw and with style control (the same votes,
# with the effect of answer length and formatting taken out): each raw arena's
# style-controlled twin. A category takes one of the two, never both
# (settings.ARENA_STYLE_CONTROL_CATEGORIES).
STYLE_CONTROLLED = {TEXT_ARENA: STYLE_CONTROL_ARENA, VISION_ARENA: VISION_STYLE_CONTROL_ARENA}
RAW_ARENA = {styled: raw for raw, styled in STYLE_CONTROLLED.items()}

# How a text arena board's name says what it measures (``arena_board_category``).
# The general board: every vote of the arena.
GENERAL_BOARDS = ("full",)
# A board restricted to one language measures multilingual work, except
# English: most votes are in English already, so an English board is a filter
# of the board it restricts (``english`` of ``full``, ``hard_english_6`` of
# ``hard_6``), the same measurement again, and waits for a curator.
LANGUAGE_CATEGORY = "multilingual"
FILTER_LANGUAGES = frozenset({"english"})
# Topic and occupation words -> the category they name. A board's name is split
# into words (``industry_software_and_it_services`` -> industry, software, and,
# it, services); a name whose words point to exactly one category measures it.
# No word, or words of two categories: left unmapped for a curator (the
# occupations we have no category for: legal, medicine, business...; the
# filters of the general board: english, no_tie, no_refusal...).
TOPIC_WORDS = {
    "coding": ("coding", "code", "software", "programming", "computer", "developer", "developers", "webdev"),
    "math": ("math", "mathematical", "mathematics", "maths"),
    "reasoning": ("hard", "expert", "reasoning", "logic"),
    "writing": ("writing", "creative", "literature", "fiction"),
    "chat": ("chat", "multiturn", "conversation", "conversational"),
    "instruction-following": ("if", "instruction", "instructions"),
    "long-context": ("long", "longer", "longctx"),
}


@cache
def language_names() -> frozenset[str]:
    """Lower-case names of the ISO 639-1 languages, as board names spell them (``chinese``, ``greek``)."""
    names = set()
    for language in pycountry.languages:
        if not hasattr(language, "alpha_2"):
            continue
        for name in (language.name, getattr(language, "common_name", "")):
            words = re.sub(r"\(.*?\)", "", name).lower().split()
            if words:
                names.update({"_".join(words), words[-1]})
    return frozenset(names)


def arena_board_category(arena: str, board: str) -> tuple[str | None, bool]:
    """(category slug, enabled) for an arena board, by the documented rule (docs/methodology.md).

    1. An arena that measures one category (vision, image, video, webdev)
       maps every board to it.
    2. A text arena's general board (``full``) is general evidence: enabled,
       no category.
    3. A board restricted to English is a filter of another board: left
       for a curator. A board named after any other language measures
       multilingual (``italian``, ``hard_chinese``).
    4. A board whose words name exactly one category's topic measures it
       (``industry_software_and_it_services`` -> coding).
    5. Anything else waits, disabled and unmapped, for a curator.
    """
    if arena not in TEXT_ARENAS:
        slug = ARENAS.get(arena)
        return slug, slug is not None
    name = board.lower()
    if name in GENERAL_BOARDS:
        return None, True
    words = [word for word in re.split(r"[^a-z]+", name) if word]
    if FILTER_LANGUAGES.intersection(words):
        return None, False
    if language_names().intersection(words):
        return LANGUAGE_CATEGORY, True
    named = {slug for slug, topic in TOPIC_WORDS.items() if any(word in topic for word in words)}
    if len(named) == 1:
        return named.pop(), True
    return None, False


# LMArena's text boards, seeded for curators with the rule's mapping; a board
# not listed here is mapped by the same rule when first met.
SEEDED_TEXT_BOARDS = (
    "full",
    "coding",
    "math",
    "industry_mathematical",
    "creative_writing",
    "industry_writing_and_literature_and_language",
    "if",
    "hard_6",
    "expert",
    "multiturn",
    "long_user",
    "industry_software_and_it_services",
    "chinese",
    "french",
    "german",
    "japanese",
    "korean",
    "russian",
    "spanish",
)


def arena_board_defaults() -> list[tuple[str, str, str | None, bool]]:
    """(arena, board, category slug, enabled) seeded for curators to edit."""
    rows = [
        (arena, board, *arena_board_category(arena, board)) for arena in TEXT_ARENAS for board in SEEDED_TEXT_BOARDS
    ]
    rows += [(arena, "full", *arena_board_category(arena, "full")) for arena in ARENAS if arena not in TEXT_ARENAS]
    return rows


# Benchmark name (as models.dev writes it) -> category slug.
BENCHMARKS = {
    "Aider Polyglot": "coding-generation",
    "Artificial Analysis Coding Agent Index": "coding",
    "Artificial Analysis Coding Index": "coding",
    "CharXiv Reasoning": "vision",
    "GPQA Diamond": "reasoning",
    "Humanity’s Last Exam": "reasoning",
    "LiveCodeBench": "coding-generation",
    "LiveCodeBench Pro": "coding-generation",
    "Long Context Reasoning": "long-context",
    "MRCRv2": "long-context",
    "NL2Repo": "coding-generation",
    "SciCode": "coding-generation",
    "SWE Bench Pro": "coding-debugging",
    "SWE-Atlas Codebase QnA": "coding-explanation",
    "SWE-Atlas Refactoring": "coding",
    "SWE-Atlas Test Writing": "coding-generation",
    "SWE-Bench Multilingual": "coding-debugging",
    "SWE-Bench Pro": "coding-debugging",
    "SWE-Bench Verified": "coding-debugging",
    "Terminal Bench 2.0": "coding",
    "Terminal Bench 2.1": "coding",
    "Terminal-Bench": "coding",
    "Terminal-Bench 2.1": "coding",
    "Terminal-Bench Hard": "coding",
}
